package jgrad.notebook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Just enough JSON for notebooks: a strict parser and a writer that formats like Jupyter does.
 *
 * <p>Values map to Java as: object → {@code Map<String, Object>} (insertion ordered), array →
 * {@code List<Object>}, string → {@code String}, integer → {@code Long}, other number →
 * {@code Double}, {@code true/false} → {@code Boolean}, {@code null} → {@code null}.
 *
 * <p>The writer uses nbformat's layout — one-space indent, keys sorted, non-ASCII left as is — so a
 * notebook refreshed here and one saved by Jupyter differ only where their contents differ.
 */
final class Json {
    private Json() {
    }

    /** Thrown for text that is not valid JSON; the message names the line and column. */
    static final class SyntaxException extends Exception {
        SyntaxException(String message) {
            super(message);
        }
    }

    static Object parse(String text) throws SyntaxException {
        var parser = new Parser(text);
        parser.skipWhitespace();
        Object value = parser.value();
        parser.skipWhitespace();
        if (parser.position < text.length()) {
            throw parser.error("unexpected text after the end of the JSON value");
        }
        return value;
    }

    /** The value as JSON text in nbformat's layout, ending with a newline. */
    static String write(Object value) {
        var out = new StringBuilder();
        write(value, 0, out);
        return out.append('\n').toString();
    }

    private static void write(Object value, int indent, StringBuilder out) {
        switch (value) {
            case null -> out.append("null");
            case String s -> writeString(s, out);
            case Boolean b -> out.append(b);
            case Long l -> out.append(l);
            case Integer i -> out.append(i);
            case Double d -> {
                if (!Double.isFinite(d)) {
                    throw new IllegalArgumentException("JSON cannot represent " + d);
                }
                out.append(d);
            }
            case Map<?, ?> map -> {
                if (map.isEmpty()) {
                    out.append("{}");
                    return;
                }
                out.append("{\n");
                var sorted = new TreeMap<String, Object>();
                map.forEach((k, v) -> sorted.put((String) k, v));
                int i = 0;
                for (var entry : sorted.entrySet()) {
                    out.repeat(' ', indent + 1);
                    writeString(entry.getKey(), out);
                    out.append(": ");
                    write(entry.getValue(), indent + 1, out);
                    out.append(++i < sorted.size() ? ",\n" : "\n");
                }
                out.repeat(' ', indent).append('}');
            }
            case List<?> list -> {
                if (list.isEmpty()) {
                    out.append("[]");
                    return;
                }
                out.append("[\n");
                for (int i = 0; i < list.size(); i++) {
                    out.repeat(' ', indent + 1);
                    write(list.get(i), indent + 1, out);
                    out.append(i + 1 < list.size() ? ",\n" : "\n");
                }
                out.repeat(' ', indent).append(']');
            }
            default -> throw new IllegalArgumentException("JSON cannot represent a " + value.getClass().getName());
        }
    }

    /** Escapes quote, backslash and control characters only, as Python's json with ensure_ascii=False. */
    private static void writeString(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** A recursive-descent parser over the grammar of RFC 8259, nothing more permissive. */
    private static final class Parser {
        private static final int MAX_DEPTH = 512;
        private final String text;
        private int position;
        private int depth;

        Parser(String text) {
            this.text = text;
        }

        Object value() throws SyntaxException {
            if (position >= text.length()) {
                throw error("unexpected end of input, expected a value");
            }
            char c = text.charAt(position);
            return switch (c) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        yield number();
                    }
                    throw error("unexpected character '" + c + "', expected a value");
                }
            };
        }

        private Map<String, Object> object() throws SyntaxException {
            enter();
            position++;
            var map = new LinkedHashMap<String, Object>();
            skipWhitespace();
            if (peek() == '}') {
                position++;
                depth--;
                return map;
            }
            while (true) {
                skipWhitespace();
                if (peek() != '"') {
                    throw error("expected a string key in an object");
                }
                int keyPosition = position;
                String key = string();
                skipWhitespace();
                expect(':');
                skipWhitespace();
                if (map.containsKey(key)) {
                    position = keyPosition;
                    throw error("duplicate key \"" + key + "\"");
                }
                map.put(key, value());
                skipWhitespace();
                if (peek() == ',') {
                    position++;
                } else if (peek() == '}') {
                    position++;
                    depth--;
                    return map;
                } else {
                    throw error("expected ',' or '}' in an object");
                }
            }
        }

        private List<Object> array() throws SyntaxException {
            enter();
            position++;
            var list = new ArrayList<Object>();
            skipWhitespace();
            if (peek() == ']') {
                position++;
                depth--;
                return list;
            }
            while (true) {
                skipWhitespace();
                list.add(value());
                skipWhitespace();
                if (peek() == ',') {
                    position++;
                } else if (peek() == ']') {
                    position++;
                    depth--;
                    return list;
                } else {
                    throw error("expected ',' or ']' in an array");
                }
            }
        }

        private String string() throws SyntaxException {
            position++;
            var out = new StringBuilder();
            while (true) {
                if (position >= text.length()) {
                    throw error("unterminated string");
                }
                char c = text.charAt(position++);
                if (c == '"') {
                    return out.toString();
                }
                if (c < 0x20) {
                    position--;
                    throw error("raw control character in a string (must be escaped)");
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (position >= text.length()) {
                    throw error("unterminated escape in a string");
                }
                char e = text.charAt(position++);
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        if (position + 4 > text.length()) {
                            throw error("truncated \\u escape");
                        }
                        try {
                            out.append((char) Integer.parseInt(text.substring(position, position + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw error("invalid \\u escape");
                        }
                        position += 4;
                    }
                    default -> {
                        position--;
                        throw error("invalid escape '\\" + e + "'");
                    }
                }
            }
        }

        private Object number() throws SyntaxException {
            int start = position;
            if (peek() == '-') position++;
            if (peek() == '0') {
                position++;
            } else if (isDigit(peek())) {
                while (isDigit(peek())) position++;
            } else {
                throw error("invalid number");
            }
            boolean integral = true;
            if (peek() == '.') {
                integral = false;
                position++;
                if (!isDigit(peek())) throw error("expected a digit after '.'");
                while (isDigit(peek())) position++;
            }
            if (peek() == 'e' || peek() == 'E') {
                integral = false;
                position++;
                if (peek() == '+' || peek() == '-') position++;
                if (!isDigit(peek())) throw error("expected a digit in the exponent");
                while (isDigit(peek())) position++;
            }
            String digits = text.substring(start, position);
            if (integral) {
                try {
                    return Long.parseLong(digits);
                } catch (NumberFormatException tooLong) {
                    return Double.parseDouble(digits);
                }
            }
            return Double.parseDouble(digits);
        }

        private Object literal(String word, Object value) throws SyntaxException {
            if (!text.startsWith(word, position)) {
                throw error("invalid literal, expected " + word);
            }
            position += word.length();
            return value;
        }

        private void enter() throws SyntaxException {
            if (++depth > MAX_DEPTH) {
                throw error("nesting deeper than " + MAX_DEPTH + " levels");
            }
        }

        private void expect(char c) throws SyntaxException {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            position++;
        }

        private char peek() {
            return position < text.length() ? text.charAt(position) : '\0';
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        void skipWhitespace() {
            while (position < text.length()) {
                char c = text.charAt(position);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                position++;
            }
        }

        SyntaxException error(String message) {
            int line = 1;
            int column = 1;
            for (int i = 0; i < Math.min(position, text.length()); i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
            }
            return new SyntaxException(message + " at line " + line + ", column " + column);
        }
    }
}
