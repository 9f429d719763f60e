package jgrad.io;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * jgrad's one JSON reader and writer (RFC 8259), used for safetensors headers, notebooks and
 * GPT-2's {@code vocab.json}.
 *
 * <p>Values map to Java as: object → {@code Map<String, Object>} in file order, array →
 * {@code List<Object>}, string → {@code String}, integer → {@code Long} (or {@code BigInteger}
 * beyond 64 bits, so no digit is lost), number with a fraction or exponent → {@code Double},
 * {@code true/false} → {@code Boolean}, {@code null} → {@code null}.
 *
 * <pre>{@code
 * Object header = Json.parse("{\"shape\": [2, 3], \"dtype\": \"F32\"}", "model.safetensors");
 * Json.write(header);          // {"shape":[2,3],"dtype":"F32"}
 * Json.writeJupyter(header);   // "{\n \"dtype\": \"F32\",\n \"shape\": [\n  2,\n  3\n ]\n}\n"
 * }</pre>
 *
 * <p>Parsing is strict: no comments, trailing commas, duplicate keys, leading zeros or raw control
 * characters in strings. An error names the line and column (both from 1) where the text goes wrong.
 */
public final class Json {
    /** Objects and arrays may nest this deep; deeper text is refused before it can overflow the stack. */
    public static final int MAX_DEPTH = 512;

    private Json() {
    }

    /** Text that is not valid JSON; the message reads {@code [source: ]line L, column C: what is wrong}. */
    public static final class SyntaxException extends IOException {
        SyntaxException(String message) {
            super(message);
        }
    }

    /** Parses one JSON value that fills the whole text (surrounding whitespace allowed). */
    public static Object parse(String text) throws SyntaxException {
        return new Parser(text, null).document();
    }

    /** As {@link #parse(String)}; {@code source} (a file name, say) starts every error message. */
    public static Object parse(String text, String source) throws SyntaxException {
        return new Parser(text, source).document();
    }

    /** Compact JSON: no whitespace, object keys in map order. */
    public static String write(Object value) {
        var out = new StringBuilder();
        new Writer(out, false).value(value, 0);
        return out.toString();
    }

    /**
     * JSON in the layout nbformat saves notebooks in, Python's
     * {@code json.dumps(value, indent=1, sort_keys=True, ensure_ascii=False) + "\n"}: one space of
     * indent a level, keys sorted, non-ASCII characters as they are, a newline at the end. A notebook
     * written here and one saved by Jupyter differ only where their contents differ.
     */
    public static String writeJupyter(Object value) {
        var out = new StringBuilder();
        new Writer(out, true).value(value, 0);
        return out.append('\n').toString();
    }

    /** A short phrase naming a parsed value for error messages: "the number 3", "an array", "nothing" for null. */
    public static String describe(Object value) {
        return switch (value) {
            case null -> "nothing";
            case String s -> "the string \"" + s + "\"";
            case Map<?, ?> m -> "an object";
            case List<?> l -> "an array";
            case Boolean b -> "the boolean " + b;
            default -> "the number " + value;
        };
    }

    // ---------------------------------------------------------------------------------------------
    // Reading: one method per rule of RFC 8259's grammar, where ws = *( ' ' / '\t' / '\n' / '\r' )
    // ---------------------------------------------------------------------------------------------

    private static final class Parser {
        private final String text;
        private final String source;
        private int position;

        Parser(String text, String source) {
            this.text = text;
            this.source = source;
        }

        /** JSON-text = ws value ws */
        Object document() throws SyntaxException {
            skipWhitespace();
            Object value = value(0);
            skipWhitespace();
            if (position < text.length()) {
                throw expected("the end of the text after the JSON value");
            }
            return value;
        }

        /** value = object / array / string / number / "true" / "false" / "null"; {@code depth} counts enclosing brackets. */
        private Object value(int depth) throws SyntaxException {
            return switch (position < text.length() ? text.charAt(position) : '\0') {
                case '{' -> object(depth + 1);
                case '[' -> array(depth + 1);
                case '"' -> string();
                case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> number();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> throw expected("a value");
            };
        }

