package jgrad.text;

import jgrad.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * A character-level tokenizer: each distinct Unicode code point of a training text is one token,
 * and ids follow code point order (the "sorted unique chars" vocabulary of char-RNN and nanoGPT's
 * Shakespeare example).
 *
 * <pre>{@code
 * var tok = CharTokenizer.fromText("hello world");
 * tok.vocabulary();               // " dehlorw"  (id 0 is ' ', id 1 is 'd', ...)
 * int[] ids = tok.encode("hold");  // [3, 5, 4, 1]
 * tok.decode(ids);                 // "hold"
 * tok.encode("hi");                // IllegalArgumentException: 'i' (U+0069) at index 1 is not in the vocabulary
 * }</pre>
 *
 * <p>Characters missing from the vocabulary are an error by default. Build the tokenizer with
 * {@link #fromText(String, int)} to map them to a chosen "unknown" character instead.
 *
 * <p>Code points, not Java {@code char}s, are the unit, so an emoji is one token rather than two
 * surrogate halves.
 */
public final class CharTokenizer implements Tokenizer {
    private static final String HEADER = "# jgrad char tokenizer, version 1";
    private static final int NO_UNKNOWN = -1;

    /** The code point of each id, strictly ascending, so {@code id = binarySearch(codePoints, c)}. */
    private final int[] codePoints;
    /** The id that unknown characters map to, or {@link #NO_UNKNOWN} to reject them. */
    private final int unknownId;

    private CharTokenizer(int[] codePoints, int unknownId) {
        this.codePoints = codePoints;
        this.unknownId = unknownId;
    }

    /** The vocabulary of all distinct code points of {@code text}; unknown characters are rejected by {@link #encode}. */
    public static CharTokenizer fromText(String text) {
        return new CharTokenizer(vocabularyOf("CharTokenizer.fromText", text).toArray(), NO_UNKNOWN);
    }

    /**
     * The vocabulary of {@code text} plus {@code unknownCodePoint}; {@link #encode} maps any
     * character outside the vocabulary to {@code unknownCodePoint}.
     *
     * <pre>{@code
     * var tok = CharTokenizer.fromText("abc", '?');
     * tok.decode(tok.encode("abz"));  // "ab?"
     * }</pre>
     */
    public static CharTokenizer fromText(String text, int unknownCodePoint) {
        requireScalarValue("CharTokenizer.fromText", unknownCodePoint);
        int[] codePoints = IntStream.concat(vocabularyOf("CharTokenizer.fromText", text), IntStream.of(unknownCodePoint))
                .sorted().distinct().toArray();
        return new CharTokenizer(codePoints, Arrays.binarySearch(codePoints, unknownCodePoint));
    }

    /** One id per code point of {@code text}. */
    @Override
    public int[] encode(String text) {
        int[] ids = new int[text.codePointCount(0, text.length())];
        int count = 0;
        for (int index = 0; index < text.length(); ) {
            int codePoint = text.codePointAt(index);
            int id = Arrays.binarySearch(codePoints, codePoint);
            if (id < 0) {
                if (unknownId == NO_UNKNOWN) {
                    throw new IllegalArgumentException("CharTokenizer.encode: " + describe(codePoint) + " at index " + index
                            + " is not in the vocabulary of " + codePoints.length
                            + " characters (build it with CharTokenizer.fromText(text, unknownCodePoint) to map unknown characters)");
                }
                id = unknownId;
            }
            ids[count++] = id;
            index += Character.charCount(codePoint);
        }
        return ids;
    }

    @Override
    public String decode(int... ids) {
        var out = new StringBuilder(ids.length);
        for (int position = 0; position < ids.length; position++) {
            out.appendCodePoint(codePoints[checkedId("CharTokenizer.decode", ids[position], position)]);
        }
        return out.toString();
    }

    @Override
    public int vocabSize() {
        return codePoints.length;
    }

    @Override
    public byte[] tokenBytes(int id) {
        return Character.toString(codePoints[checkedId("CharTokenizer.tokenBytes", id, 0)]).getBytes(StandardCharsets.UTF_8);
    }

    /** All characters of the vocabulary in id order, e.g. {@code "\n !$&',-.3:;?ABC..."} for Shakespeare. */
    public String vocabulary() {
        return new String(codePoints, 0, codePoints.length);
    }

    @Override
    public String toString() {
        return "CharTokenizer(vocabSize=" + codePoints.length
                + (unknownId == NO_UNKNOWN ? "" : ", unknown=" + describe(codePoints[unknownId])) + ")";
    }

    // ---------------------------------------------------------------------------------------------
    // Files
    // ---------------------------------------------------------------------------------------------

    /**
     * Writes the vocabulary to a UTF-8 text file, atomically (a temporary file renamed over
     * {@code path}). The format, one item per line:
     * <pre>
     * # jgrad char tokenizer, version 1
     * unknown none          (or: unknown U+003F)
     * size 3
     * U+000A                (the character of id 0, as hex code point)
     * U+0020                (id 1)
     * U+0061                (id 2)
     * </pre>
     * Hex code points keep newlines and other invisible characters unambiguous.
     */
    public void save(Path path) throws IOException {
        var text = new StringBuilder(HEADER).append('\n');
        text.append("unknown ").append(unknownId == NO_UNKNOWN ? "none" : hex(codePoints[unknownId])).append('\n');
        text.append("size ").append(codePoints.length).append('\n');
        for (int codePoint : codePoints) {
            text.append(hex(codePoint)).append('\n');
        }
        AtomicFiles.writeString(path, text.toString());
    }

    /** Reads a file written by {@link #save}, checking every line. */
    public static CharTokenizer load(Path path) throws IOException {
        var reader = new LineReader("CharTokenizer.load(" + path + ")", Files.readAllLines(path, StandardCharsets.UTF_8));
        reader.expect(HEADER);
        String unknown = reader.value("unknown");
        int unknownCodePoint = unknown.equals("none") ? NO_UNKNOWN : parseCodePoint(reader, unknown);
        int size = reader.count("size");
        int[] codePoints = new int[size];
        for (int id = 0; id < size; id++) {
            codePoints[id] = parseCodePoint(reader, reader.fields(1, "a code point like U+0041")[0]);
            if (id > 0 && codePoints[id] <= codePoints[id - 1]) {
                throw reader.error("characters must be in strictly ascending order, " + hex(codePoints[id])
                        + " follows " + hex(codePoints[id - 1]));
            }
        }
        reader.expectEnd();
        int unknownId = NO_UNKNOWN;
        if (unknownCodePoint != NO_UNKNOWN) {
            unknownId = Arrays.binarySearch(codePoints, unknownCodePoint);
            if (unknownId < 0) {
                throw new IOException("CharTokenizer.load(" + path + "): the unknown character " + unknown + " is not in the vocabulary");
            }
        }
        return new CharTokenizer(codePoints, unknownId);
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------

    private int checkedId(String op, int id, int position) {
        if (id < 0 || id >= codePoints.length) {
            throw new IllegalArgumentException(op + ": token id " + id + " at position " + position
                    + " is outside the vocabulary [0, " + codePoints.length + ")");
        }
        return id;
    }

    private static int parseCodePoint(LineReader reader, String text) throws IOException {
        if (text.matches("U\\+[0-9A-F]{4,6}")) {
            int codePoint = Integer.parseInt(text.substring(2), 16);
            if (isScalarValue(codePoint)) {
                return codePoint;
            }
        }
        throw reader.error("expected a code point like U+0041 (at most U+10FFFF, not a surrogate), got '" + text + "'");
    }

    /**
     * The distinct code points of {@code text}, sorted. A lone surrogate (half of a pair, e.g. from
     * cutting a String between the two chars of an emoji) is no character: it has no UTF-8 form, so
     * it could be neither saved nor streamed as bytes, and is rejected here with its index.
     */
    private static IntStream vocabularyOf(String op, String text) {
        for (int index = 0; index < text.length(); ) {
            int codePoint = text.codePointAt(index);
            if (!isScalarValue(codePoint)) {
                throw new IllegalArgumentException(op + ": unpaired surrogate " + hex(codePoint) + " at index " + index
                        + " is not a character (the text is cut inside a surrogate pair?)");
            }
            index += Character.charCount(codePoint);
        }
        return text.codePoints().sorted().distinct();
    }

    private static boolean isScalarValue(int codePoint) {
        return Character.isValidCodePoint(codePoint) && !(codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE);
    }

    private static void requireScalarValue(String op, int codePoint) {
        if (!isScalarValue(codePoint)) {
            throw new IllegalArgumentException(op + ": " + String.format("0x%X", codePoint)
                    + " is not a Unicode scalar value (a code point up to U+10FFFF that is not a surrogate)");
        }
    }

    private static String hex(int codePoint) {
        return String.format("U+%04X", codePoint);
    }

    /** {@code 'a' (U+0061)}; invisible characters are shown by code point only. */
    private static String describe(int codePoint) {
        boolean visible = !Character.isISOControl(codePoint) && !Character.isWhitespace(codePoint)
                && Character.getType(codePoint) != Character.NON_SPACING_MARK;
        return (visible ? "'" + Character.toString(codePoint) + "' (" + hex(codePoint) + ")" : "character " + hex(codePoint));
    }
}
