package jgrad.text;

import jgrad.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A byte-level byte-pair-encoding tokenizer, as in GPT-2.
 *
 * <p>Text is UTF-8 encoded, so any string has a tokenization: the 256 byte values are tokens, and
 * each learned <em>merge</em> {@code (left, right) -> result} adds a token for a frequent pair of
 * adjacent tokens. Encoding cuts the text into chunks ({@link Gpt2PreTokenizer}), turns each chunk
 * into byte tokens, and applies merges by <em>rank</em> (the order they were learned): always the
 * lowest-rank pair present next, the leftmost occurrence first. Decoding concatenates the tokens'
 * bytes and decodes them as UTF-8.
 *
 * <pre>{@code
 * var tok = BpeTokenizer.train(text, 512);                     // 256 bytes + 256 merges
 * int[] ids = tok.encode("To be, or not to be");
 * tok.decode(ids);                                             // "To be, or not to be"
 *
 * var gpt2 = BpeTokenizer.fromGpt2Files(Path.of("vocab.json"), Path.of("merges.txt"));
 * gpt2.encodeWithSpecialTokens("Hello<|endoftext|>");         // [15496, 50256]
 * }</pre>
 *
 * <p>Special tokens (such as {@code <|endoftext|>}) are whole tokens that merges never produce.
 * {@link #encode} treats their text like any other text, so user input cannot inject them;
 * {@link #encodeWithSpecialTokens} recognizes them.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class BpeTokenizer implements Tokenizer {

    /** One merge rule: the adjacent tokens {@code left, right} become the token {@code result}. */
    public record Merge(int left, int right, int result) {
    }

    /** GPT-2's end-of-text token, which separates documents. */
    public static final String ENDOFTEXT = "<|endoftext|>";

    private static final String HEADER = "# jgrad byte-level BPE tokenizer, version 1";
    /**
     * The most ids a vocabulary may span, eight times the largest in use today (about 256k), so
     * that a file claiming an id of two billion fails before an array that long is allocated.
     */
    static final int MAX_VOCAB_SIZE = 1 << 21;

    /** Chunk encodings are cached; the cache is emptied when it grows past this many entries. */
    private static final int CACHE_LIMIT = 1 << 16;

    /** The bytes of each id; {@code null} for an id the vocabulary skips. */
    private final byte[][] vocab;
    /** The id of the one-byte token for each byte value, or -1 if the vocabulary lacks it. */
    private final int[] byteToId = new int[256];
    /** Merges in rank order: rank {@code r} is {@code merges.get(r)}. */
    private final List<Merge> merges;
    /** {@link BpeTrainer#pairKey} of (left, right) to the merge's rank. */
    private final Map<Long, Integer> rankOfPair = new HashMap<>();
    /** Special token text to id, in the order they were added. */
    private final Map<String, Integer> specialTokens;
    /** Matches any special token, longest first; {@code null} when there are none. */
    private final Pattern specialTokenPattern;
    private final Map<String, int[]> chunkCache = new ConcurrentHashMap<>();

    /**
     * Checks and indexes a vocabulary. Every merge's result must hold exactly the bytes of its
     * left and right tokens, no two tokens may hold the same bytes, and every special token's id
     * must hold the UTF-8 bytes of its text.
     */
    BpeTokenizer(byte[][] vocab, List<Merge> merges, Map<String, Integer> specialTokens) {
        this.vocab = vocab;
        this.merges = List.copyOf(merges);
        this.specialTokens = Collections.unmodifiableMap(new LinkedHashMap<>(specialTokens));
        Arrays.fill(byteToId, -1);
        Map<String, Integer> idOfBytes = new HashMap<>();
        for (int id = 0; id < vocab.length; id++) {
            if (vocab[id] == null) {
                continue;
            }
            if (vocab[id].length == 0) {
                throw new IllegalArgumentException("BpeTokenizer: token " + id + " is empty");
            }
            Integer other = idOfBytes.put(latin1(vocab[id]), id);
            if (other != null) {
                throw new IllegalArgumentException("BpeTokenizer: tokens " + other + " and " + id + " hold the same bytes "
                        + HexFormat.ofDelimiter(" ").formatHex(vocab[id]));
            }
            if (vocab[id].length == 1) {
                byteToId[vocab[id][0] & 0xFF] = id;
            }
        }
        for (int rank = 0; rank < this.merges.size(); rank++) {
            Merge merge = this.merges.get(rank);
            String where = "BpeTokenizer: merge " + rank + " " + merge;
            byte[] left = requireToken(where, merge.left());
            byte[] right = requireToken(where, merge.right());
            byte[] result = requireToken(where, merge.result());
            if (!Arrays.equals(result, concat(left, right))) {
                throw new IllegalArgumentException(where + ": the result's bytes are not the left's followed by the right's");
            }
            if (rankOfPair.putIfAbsent(BpeTrainer.pairKey(merge.left(), merge.right()), rank) != null) {
                throw new IllegalArgumentException(where + " repeats the pair of merge "
                        + rankOfPair.get(BpeTrainer.pairKey(merge.left(), merge.right())));
            }
        }
        this.specialTokens.forEach((text, id) -> {
            byte[] bytes = requireToken("BpeTokenizer: special token \"" + text + "\"", id);
            if (!Arrays.equals(bytes, text.getBytes(StandardCharsets.UTF_8))) {
                throw new IllegalArgumentException("BpeTokenizer: special token \"" + text + "\" has id " + id
                        + ", whose bytes are not the text's UTF-8 bytes");
            }
        });
        this.specialTokenPattern = specialTokens.isEmpty() ? null : Pattern.compile(specialTokens.keySet().stream()
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .map(Pattern::quote)
                .collect(Collectors.joining("|")));
    }

    // ---------------------------------------------------------------------------------------------
    // Building a tokenizer
    // ---------------------------------------------------------------------------------------------

    /**
     * Learns merges from {@code text} until the vocabulary has {@code vocabSize} tokens: ids
     * 0..255 are the bytes, merge {@code i} creates id {@code 256 + i}. The vocabulary ends up
     * smaller if the text runs out of pairs. Training is deterministic: ties between equally
     * frequent pairs go to the smallest (left, right) ids. See {@link BpeTrainer} for the algorithm.
     *
     * <pre>{@code
     * var tok = BpeTokenizer.train("aaabdaaabac", 259);
     * tok.merges();   // [Merge[left=97, right=97, result=256], Merge[left=97, right=98, result=257],
     *                 //  Merge[left=256, right=257, result=258]]
     * }</pre>
     */
    public static BpeTokenizer train(String text, int vocabSize) {
        List<Merge> merges = BpeTrainer.train(text, vocabSize);
        byte[][] vocab = new byte[256 + merges.size()][];
        for (int b = 0; b < 256; b++) {
            vocab[b] = new byte[] {(byte) b};
        }
        for (Merge merge : merges) {
            vocab[merge.result()] = concat(vocab[merge.left()], vocab[merge.right()]);
        }
        return new BpeTokenizer(vocab, merges, Map.of());
    }

    /**
     * This tokenizer plus special tokens, given new ids after the current vocabulary in argument
     * order (tokens that are already special keep their ids).
     *
     * <pre>{@code
     * var tok = BpeTokenizer.train(text, 512).withSpecialTokens("<|endoftext|>");
     * tok.specialTokens();   // {<|endoftext|>=512}
     * }</pre>
     */
    public BpeTokenizer withSpecialTokens(String... tokens) {
        Map<String, Integer> specials = new LinkedHashMap<>(specialTokens);
        List<byte[]> grown = new ArrayList<>(Arrays.asList(vocab));
        for (String token : tokens) {
            if (token.isEmpty()) {
                throw new IllegalArgumentException("BpeTokenizer.withSpecialTokens: a special token cannot be empty");
            }
            if (!specials.containsKey(token)) {
                specials.put(token, grown.size());
                grown.add(token.getBytes(StandardCharsets.UTF_8));
            }
        }
        return new BpeTokenizer(grown.toArray(byte[][]::new), merges, specials);
    }

    /**
     * Reads GPT-2's tokenizer files: {@code vocab.json} (token string to id) and {@code merges.txt}
     * (one merge "left right" per line, in rank order, after a {@code #version} line). Tokens are
     * written in GPT-2's byte-to-unicode alphabet, in which each byte is one printable character
     * (a space is 'Ġ', a newline 'Ċ'). {@code <|endoftext|>}, if the vocabulary has it, becomes a
     * special token, as in GPT-2.
     *
     * <p>A small vocabulary may lack some bytes; encoding text that needs one then fails with a
     * message naming it.
     *
     * @throws IOException if a file cannot be read or is malformed (the message names the file, the
     *     line and what was expected), if a merge names a token missing from the vocabulary, if a
     *     token is not written in the byte-to-unicode alphabet, or if a multi-byte token is made by
     *     no merge (a truncated merges file)
     */
    public static BpeTokenizer fromGpt2Files(Path vocabJson, Path mergesTxt) throws IOException {
        return Gpt2Files.read(vocabJson, mergesTxt, List.of(ENDOFTEXT), false);
    }

    /**
     * Like {@link #fromGpt2Files(Path, Path)}, with the vocabulary's special tokens named
     * explicitly: tokens that encoding never makes but {@link #encodeWithSpecialTokens} recognizes.
     *
     * @throws IOException as for {@link #fromGpt2Files(Path, Path)}, and if a named special token is not in the vocabulary
     */
    public static BpeTokenizer fromGpt2Files(Path vocabJson, Path mergesTxt, List<String> specialTokens) throws IOException {
        return Gpt2Files.read(vocabJson, mergesTxt, specialTokens, true);
    }

    // ---------------------------------------------------------------------------------------------
    // Encoding
    // ---------------------------------------------------------------------------------------------

    /**
     * The token ids of {@code text}; the text of special tokens is encoded as ordinary text.
     * An unpaired surrogate, which UTF-8 cannot represent, is encoded as '?' like {@link String#getBytes}.
     *
     * @throws IllegalArgumentException if the text needs a byte for which the vocabulary has no token
     */
    @Override
    public int[] encode(String text) {
        var ids = IntStream.builder();
        encodeOrdinary(text, 0, text.length(), ids);
        return ids.build().toArray();
    }

    /**
     * Like {@link #encode}, but occurrences of special tokens become their ids.
     *
     * <pre>{@code
     * tok.encodeWithSpecialTokens("the end<|endoftext|>Once")   // [..., 512, ...]
     * }</pre>
     */
    public int[] encodeWithSpecialTokens(String text) {
        var ids = IntStream.builder();
        int start = 0;
        if (specialTokenPattern != null) {
            Matcher matcher = specialTokenPattern.matcher(text);
            while (matcher.find()) {
                encodeOrdinary(text, start, matcher.start(), ids);
                ids.add(specialTokens.get(matcher.group()));
                start = matcher.end();
            }
        }
        encodeOrdinary(text, start, text.length(), ids);
        return ids.build().toArray();
    }

    private void encodeOrdinary(String text, int from, int to, IntStream.Builder ids) {
        Matcher chunks = Gpt2PreTokenizer.PATTERN.matcher(text).region(from, to);
        while (chunks.find()) {
            for (int id : encodeChunk(chunks.group(), chunks.start())) {
                ids.add(id);
            }
        }
    }

    /** The tokens of one pre-tokenized chunk (cached: the same words recur all through a text). */
    private int[] encodeChunk(String chunk, int textIndex) {
        int[] cached = chunkCache.get(chunk);
        if (cached != null) {
            return cached;
        }
        byte[] bytes = chunk.getBytes(StandardCharsets.UTF_8);
        int[] tokens = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            tokens[i] = byteToId[bytes[i] & 0xFF];
            if (tokens[i] < 0) {
                throw new IllegalArgumentException(String.format(
                        "BpeTokenizer.encode: the text at index %d (chunk \"%s\") needs byte 0x%02X, which has no token in this vocabulary",
                        textIndex, chunk, bytes[i] & 0xFF));
            }
        }
        int[] merged = applyMerges(tokens);
        if (chunkCache.size() >= CACHE_LIMIT) {
            chunkCache.clear();
        }
        chunkCache.put(chunk, merged);
        return merged;
    }

    /**
     * Applies merges to a chunk's tokens: repeatedly merge the lowest-rank adjacent pair present,
     * leftmost occurrence first, until no adjacent pair has a merge.
     *
     * <p>Rescanning the chunk for the best pair after each merge costs O(n^2) on long chunks (a
     * page of digits or spaces). Instead the tokens form a doubly linked list and a priority queue
     * holds every candidate pair as {@code rank << 32 | position}, so the smallest entry is the
     * lowest rank, leftmost. A merge only creates new pairs with its two neighbours, which are
     * queued; entries made stale by a merge are skipped when they surface (the node was removed,
     * or the pair at that position now has a different rank). Total cost: O(n log n).
     */
    private int[] applyMerges(int[] tokens) {
        int n = tokens.length;
        int[] previous = new int[n];
        int[] next = new int[n];                     // n marks the end of the list
        boolean[] removed = new boolean[n];
        var queue = new PriorityQueue<Long>();
        for (int i = 0; i < n; i++) {
            previous[i] = i - 1;
            next[i] = i + 1;
            if (i + 1 < n) {
                queuePair(queue, tokens, i, i + 1);
            }
        }
        while (!queue.isEmpty()) {
            long entry = queue.poll();
            int rank = (int) (entry >>> 32);
            int i = (int) entry;
            if (removed[i] || next[i] == n || rankOf(tokens[i], tokens[next[i]]) != rank) {
                continue;                            // stale
            }
            // Merge node i with its right neighbour j: i takes the result, j leaves the list.
            int j = next[i];
            tokens[i] = merges.get(rank).result();
            removed[j] = true;
            next[i] = next[j];
            if (next[j] < n) {
                previous[next[j]] = i;
            }
            if (previous[i] >= 0) {
                queuePair(queue, tokens, previous[i], i);
            }
            if (next[i] < n) {
                queuePair(queue, tokens, i, next[i]);
            }
        }
        var out = IntStream.builder();
        for (int i = 0; i < n; i = next[i]) {        // node 0 is never removed: only right nodes are
            out.add(tokens[i]);
        }
        return out.build().toArray();
    }

    private void queuePair(PriorityQueue<Long> queue, int[] tokens, int i, int j) {
        int rank = rankOf(tokens[i], tokens[j]);
        if (rank >= 0) {
            queue.add(((long) rank << 32) | i);
        }
    }

    /** The rank of the merge for (left, right), or -1 if there is none. */
    private int rankOf(int left, int right) {
        return rankOfPair.getOrDefault(BpeTrainer.pairKey(left, right), -1);
    }

    // ---------------------------------------------------------------------------------------------
    // Decoding and accessors
    // ---------------------------------------------------------------------------------------------

    /** The text of {@code ids}: their bytes joined and decoded as UTF-8, ill-formed bytes as U+FFFD. */
    @Override
    public String decode(int... ids) {
        int length = 0;
        for (int position = 0; position < ids.length; position++) {
            length += token("BpeTokenizer.decode", ids[position], position).length;
        }
        byte[] bytes = new byte[length];
        int offset = 0;
        for (int id : ids) {
            System.arraycopy(vocab[id], 0, bytes, offset, vocab[id].length);
            offset += vocab[id].length;
        }
        return Utf8.decode(bytes);
    }

    @Override
    public int vocabSize() {
        return vocab.length;
    }

    @Override
    public byte[] tokenBytes(int id) {
        return token("BpeTokenizer.tokenBytes", id, 0).clone();
    }

    /** The merges in rank order. */
    public List<Merge> merges() {
        return merges;
    }

    /** The special tokens and their ids, in the order they were added. */
    public Map<String, Integer> specialTokens() {
        return specialTokens;
    }

    @Override
    public String toString() {
        return "BpeTokenizer(vocabSize=" + vocab.length + ", merges=" + merges.size()
                + (specialTokens.isEmpty() ? "" : ", specialTokens=" + specialTokens.keySet()) + ")";
    }

    // ---------------------------------------------------------------------------------------------
    // Files
    // ---------------------------------------------------------------------------------------------

    /**
     * Writes the tokenizer to a UTF-8 text file, atomically (a temporary file renamed over
     * {@code path}). The format:
     * <pre>
     * # jgrad byte-level BPE tokenizer, version 1
     * tokens 259            (then one line per token: id, its bytes in hex)
     * 0 00
     * ...
     * 258 616162
     * merges 3              (then one line per merge in rank order: left right result)
     * 97 97 256
     * ...
     * special 1             (then one line per special token id)
     * 258
     * </pre>
     * Pre-tokenization is always {@link Gpt2PreTokenizer}.
     */
    public void save(Path path) throws IOException {
        var hex = HexFormat.of();
        var text = new StringBuilder(HEADER).append('\n');
        long tokenCount = Arrays.stream(vocab).filter(bytes -> bytes != null).count();
        text.append("tokens ").append(tokenCount).append('\n');
        for (int id = 0; id < vocab.length; id++) {
            if (vocab[id] != null) {
                text.append(id).append(' ').append(hex.formatHex(vocab[id])).append('\n');
            }
        }
        text.append("merges ").append(merges.size()).append('\n');
        for (Merge merge : merges) {
            text.append(merge.left()).append(' ').append(merge.right()).append(' ').append(merge.result()).append('\n');
        }
        text.append("special ").append(specialTokens.size()).append('\n');
        for (int id : specialTokens.values()) {
            text.append(id).append('\n');
        }
        AtomicFiles.writeString(path, text.toString());
    }

    /** Reads a file written by {@link #save}, checking every line. */
    public static BpeTokenizer load(Path path) throws IOException {
        var reader = new LineReader("BpeTokenizer.load(" + path + ")", Files.readAllLines(path, StandardCharsets.UTF_8));
        reader.expect(HEADER);
        int tokenCount = reader.count("tokens");
        List<byte[]> vocab = new ArrayList<>();
        for (int t = 0; t < tokenCount; t++) {
            String[] fields = reader.fields(2, "a token id and its bytes in hex");
            int id = reader.nonNegativeInt(fields[0], "a token id");
            if (id < vocab.size()) {
                throw reader.error("token ids must be ascending, got " + id + " after " + (vocab.size() - 1));
            }
            if (id >= MAX_VOCAB_SIZE) {
                throw reader.error("token id " + id + " is beyond the largest vocabulary supported (" + MAX_VOCAB_SIZE + " ids)");
            }
            while (vocab.size() < id) {
                vocab.add(null);                     // an id the vocabulary skips
            }
            vocab.add(reader.hex(fields[1]));
        }
        int mergeCount = reader.count("merges");
        List<Merge> merges = new ArrayList<>();
        for (int m = 0; m < mergeCount; m++) {
            String[] fields = reader.fields(3, "the left, right and result ids of a merge");
            merges.add(new Merge(reader.nonNegativeInt(fields[0], "a token id"), reader.nonNegativeInt(fields[1], "a token id"),
                    reader.nonNegativeInt(fields[2], "a token id")));
        }
        int specialCount = reader.count("special");
        Map<String, Integer> specials = new LinkedHashMap<>();
        for (int s = 0; s < specialCount; s++) {
            int id = reader.nonNegativeInt(reader.fields(1, "a special token id")[0], "a token id");
            if (id >= vocab.size() || vocab.get(id) == null) {
                throw reader.error("special token id " + id + " is not a token");
            }
            specials.put(new String(vocab.get(id), StandardCharsets.UTF_8), id);
        }
        reader.expectEnd();
        try {
            return new BpeTokenizer(vocab.toArray(byte[][]::new), merges, specials);
        } catch (IllegalArgumentException e) {
            throw new IOException("BpeTokenizer.load(" + path + "): " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------

    private byte[] token(String op, int id, int position) {
        if (id < 0 || id >= vocab.length || vocab[id] == null) {
            throw new IllegalArgumentException(op + ": token id " + id + " at position " + position
                    + " is not in the vocabulary (ids 0.." + (vocab.length - 1) + ")");
        }
        return vocab[id];
    }

    private byte[] requireToken(String where, int id) {
        if (id < 0 || id >= vocab.length || vocab[id] == null) {
            throw new IllegalArgumentException(where + ": token id " + id + " is not in the vocabulary");
        }
        return vocab[id];
    }

    static byte[] concat(byte[] left, byte[] right) {
        byte[] out = Arrays.copyOf(left, left.length + right.length);
        System.arraycopy(right, 0, out, left.length, right.length);
        return out;
    }

    /** Bytes as a string of chars 0..255: a cheap map key with byte-wise equality. */
    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
