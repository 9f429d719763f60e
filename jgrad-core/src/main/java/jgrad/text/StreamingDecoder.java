package jgrad.text;

import java.util.Arrays;

/**
 * Turns token ids arriving one at a time into text as soon as it is complete, for printing a
 * model's output while it is generated.
 *
 * <p>With byte-level BPE a character can be split across tokens: "é" is the bytes C3 A9, and a
 * token may end after C3. Decoding each token on its own would print U+FFFD there. This decoder
 * keeps the bytes of an unfinished character until the next token completes it, and emits
 * everything before it.
 *
 * <pre>{@code
 * var stream = new StreamingDecoder(tokenizer);
 * for (int id : generatedIds) {
 *     System.out.print(stream.push(id));   // prints text as soon as it is complete
 * }
 * System.out.print(stream.flush());        // whatever is left (U+FFFD for a cut-off character)
 * }</pre>
 *
 * <p>The pieces join to exactly {@code tokenizer.decode(allIds)}, ill-formed bytes included: a byte
 * that cannot continue the held bytes is decided at once, so only a prefix of a possibly valid
 * character (at most 3 bytes) is ever held back.
 */
public final class StreamingDecoder {
    private final Tokenizer tokenizer;
    /** Bytes received but not yet emitted: the start of an unfinished character. */
    private byte[] pending = new byte[8];
    private int pendingLength;

    public StreamingDecoder(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** Adds one token and returns the text completed by it (often the token's text, possibly ""). */
    public String push(int id) {
        byte[] bytes = tokenizer.tokenBytes(id);
        if (pendingLength + bytes.length > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(2 * pending.length, pendingLength + bytes.length));
        }
        System.arraycopy(bytes, 0, pending, pendingLength, bytes.length);
        pendingLength += bytes.length;
        return drain(false);
    }

    /** Returns the held-back bytes decoded (an unfinished character becomes U+FFFD) and starts afresh. */
    public String flush() {
        return drain(true);
    }

    private String drain(boolean endOfInput) {
        var out = new StringBuilder();
        int consumed = Utf8.decode(pending, 0, pendingLength, out, endOfInput);
        System.arraycopy(pending, consumed, pending, 0, pendingLength - consumed);
        pendingLength -= consumed;
        return out.toString();
    }
}
