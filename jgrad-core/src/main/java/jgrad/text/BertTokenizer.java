package jgrad.text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jgrad.Tensor;
import jgrad.io.AtomicFiles;

/**
 * BERT's tokenizer with the behaviour of Hugging Face's {@code BertTokenizer}: a
 * {@link BasicTokenizer} pass (cleaning, optional lower-casing and accent stripping, punctuation
 * and CJK split), then {@link WordPiece} (greedy longest match first, {@code ##} continuations,
 * {@code [UNK]}), then the special tokens:
 * <pre>
 *   one text:   [CLS] a1 a2 … [SEP]               token type ids 0 0 0 … 0
 *   a pair:     [CLS] a1 … [SEP] b1 … [SEP]        token type ids 0 0 … 0  1 … 1
 * </pre>
 * Batches are truncated to {@code maxLength} (longest first: a token is cut from the end of the
 * longer text, the second text when both are as long, until the pair fits) and padded on the
 * right with {@code [PAD]} (attention mask 0, token type 0), to the longest in the batch or to
 * {@code maxLength}.
 *
 * <p>The vocabulary file {@code vocab.txt} holds one token per line; the line number (from 0) is
 * the id. It comes with every BERT checkpoint (e.g. {@code bert-base-uncased/vocab.txt} on the
 * Hugging Face hub), or {@link WordPieceTrainer} makes one from a corpus.
 *
 * <pre>{@code
 * var tok = BertTokenizer.fromVocabFile(Path.of("vocab.txt"), true);
 * tok.tokenize("Unaffable!");                         // [un, ##aff, ##able, !]
 * var batch = tok.encodeBatch(List.of("a text"), null, 128, Padding.LONGEST);
 * batch.inputIds();   // (B, T) int64, also tokenTypeIds() and attentionMask()
 * }</pre>
 */
public final class BertTokenizer {
    public static final String PAD = "[PAD]";
    public static final String UNK = "[UNK]";
    public static final String CLS = "[CLS]";
    public static final String SEP = "[SEP]";
    public static final String MASK = "[MASK]";
    /** The special tokens, in the order {@link WordPieceTrainer} puts them at the start of a vocabulary. */
    public static final List<String> SPECIAL_TOKENS = List.of(PAD, UNK, CLS, SEP, MASK);
    /** BERT's limit: longer words become {@code [UNK]}. */
    public static final int MAX_INPUT_CHARS_PER_WORD = 100;

    /** How a batch is padded. */
    public enum Padding {
        /** to the longest sequence of the batch */
        LONGEST,
        /** to {@code maxLength} */
        MAX_LENGTH
    }

    /** One encoded text (or pair): the three rows a BERT model takes, all of one length. */
    public record Encoding(int[] inputIds, int[] tokenTypeIds, int[] attentionMask) {
    }

    /** A padded batch: three int64 tensors of shape {@code (B, T)}. */
    public record Batch(Tensor inputIds, Tensor tokenTypeIds, Tensor attentionMask) {
    }

    private final List<String> vocab;
    private final Map<String, Integer> ids;
    private final BasicTokenizer basic;
    private final WordPiece wordPiece;

    /**
     * @param vocab        the tokens by id; must contain the five {@link #SPECIAL_TOKENS}
     * @param lowerCase    lower-case the text (uncased models)
     * @param stripAccents strip accents (Hugging Face's default: the same as {@code lowerCase})
     */
    public BertTokenizer(List<String> vocab, boolean lowerCase, boolean stripAccents) {
        this.vocab = List.copyOf(vocab);
        this.ids = new HashMap<>();
        for (int i = 0; i < this.vocab.size(); i++) {
            ids.putIfAbsent(this.vocab.get(i), i);
        }
        List<String> missing = SPECIAL_TOKENS.stream().filter(t -> !ids.containsKey(t)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("BertTokenizer: the vocabulary lacks the special token(s) " + missing);
        }
        this.basic = new BasicTokenizer(lowerCase, stripAccents, Set.copyOf(SPECIAL_TOKENS));
        this.wordPiece = new WordPiece(Map.copyOf(ids), UNK, MAX_INPUT_CHARS_PER_WORD);
    }

