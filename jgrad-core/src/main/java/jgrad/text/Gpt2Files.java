package jgrad.text;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jgrad.io.Json;

/**
 * GPT-2's tokenizer files: {@code vocab.json} and {@code merges.txt}.
 *
 * <p>Both files write tokens as text, but a byte-level token is a byte string that need not be
 * valid UTF-8. GPT-2 therefore writes each byte as one printable Unicode character: the 188
 * bytes that are already printable Latin-1 characters ({@code !..~}, {@code ¡..¬}, {@code ®..ÿ})
 * stand for themselves, and the other 68 bytes (controls, space, DEL, no-break space, soft
 * hyphen), in increasing order, take the characters U+0100, U+0101, ... So a space (byte 0x20,
 * the 33rd such byte) is U+0120 'Ġ' and a newline (0x0A) is U+010A 'Ċ': " the" is written "Ġthe".
 *
 * <p>{@code merges.txt} starts with a {@code #version: ...} line, then holds one merge per line,
 * "left right" separated by one space, highest priority first.
 */
final class Gpt2Files {
    private Gpt2Files() {
    }

    /** GPT-2's stand-in character for each byte value. */
    private static final int[] BYTE_TO_CHAR = new int[256];
    /** The inverse: the byte of each stand-in character, -1 for characters that stand for none. */
    private static final int[] CHAR_TO_BYTE = new int[256 + 68];

    static {
        Arrays.fill(CHAR_TO_BYTE, -1);
        int nextExtra = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            BYTE_TO_CHAR[b] = printable ? b : nextExtra++;
            CHAR_TO_BYTE[BYTE_TO_CHAR[b]] = b;
        }
    }

    /** A token's bytes written in GPT-2's alphabet, e.g. {@code " the"} as {@code "Ġthe"}. */
    static String toGpt2Text(byte[] bytes) {
        var out = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            out.appendCodePoint(BYTE_TO_CHAR[b & 0xFF]);
        }
        return out.toString();
    }

    /** The bytes of a token written in GPT-2's alphabet; the message names the first character outside it. */
    static byte[] fromGpt2Text(String token) {
        byte[] bytes = new byte[token.length()];
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c >= CHAR_TO_BYTE.length || CHAR_TO_BYTE[c] < 0) {
                throw new IllegalArgumentException(String.format(
                        "character U+%04X at index %d is not in GPT-2's byte-to-unicode alphabet", (int) c, i));
            }
            bytes[i] = (byte) CHAR_TO_BYTE[c];
        }
        return bytes;
    }

    /**
     * Reads both files. {@code specialTokens} are the vocabulary entries that no merge needs to
     * make; with {@code requireSpecials} false, those missing from the vocabulary are ignored.
     */
    static BpeTokenizer read(Path vocabJson, Path mergesTxt, List<String> specialTokens, boolean requireSpecials)
            throws IOException {
        String vocabWhere = "vocab.json (" + vocabJson + ")";
        String mergesWhere = "merges.txt (" + mergesTxt + ")";
        Map<String, Integer> idOfToken = idsOfTokens(Json.parse(readUtf8(vocabJson, vocabWhere), vocabWhere), vocabWhere);

        // vocab.json: id -> bytes.
        int vocabSize = idOfToken.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        byte[][] vocab = new byte[vocabSize][];
        String[] tokenOfId = new String[vocabSize];
        for (var entry : idOfToken.entrySet()) {
            int id = entry.getValue();
            if (tokenOfId[id] != null) {
                throw new IOException(vocabWhere + ": id " + id + " is given to both \"" + tokenOfId[id] + "\" and \"" + entry.getKey() + "\"");
            }
            tokenOfId[id] = entry.getKey();
            try {
                vocab[id] = fromGpt2Text(entry.getKey());
            } catch (IllegalArgumentException e) {
                throw new IOException(vocabWhere + ": token \"" + entry.getKey() + "\" (id " + id + "): " + e.getMessage(), e);
            }
        }

        // merges.txt: one "left right" per line, in rank order.
        List<String> lines = Files.readAllLines(mergesTxt, StandardCharsets.UTF_8);
        List<BpeTokenizer.Merge> merges = new ArrayList<>();
        Set<Integer> mergeResults = new HashSet<>();
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index);
            if ((index == 0 && line.startsWith("#version")) || line.isEmpty()) {
                continue;
            }
            String location = mergesWhere + ": line " + (index + 1);
            String[] parts = line.split(" ", -1);
            if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw new IOException(location + ": expected two tokens separated by one space, got '" + line + "'");
            }
            int left = idInVocab(idOfToken, parts[0], location, "token");
            int right = idInVocab(idOfToken, parts[1], location, "token");
            int result = idInVocab(idOfToken, parts[0] + parts[1], location, "merged token");
            merges.add(new BpeTokenizer.Merge(left, right, result));
            mergeResults.add(result);
        }

        // Every multi-byte token must come from a merge, unless it is declared special.
        Map<String, Integer> specials = new LinkedHashMap<>();
        for (String special : specialTokens) {
            Integer id = idOfToken.get(toGpt2Text(special.getBytes(StandardCharsets.UTF_8)));
            if (id == null && !requireSpecials) {
                continue;
            }
            if (id == null) {
                throw new IOException(vocabWhere + ": the special token \"" + special + "\" is not in the vocabulary");
            }
            specials.put(special, id);
        }
        for (int id = 0; id < vocabSize; id++) {
            if (vocab[id] != null && vocab[id].length > 1 && !mergeResults.contains(id) && !specials.containsValue(id)) {
                throw new IOException(vocabWhere + ": token \"" + tokenOfId[id] + "\" (id " + id
                        + ") is neither a single byte nor made by any merge in " + mergesWhere
                        + " (is merges.txt truncated, or is it a special token that should be declared?)");
            }
        }
        try {
            return new BpeTokenizer(vocab, merges, specials);
        } catch (IllegalArgumentException e) {
            throw new IOException("BpeTokenizer.fromGpt2Files: " + e.getMessage(), e);
        }
    }

    /** vocab.json is one object from token to id, in id order: {"!": 0, "\"": 1, ..., "\u0120the": 262, ...}. */
    private static Map<String, Integer> idsOfTokens(Object json, String where) throws IOException {
        if (!(json instanceof Map<?, ?> object)) {
            throw new IOException(where + ": expected an object from token to id, got " + Json.describe(json));
        }
        Map<String, Integer> idOfToken = new LinkedHashMap<>();
        for (var entry : object.entrySet()) {
            if (!(entry.getValue() instanceof Long id) || id < 0 || id >= BpeTokenizer.MAX_VOCAB_SIZE) {
                throw new IOException(where + ": token \"" + entry.getKey() + "\": expected an integer id in [0, "
                        + BpeTokenizer.MAX_VOCAB_SIZE + "), the largest vocabulary supported, got " + Json.describe(entry.getValue()));
            }
            idOfToken.put((String) entry.getKey(), (int) (long) id);
        }
        return idOfToken;
    }

    private static int idInVocab(Map<String, Integer> idOfToken, String token, String location, String what) throws IOException {
        Integer id = idOfToken.get(token);
        if (id == null) {
            throw new IOException(location + ": " + what + " \"" + token + "\" is not in vocab.json");
        }
        return id;
    }

    private static String readUtf8(Path path, String where) throws IOException {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new IOException(where + ": the file is not valid UTF-8", e);
        }
    }
}