        /** object = '{' ws [ member *( ws ',' ws member ) ] ws '}' ; member = string ws ':' ws value */
        private Map<String, Object> object(int depth) throws SyntaxException {
            checkDepth(depth);
            var object = new LinkedHashMap<String, Object>();
            position++;
            skipWhitespace();
            if (at('}')) {
                position++;
                return object;
            }
            while (true) {
                skipWhitespace();
                if (!at('"')) {
                    throw expected("'\"' to start a key");
                }
                int keyStart = position;
                String key = string();
                if (object.containsKey(key)) {
                    position = keyStart;
                    throw error("duplicate key \"" + key + "\"");
                }
                skipWhitespace();
                expect(':', "':' after a key");
                skipWhitespace();
                object.put(key, value(depth));
                skipWhitespace();
                if (!at(',')) {
                    expect('}', "',' or '}' after a value");
                    return object;
                }
                position++;
            }
        }

        /** array = '[' ws [ value *( ws ',' ws value ) ] ws ']' */
        private List<Object> array(int depth) throws SyntaxException {
            checkDepth(depth);
            var array = new ArrayList<Object>();
            position++;
            skipWhitespace();
            if (at(']')) {
                position++;
                return array;
            }
            while (true) {
                skipWhitespace();
                array.add(value(depth));
                skipWhitespace();
                if (!at(',')) {
                    expect(']', "',' or ']' after a value");
                    return array;
                }
                position++;
            }
        }

        /**
         * string = '"' *char '"' ; char = any character from U+0020 except '"' and '\', or an escape:
         * \" \\ \/ \b \f \n \r \t or \\uXXXX. A character beyond U+FFFF is written as two \\uXXXX
         * escapes (a surrogate pair); appending both UTF-16 halves rebuilds it.
         */
        private String string() throws SyntaxException {
            int start = position;
            position++;
            var out = new StringBuilder();
            while (true) {
                if (position >= text.length() || (text.charAt(position) == '\\' && position + 1 == text.length())) {
                    position = start;
                    throw error("unterminated string");
                }
                char c = text.charAt(position);
                if (c == '"') {
                    position++;
                    return out.toString();
                }
                if (c < 0x20) {
                    throw error(String.format("control character U+%04X in a string (write it as an escape)", (int) c));
                }
                if (c != '\\') {
                    out.append(c);
                    position++;
                    continue;
                }
                char escape = text.charAt(position + 1);
                switch (escape) {
                    case '"', '\\', '/' -> out.append(escape);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (position + 6 > text.length() || !isHex(text, position + 2, position + 6)) {
                            throw error("expected four hex digits after '\\u'");
                        }
                        out.append((char) HexFormat.fromHexDigits(text, position + 2, position + 6));
                        position += 4;
                    }
                    default -> throw error("unknown escape '\\" + escape + "'");
                }
                position += 2;
            }
        }

        /** number = [ '-' ] ( '0' / digit1-9 *digit ) [ '.' 1*digit ] [ ( 'e' / 'E' ) [ '+' / '-' ] 1*digit ] */
        private Object number() throws SyntaxException {
            int start = position;
            if (at('-')) position++;
            if (at('0')) {
                position++;
            } else {
                digits("a digit");
            }
            boolean integral = true;
            if (at('.')) {
                integral = false;
                position++;
                digits("a digit after '.'");
            }
            if (at('e') || at('E')) {
                integral = false;
                position++;
                if (at('+') || at('-')) position++;
                digits("a digit in the exponent");
            }
            String token = text.substring(start, position);
            if (integral) {
                try {
                    return Long.parseLong(token);
                } catch (NumberFormatException beyond64Bits) {
                    return new BigInteger(token);
                }
            }
            double value = Double.parseDouble(token);
            if (Double.isInfinite(value)) {
                position = start;
                throw error("the number " + token + " is too large for a double");
            }
            return value;
        }

        /** 1*digit */
        private void digits(String what) throws SyntaxException {
            if (!isDigit()) {
                throw expected(what);
            }
            while (isDigit()) position++;
        }

        private Object literal(String word, Object value) throws SyntaxException {
            if (!text.startsWith(word, position)) {
                throw expected(word);
            }
            position += word.length();
            return value;
        }

        private void checkDepth(int depth) throws SyntaxException {
            if (depth > MAX_DEPTH) {
                throw error("nesting deeper than " + MAX_DEPTH + " levels");
            }
        }

        private void skipWhitespace() {
            while (at(' ') || at('\t') || at('\n') || at('\r')) position++;
        }

        private boolean at(char c) {
            return position < text.length() && text.charAt(position) == c;
        }