    /** Reads {@code vocab.txt} (one token per line, UTF-8); accents are stripped when lower-casing, as Hugging Face does. */
    public static BertTokenizer fromVocabFile(Path vocabTxt, boolean lowerCase) throws IOException {
        if (!Files.isRegularFile(vocabTxt)) {
            throw new IOException("BertTokenizer: no vocabulary file at " + vocabTxt
                    + " (expected BERT's vocab.txt, one token per line, e.g. from a Hugging Face checkpoint folder)");
        }
        List<String> lines = Files.readAllLines(vocabTxt, StandardCharsets.UTF_8);
        // A final newline leaves no empty token; other lines are tokens exactly as written, minus line-end spaces.
        return new BertTokenizer(lines.stream().map(String::stripTrailing).toList(), lowerCase, lowerCase);
    }

    /** Writes the vocabulary as {@code vocab.txt}, atomically. */
    public void save(Path vocabTxt) throws IOException {
        AtomicFiles.writeString(vocabTxt, String.join("\n", vocab) + "\n");
    }

    /** The tokens of {@code text} without special tokens added; special tokens written in the text stay whole. */
    public List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        for (String word : basic.tokenize(text)) {
            if (ids.containsKey(word) && SPECIAL_TOKENS.contains(word)) {
                tokens.add(word);
            } else {
                tokens.addAll(wordPiece.split(word));
            }
        }
        return tokens;
    }

    /** The ids of the tokens (every token must be in the vocabulary; {@code [UNK]} is). */
    public int[] convertTokensToIds(List<String> tokens) {
        int[] out = new int[tokens.size()];
        for (int i = 0; i < out.length; i++) {
            Integer id = ids.get(tokens.get(i));
            if (id == null) {
                throw new IllegalArgumentException("BertTokenizer: token '" + tokens.get(i) + "' is not in the vocabulary");
            }
            out[i] = id;
        }
        return out;
    }

    /** {@code [CLS] text [SEP]} as ids. */
    public int[] encode(String text) {
        return encode(text, null, 0).inputIds();
    }

    /**
     * One text, or a pair when {@code pair} is not null, with special tokens and token type ids,
     * truncated (longest first) to {@code maxLength} tokens when {@code maxLength > 0}; no padding.
     */
    public Encoding encode(String text, String pair, int maxLength) {
        int[] a = convertTokensToIds(tokenize(text));
        int[] b = pair == null ? null : convertTokensToIds(tokenize(pair));
        int specials = b == null ? 2 : 3;
        if (maxLength > 0) {
            if (maxLength < specials) {
                throw new IllegalArgumentException("BertTokenizer: maxLength " + maxLength + " leaves no room for the "
                        + specials + " special tokens");
            }
            int lengthA = a.length, lengthB = b == null ? 0 : b.length;
            while (lengthA + lengthB > maxLength - specials) {
                if (b == null || lengthA > lengthB) {
                    lengthA--;
                } else {
                    lengthB--;
                }
            }
            a = Arrays.copyOf(a, lengthA);
            b = b == null ? null : Arrays.copyOf(b, lengthB);
        }
        int length = a.length + (b == null ? 0 : b.length) + specials;
        int[] inputIds = new int[length], tokenTypes = new int[length], mask = new int[length];
        Arrays.fill(mask, 1);
        int at = 0;
        inputIds[at++] = ids.get(CLS);
        for (int id : a) inputIds[at++] = id;
        inputIds[at++] = ids.get(SEP);
        if (b != null) {
            int firstOfB = at;
            for (int id : b) inputIds[at++] = id;
            inputIds[at++] = ids.get(SEP);
            Arrays.fill(tokenTypes, firstOfB, length, 1);
        }
        return new Encoding(inputIds, tokenTypes, mask);
    }

    /**
     * Encodes texts (and pairs, when {@code pairs} is not null) and pads them on the right into
     * {@code (B, T)} int64 tensors.
     */
    public Batch encodeBatch(List<String> texts, List<String> pairs, int maxLength, Padding padding) {
        if (pairs != null && pairs.size() != texts.size()) {
            throw new IllegalArgumentException("BertTokenizer.encodeBatch: " + texts.size() + " texts but " + pairs.size() + " pairs");
        }
        if (padding == Padding.MAX_LENGTH && maxLength <= 0) {
            throw new IllegalArgumentException("BertTokenizer.encodeBatch: padding to maxLength needs maxLength > 0");
        }
        List<Encoding> encodings = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            encodings.add(encode(texts.get(i), pairs == null ? null : pairs.get(i), maxLength));
        }
        return collate(encodings, padding == Padding.MAX_LENGTH ? maxLength : 0);
    }

    /**
     * Pads encodings on the right into {@code (B, T)} int64 tensors: {@code T = width}, or the longest
     * encoding when {@code width} is 0. Encode a corpus once, then collate batches of it.
     */
    public Batch collate(List<Encoding> encodings, int width) {
        int longest = encodings.stream().mapToInt(e -> e.inputIds().length).max().orElse(0);
        if (width == 0) {
            width = longest;
        } else if (width < longest) {
            throw new IllegalArgumentException("BertTokenizer.collate: an encoding has " + longest + " tokens, more than the width " + width);
        }
        int rows = encodings.size();
        long[] inputIds = new long[rows * width], tokenTypes = new long[rows * width], mask = new long[rows * width];
        Arrays.fill(inputIds, ids.get(PAD));
        for (int r = 0; r < rows; r++) {
            Encoding e = encodings.get(r);
            for (int t = 0; t < e.inputIds().length; t++) {
                inputIds[r * width + t] = e.inputIds()[t];
                tokenTypes[r * width + t] = e.tokenTypeIds()[t];
                mask[r * width + t] = e.attentionMask()[t];
            }
        }
        return new Batch(Tensor.of(inputIds, rows, width), Tensor.of(tokenTypes, rows, width), Tensor.of(mask, rows, width));
    }

    /** The ids of the special tokens (never masked for pretraining, left out by {@link #decode}). */
    public java.util.Set<Integer> specialIds() {
        java.util.Set<Integer> out = new java.util.HashSet<>();
        SPECIAL_TOKENS.forEach(t -> out.add(ids.get(t)));
        return out;
    }

    /** The text of {@code ids}: tokens joined by spaces, continuations glued on, special tokens left out when asked. */
    public String decode(int[] ids, boolean skipSpecialTokens) {
        var out = new StringBuilder();
        for (int id : ids) {
            String token = idToToken(id);
            if (skipSpecialTokens && SPECIAL_TOKENS.contains(token)) {
                continue;
            }
            if (token.startsWith(WordPiece.CONTINUATION) && !out.isEmpty()) {
                out.append(token, WordPiece.CONTINUATION.length(), token.length());
            } else {
                out.append(out.isEmpty() ? "" : " ").append(token);
            }
        }
        return out.toString();
    }

    public String idToToken(int id) {
        if (id < 0 || id >= vocab.size()) {
            throw new IllegalArgumentException("BertTokenizer: id " + id + " is outside the vocabulary [0, " + vocab.size() + ")");
        }
        return vocab.get(id);
    }

    /** The id of {@code token}, e.g. {@code tokenToId(BertTokenizer.MASK)}; -1 when absent. */
    public int tokenToId(String token) {
        return ids.getOrDefault(token, -1);
    }

    public int vocabSize() {
        return vocab.size();
    }

    public List<String> vocab() {
        return vocab;
    }

    public BasicTokenizer basicTokenizer() {
        return basic;
    }
}
