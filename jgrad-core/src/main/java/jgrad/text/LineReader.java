package jgrad.text;

import java.io.IOException;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads the line-based tokenizer files of this package one line at a time, and words every
 * problem as "{@code <reader>(<file>): line <n>: <what was expected>, got '<line>'}".
 */
final class LineReader {
    private final String where;
    private final List<String> lines;
    private int next;                                // index of the next line to read

    LineReader(String where, List<String> lines) {
        this.where = where;
        this.lines = lines;
    }

    /** The next line, which must equal {@code expected}. */
    void expect(String expected) throws IOException {
        String line = nextLine("'" + expected + "'");
        if (!line.equals(expected)) {
            throw error("expected '" + expected + "', got '" + line + "'");
        }
    }

    /** The value of the next line, which must read "{@code key value}". */
    String value(String key) throws IOException {
        String line = nextLine("'" + key + " ...'");
        if (!line.startsWith(key + " ")) {
            throw error("expected '" + key + " ...', got '" + line + "'");
        }
        return line.substring(key.length() + 1);
    }

    /**
     * The count of the next line, which must read "{@code key count}" and be followed by at least
     * that many lines (one per item). The count is checked against the lines present, so a file
     * that claims more items than it holds fails before anything is allocated for them.
     */
    int count(String key) throws IOException {
        int count = nonNegativeInt(value(key), "a count after '" + key + "'");
        int remaining = lines.size() - next;
        if (count > remaining) {
            throw error("'" + key + " " + count + "' promises " + count + " lines but only " + remaining + " follow");
        }
        return count;
    }

    /** The next line split at single spaces into exactly {@code n} fields. */
    String[] fields(int n, String what) throws IOException {
        String line = nextLine(what);
        String[] fields = line.split(" ", -1);
        if (fields.length != n) {
            throw error("expected " + what + " (" + n + " fields separated by single spaces), got '" + line + "'");
        }
        return fields;
    }

    int nonNegativeInt(String text, String what) throws IOException {
        try {
            int value = Integer.parseInt(text);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error("expected " + what + " (an integer >= 0), got '" + text + "'");
    }

    byte[] hex(String text) throws IOException {
        try {
            return HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            throw error("expected bytes as an even number of hex digits, got '" + text + "'");
        }
    }

    /** Checks that only blank lines remain. */
    void expectEnd() throws IOException {
        while (next < lines.size()) {
            String line = lines.get(next++);
            if (!line.isBlank()) {
                throw error("unexpected content after the last section: '" + line + "'");
            }
        }
    }

    /** An exception located at the line read last. */
    IOException error(String message) {
        return new IOException(where + ": line " + next + ": " + message);
    }

    private String nextLine(String what) throws IOException {
        if (next >= lines.size()) {
            throw new IOException(where + ": the file ends after line " + lines.size() + ", expected " + what);
        }
        return lines.get(next++);
    }
}
