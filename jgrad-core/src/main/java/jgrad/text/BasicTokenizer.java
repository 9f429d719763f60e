package jgrad.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * BERT's first pass over text ({@code BasicTokenizer} in Google's and Hugging Face's code): it
 * cleans the text, cuts it into words and punctuation, and leaves sub-word splitting to
 * {@link WordPiece}. In order:
 * <ol>
 *   <li>clean: drop U+0000, U+FFFD and control characters (Unicode category C*, except tab,
 *       newline and carriage return, which count as whitespace); every whitespace character
 *       (space, tab, newline, carriage return, category Zs) becomes a space;</li>
 *   <li>put spaces around every CJK ideograph, so each one is a word of its own (the CJK
 *       Unified Ideographs blocks and their extensions, and the compatibility ideographs; not
 *       Hangul, Hiragana or Katakana, which are written with spaces or kept whole);</li>
 *   <li>split on whitespace; for every word not in {@code neverSplit}: lower-case it when
 *       {@code lowerCase}, strip accents (decompose to NFD and drop the combining marks, category
 *       Mn) when {@code stripAccents}, then cut it before and after every punctuation character
 *       (ASCII {@code !"#$%&'()*+,-./:;<=>?@[\]^_`{|}~} and Unicode category P*).</li>
 * </ol>
 * <pre>{@code
 * new BasicTokenizer(true, true, Set.of()).tokenize("Héllo, World!")   // [hello, ",", world, "!"]
 * }</pre>
 *
 * @param lowerCase    lower-case every word (the "uncased" BERT models)
 * @param stripAccents strip accents; Hugging Face's default is to follow {@code lowerCase}
 * @param neverSplit   words kept exactly as they are (special tokens such as {@code [CLS]})
 */
public record BasicTokenizer(boolean lowerCase, boolean stripAccents, Set<String> neverSplit) {

    public BasicTokenizer {
        neverSplit = Set.copyOf(neverSplit);
    }

    /** The words and punctuation marks of {@code text}, in order. */
    public List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        for (String word : splitOnWhitespace(spaceAroundCjk(clean(text)))) {
            if (neverSplit.contains(word)) {
                out.add(word);
                continue;
            }
            if (lowerCase) {
                word = word.toLowerCase(Locale.ROOT);
            }
            if (stripAccents) {
                word = stripAccents(word);
            }
            splitOnPunctuation(word, out);
        }
        return out;
    }

    static String clean(String text) {
        var out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == 0 || c == 0xFFFD || isControl(c)) {
                return;
            }
            out.appendCodePoint(isWhitespace(c) ? ' ' : c);
        });
        return out.toString();
    }

    static String spaceAroundCjk(String text) {
        var out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (isCjk(c)) {
                out.append(' ').appendCodePoint(c).append(' ');
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    static List<String> splitOnWhitespace(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split(" +"));
    }

    static String stripAccents(String word) {
        var out = new StringBuilder(word.length());
        Normalizer.normalize(word, Normalizer.Form.NFD).codePoints()
                .filter(c -> Character.getType(c) != Character.NON_SPACING_MARK)
                .forEach(out::appendCodePoint);
        return out.toString();
    }

    /** Appends the pieces of {@code word}: each punctuation character alone, the runs between them whole. */
    private static void splitOnPunctuation(String word, List<String> out) {
        var run = new StringBuilder();
        word.codePoints().forEach(c -> {
            if (isPunctuation(c)) {
                if (!run.isEmpty()) {
                    out.add(run.toString());
                    run.setLength(0);
                }
                out.add(Character.toString(c));
            } else {
                run.appendCodePoint(c);
            }
        });
        if (!run.isEmpty()) {
            out.add(run.toString());
        }
    }

    static boolean isWhitespace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || Character.getType(c) == Character.SPACE_SEPARATOR;
    }

    static boolean isControl(int c) {
        if (c == '\t' || c == '\n' || c == '\r') {
            return false;
        }
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
                || type == Character.PRIVATE_USE || type == Character.SURROGATE;
    }

    /** ASCII non-letters-or-digits count as punctuation even where Unicode calls them symbols ({@code $ + < = > ^ ` | ~}). */
    static boolean isPunctuation(int c) {
        if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    /** The CJK ideograph blocks BERT splits character by character. */
    static boolean isCjk(int c) {
        return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF)
                || (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B820 && c <= 0x2CEAF)
                || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
    }
}