        private boolean isDigit() {
            return position < text.length() && text.charAt(position) >= '0' && text.charAt(position) <= '9';
        }

        private static boolean isHex(String text, int from, int to) {
            return text.substring(from, to).chars().allMatch(HexFormat::isHexDigit);
        }

        private void expect(char c, String what) throws SyntaxException {
            if (!at(c)) {
                throw expected(what);
            }
            position++;
        }

        /** "expected X, got 'what is here'" (the rest of the line, up to 10 characters), or the end of input. */
        private SyntaxException expected(String what) {
            if (position >= text.length()) {
                return error("unexpected end of input, expected " + what);
            }
            int end = position;
            while (end < text.length() && end < position + 10 && text.charAt(end) != '\n') end++;
            return error("expected " + what + ", got '" + text.substring(position, end) + "'");
        }

        /** An exception naming the line and column (both from 1) of the current position. */
        private SyntaxException error(String message) {
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < position; i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            String where = "line " + line + ", column " + (position - lineStart + 1) + ": ";
            return new SyntaxException(source == null ? where + message : source + ": " + where + message);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Writing
    // ---------------------------------------------------------------------------------------------

    /** Writes values compactly, or with {@code jupyter} in nbformat's layout (see {@link #writeJupyter}). */
    private record Writer(StringBuilder out, boolean jupyter) {

        void value(Object value, int depth) {
            switch (value) {
                case null -> out.append("null");
                case String s -> string(s);
                case Boolean b -> out.append(b);
                case Long _, Integer _, BigInteger _ -> out.append(value);
                case Double _, Float _ -> {
                    if (!Double.isFinite(((Number) value).doubleValue())) {
                        throw new IllegalArgumentException("JSON cannot hold " + value);
                    }
                    out.append(value);
                }
                case Map<?, ?> map -> object(map, checkedDepth(depth));
                case List<?> list -> array(list, checkedDepth(depth));
                default -> throw new IllegalArgumentException("JSON cannot hold a " + value.getClass().getName());
            }
        }

        /**
         * Containers nest at most {@link #MAX_DEPTH} deep, as the parser reads them: deeper (or
         * cyclic) structures are refused before they can overflow the stack.
         */
        private static int checkedDepth(int depth) {
            if (depth + 1 > MAX_DEPTH) {
                throw new IllegalArgumentException("Json.write: nesting deeper than " + MAX_DEPTH
                        + " levels (Json.parse would refuse it; is the structure cyclic?)");
            }
            return depth;
        }

        private void object(Map<?, ?> map, int depth) {
            var keys = new ArrayList<String>();
            for (Object key : map.keySet()) {
                if (!(key instanceof String name)) {
                    throw new IllegalArgumentException("JSON object keys are strings, not " + key);
                }
                keys.add(name);
            }
            if (jupyter) {
                keys.sort(null);   // nbformat saves with sort_keys=True
            }
            out.append('{');
            for (int i = 0; i < keys.size(); i++) {
                separate(i, depth + 1);
                string(keys.get(i));
                out.append(jupyter ? ": " : ":");
                value(map.get(keys.get(i)), depth + 1);
            }
            close('}', keys.size(), depth);
        }

        private void array(List<?> list, int depth) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                separate(i, depth + 1);
                value(list.get(i), depth + 1);
            }
            close(']', list.size(), depth);
        }

        /** Before item {@code i}: a comma after the previous item, then in Jupyter's layout a new indented line. */
        private void separate(int i, int depth) {
            if (i > 0) out.append(',');
            newLine(depth);
        }

        /** An empty container closes on its own line's bracket: {} and []. */
        private void close(char bracket, int size, int depth) {
            if (size > 0) newLine(depth);
            out.append(bracket);
        }

        private void newLine(int depth) {
            if (jupyter) out.append('\n').repeat(' ', depth);
        }

        /**
         * Escapes what JSON requires and nothing more, as Python's json with ensure_ascii=False: the
         * quote, the backslash and control characters. A lone UTF-16 surrogate, which no UTF-8 file
         * can hold, is written as a \\uXXXX escape so that it reads back unchanged.
         */
        private void string(String s) {
            out.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20 || isLoneSurrogate(s, i)) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }

        private static boolean isLoneSurrogate(String s, int i) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                return i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
            }
            return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
        }
    }
}
