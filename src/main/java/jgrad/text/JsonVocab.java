package jgrad.text;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a JSON object whose values are non-negative integers, such as GPT-2's {@code vocab.json}:
 * <pre>{@code {"!": 0, "\"": 1, ..., "\u0120the": 262, ...}}</pre>
 *
 * <p>A small recursive-descent reader of exactly this subset of JSON (RFC 8259): an object of
 * string keys with all of JSON's string escapes, integer values, whitespace anywhere between
 * tokens. Anything else, a duplicate key included, is an error that names the line and column.
 */
final class JsonVocab {
    private final String where;
    private final String json;
    private int position;

    private JsonVocab(String where, String json) {
        this.where = where;
        this.json = json;
    }

    /** The key to value map of {@code json}, in file order; {@code where} names the source in errors. */
    static Map<String, Integer> parse(String where, String json) throws IOException {
        return new JsonVocab(where, json).object();
    }

    private Map<String, Integer> object() throws IOException {
        Map<String, Integer> map = new LinkedHashMap<>();
        skipWhitespace();
        expect('{', "'{' to start the object");
        skipWhitespace();
        if (at('}')) {
            position++;
        } else {
            while (true) {
                skipWhitespace();
                int keyStart = position;
                String key = string();
                skipWhitespace();
                expect(':', "':' after a key");
                skipWhitespace();
                int value = integer();
                if (map.putIfAbsent(key, value) != null) {
                    position = keyStart;
                    throw error("duplicate key \"" + key + "\"");
                }
                skipWhitespace();
                if (at(',')) {
                    position++;
                } else {
                    expect('}', "',' or '}' after a value");
                    break;
                }
            }
        }
        skipWhitespace();
        if (position < json.length()) {
            throw error("unexpected '" + json.charAt(position) + "' after the end of the object");
        }
        return map;
    }

    private String string() throws IOException {
        expect('"', "'\"' to start a key");
        var out = new StringBuilder();
        while (true) {
            if (position >= json.length()) {
                throw error("the file ends inside a string");
            }
            char c = json.charAt(position++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                position--;
                throw error(String.format("control character U+%04X inside a string (write it as an escape)", (int) c));
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (position >= json.length()) {
                throw error("the file ends inside an escape");
            }
            char escape = json.charAt(position++);
            switch (escape) {
                case '"', '\\', '/' -> out.append(escape);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append(hexEscape());   // surrogate pairs arrive as two \\u escapes
                default -> {
                    position -= 2;
                    throw error("unknown escape '\\" + escape + "'");
                }
            }
        }
    }

    private char hexEscape() throws IOException {
        if (position + 4 > json.length() || !json.substring(position, position + 4).matches("[0-9a-fA-F]{4}")) {
            position -= 2;
            throw error("expected four hex digits after '\\u'");
        }
        char c = (char) Integer.parseInt(json.substring(position, position + 4), 16);
        position += 4;
        return c;
    }

    private int integer() throws IOException {
        int start = position;
        while (position < json.length() && (Character.isDigit(json.charAt(position)) || "+-.eE".indexOf(json.charAt(position)) >= 0)) {
            position++;
        }
        String text = json.substring(start, position);
        if (!text.matches("0|[1-9][0-9]{0,9}") || Long.parseLong(text) > Integer.MAX_VALUE) {
            position = start;
            throw error("expected a non-negative integer id, got '" + (text.isEmpty() ? preview() : text) + "'");
        }
        return Integer.parseInt(text);
    }

    private void skipWhitespace() {
        while (position < json.length() && " \t\n\r".indexOf(json.charAt(position)) >= 0) {
            position++;
        }
    }

    private boolean at(char c) {
        return position < json.length() && json.charAt(position) == c;
    }

    private void expect(char c, String what) throws IOException {
        if (position >= json.length() || json.charAt(position) != c) {
            throw error("expected " + what + ", got " + (position >= json.length() ? "the end of the file" : "'" + preview() + "'"));
        }
        position++;
    }

    private String preview() {
        return position >= json.length() ? "" : json.substring(position, Math.min(json.length(), position + 10));
    }

    /** An exception naming the line and column (both from 1) of the current position. */
    private IOException error(String message) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < Math.min(position, json.length()); i++) {
            if (json.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new IOException(where + ": line " + line + ", column " + (position - lineStart + 1) + ": " + message);
    }
}
