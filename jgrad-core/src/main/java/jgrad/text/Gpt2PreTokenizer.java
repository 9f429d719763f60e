package jgrad.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GPT-2's pre-tokenization: the regular expression that cuts text into chunks before BPE runs.
 * Merges never cross a chunk boundary, so " the" can become one token but "e t" never does.
 *
 * <pre>{@code
 * Gpt2PreTokenizer.split("I'm  here, 123!");   // ["I", "'m", " ", " here", ",", " 123", "!"]
 * }</pre>
 *
 * <p>The alternatives, tried left to right at each position:
 * <ol>
 *   <li>{@code 's 't 're 've 'm 'll 'd}: English contractions (lower case only, as in GPT-2);</li>
 *   <li>{@code  ?\p{L}+}: a run of letters, with at most one leading space;</li>
 *   <li>{@code  ?\p{N}+}: a run of digits (any script), with at most one leading space;</li>
 *   <li>{@code  ?[^\s\p{L}\p{N}]+}: a run of other symbols (punctuation, emoji, combining marks);</li>
 *   <li>{@code \s+(?!\S)}: whitespace, but not the last space before a word, which stays with the
 *       word ("a   b" splits as "a", "  ", " b");</li>
 *   <li>{@code \s+}: any remaining whitespace (a single space before a word is caught by 2-4).</li>
 * </ol>
 * Every character matches some alternative, so the chunks always concatenate back to the text.
 *
 * <p>Java's {@code \s} means ASCII whitespace unless {@link Pattern#UNICODE_CHARACTER_CLASS} is set;
 * we set it, so {@code \s} is Unicode White_Space (no-break space, em space, ...), close to the
 * Python {@code regex} module that GPT-2's encoder uses.
 */
public final class Gpt2PreTokenizer {
    private Gpt2PreTokenizer() {
    }

    /** The pattern, in GPT-2's spelling. */
    public static final Pattern PATTERN = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    /** The chunks of {@code text}, in order; their concatenation is {@code text}. */
    public static List<String> split(String text) {
        List<String> chunks = new ArrayList<>();
        Matcher matcher = PATTERN.matcher(text);
        while (matcher.find()) {
            chunks.add(matcher.group());
        }
        return chunks;
    }
}
