package jgrad.text;

/**
 * Turns text into token ids and back. Both tokenizers in this package implement it, so models,
 * samplers and the {@link StreamingDecoder} work with either.
 *
 * <pre>{@code
 * Tokenizer tok = CharTokenizer.fromText("hello world");
 * int[] ids = tok.encode("hold");       // [3, 5, 4, 1]
 * tok.decode(ids);                      // "hold"
 * }</pre>
 */
public interface Tokenizer {
    /** The token ids of {@code text}. */
    int[] encode(String text);

    /** The text of a sequence of token ids (ill-formed UTF-8 decodes to U+FFFD). */
    String decode(int... ids);

    /** The number of token ids: every id is in {@code [0, vocabSize())}. */
    int vocabSize();

    /**
     * The UTF-8 bytes one token stands for. For byte-level BPE a token may hold part of a
     * character, which is why streaming works on bytes rather than strings.
     */
    byte[] tokenBytes(int id);
}
