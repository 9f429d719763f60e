package jgrad.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON reader and writer, enough for file headers: objects become
 * {@code LinkedHashMap<String, Object>}, arrays {@code List<Object>}, numbers {@code Long} when
 * integral and {@code Double} otherwise, plus {@code String}, {@code Boolean} and {@code null}.
 * Malformed input raises an {@link IllegalArgumentException} naming the position.
 */
public final class Json {
    private final String text;
    private int position;

    private Json(String text) {
        this.text = text;
    }

    /** Parses one JSON value that must fill the whole text (surrounding whitespace allowed). */
    public static Object parse(String text) {
        Json parser = new Json(text);
        parser.skipWhitespace();
        Object value = parser.value(0);
        parser.skipWhitespace();
        if (parser.position != text.length()) {
            throw parser.error("unexpected text after the JSON value");
        }
        return value;
    }

    private static final int MAX_DEPTH = 64;

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH);
        }
        if (position >= text.length()) {
            throw error("unexpected end of input");
        }
        char c = text.charAt(position);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) yield number();
                throw error("unexpected character '" + c + "'");
            }
        };
    }

    private Map<String, Object> object(int depth) {
        Map<String, Object> out = new LinkedHashMap<>();
        position++;
        skipWhitespace();
        if (peek() == '}') {
            position++;
            return out;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') throw error("expected a string key");
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            if (out.containsKey(key)) throw error("duplicate key \"" + key + "\"");
            out.put(key, value(depth + 1));
            skipWhitespace();
            if (peek() == ',') {
                position++;
            } else {
                expect('}');
                return out;
            }
        }
    }

    private List<Object> array(int depth) {
        List<Object> out = new ArrayList<>();
        position++;
        skipWhitespace();
        if (peek() == ']') {
            position++;
            return out;
        }
        while (true) {
            skipWhitespace();
            out.add(value(depth + 1));
            skipWhitespace();
            if (peek() == ',') {
                position++;
            } else {
                expect(']');
                return out;
            }
        }
    }

    private String string() {
        expect('"');
        var sb = new StringBuilder();
        while (true) {
            if (position >= text.length()) throw error("unterminated string");
            char c = text.charAt(position++);
            if (c == '"') return sb.toString();
            if (c < 0x20) throw error("control character in string");
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (position >= text.length()) throw error("unterminated escape");
            char e = text.charAt(position++);
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (position + 4 > text.length()) throw error("short \\u escape");
                    try {
                        sb.append((char) Integer.parseInt(text.substring(position, position + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw error("bad \\u escape");
                    }
                    position += 4;
                }
                default -> throw error("bad escape \\" + e);
            }
        }
    }

    private Object number() {
        int start = position;
        if (peek() == '-') position++;
        while (position < text.length() && "0123456789.eE+-".indexOf(text.charAt(position)) >= 0) position++;
        String token = text.substring(start, position);
        try {
            if (token.matches("-?(0|[1-9][0-9]*)")) {
                return Long.parseLong(token);
            }
            if (!token.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) throw error("bad number " + token);
            return Double.parseDouble(token);
        } catch (NumberFormatException e) {
            throw error("number out of range: " + token);
        }
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, position)) throw error("unexpected token");
        position += word.length();
        return value;
    }

    private char peek() {
        if (position >= text.length()) throw error("unexpected end of input");
        return text.charAt(position);
    }

    private void expect(char c) {
        if (peek() != c) throw error("expected '" + c + "'");
        position++;
    }

    private void skipWhitespace() {
        while (position < text.length() && " \t\r\n".indexOf(text.charAt(position)) >= 0) position++;
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException("invalid JSON at character " + position + ": " + message);
    }

    // ---------------------------------------------------------------------------------------------
    // Writing
    // ---------------------------------------------------------------------------------------------

    /** Compact JSON for maps, lists, strings, numbers, booleans and null. */
    public static String write(Object value) {
        var sb = new StringBuilder();
        write(value, sb);
        return sb.toString();
    }

    private static void write(Object value, StringBuilder sb) {
        switch (value) {
            case null -> sb.append("null");
            case String s -> quote(s, sb);
            case Boolean b -> sb.append(b);
            case Integer i -> sb.append(i);
            case Long l -> sb.append(l);
            case Number n -> {
                double d = n.doubleValue();
                if (!Double.isFinite(d)) throw new IllegalArgumentException("JSON cannot hold " + d);
                sb.append(d);
            }
            case Map<?, ?> map -> {
                sb.append('{');
                boolean first = true;
                for (var entry : map.entrySet()) {
                    if (!first) sb.append(',');
                    first = false;
                    quote(String.valueOf(entry.getKey()), sb);
                    sb.append(':');
                    write(entry.getValue(), sb);
                }
                sb.append('}');
            }
            case List<?> list -> {
                sb.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) sb.append(',');
                    write(list.get(i), sb);
                }
                sb.append(']');
            }
            default -> throw new IllegalArgumentException("JSON cannot hold a " + value.getClass().getSimpleName());
        }
    }

    private static void quote(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }
}
