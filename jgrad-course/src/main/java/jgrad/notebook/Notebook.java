package jgrad.notebook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jgrad.io.AtomicFiles;
import jgrad.io.Json;

/**
 * A Jupyter notebook in nbformat 4, checked on load.
 *
 * <p>The notebook keeps the JSON tree it was read from, so fields this class does not know about
 * (cell ids, metadata written by Jupyter or by extensions) survive a refresh unchanged. Only the
 * outputs and execution counts of code cells, and the kernel metadata, are ever rewritten.
 *
 * <p>The format, in short: the top level holds {@code nbformat} (4), {@code nbformat_minor},
 * {@code metadata} and {@code cells}; each cell has a {@code cell_type} ({@code code},
 * {@code markdown} or {@code raw}), {@code metadata} and {@code source} (a string or a list of
 * lines); a code cell also has {@code execution_count} and a list of {@code outputs}.
 */
public final class Notebook {
    private static final Set<String> CELL_TYPES = Set.of("code", "markdown", "raw");

    private final Map<String, Object> root;
    private final List<Cell> cells;

    private Notebook(Map<String, Object> root, List<Cell> cells) {
        this.root = root;
        this.cells = cells;
    }

    /** Reads and validates a notebook file. */
    public static Notebook read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * Parses and validates notebook JSON; {@code name} labels error messages.
     *
     * @throws NotebookFormatException when the text is not JSON or not an nbformat 4 notebook
     */
    public static Notebook parse(String json, String name) {
        Object tree;
        try {
            tree = Json.parse(json);
        } catch (Json.SyntaxException e) {
            throw new NotebookFormatException(name + ": not valid JSON: " + e.getMessage());
        }
        var check = new Checker(name);
        Map<String, Object> root = check.object(tree, "the top level");
        Object format = root.get("nbformat");
        if (!(format instanceof Long version) || version != 4) {
            throw check.fail("expected \"nbformat\": 4 (this runner reads nbformat 4), got " + Json.describe(format));
        }
        if (!(root.get("nbformat_minor") instanceof Long minor) || minor < 0) {
            throw check.fail("expected \"nbformat_minor\" to be a non-negative integer, got " + Json.describe(root.get("nbformat_minor")));
        }
        check.object(root.get("metadata"), "\"metadata\"");
        List<Object> rawCells = check.list(root.get("cells"), "\"cells\"");
        var cells = new ArrayList<Cell>();
        for (int i = 0; i < rawCells.size(); i++) {
            cells.add(Cell.validated(rawCells.get(i), i + 1, check));
        }
        return new Notebook(root, List.copyOf(cells));
    }

    /** All cells in order; {@link Cell#number()} is 1-based. */
    public List<Cell> cells() {
        return cells;
    }

    /** The code cells in order. */
    public List<Cell> codeCells() {
        return cells.stream().filter(Cell::isCode).toList();
    }

    /**
     * Declares the notebook's kernel as Java, so Jupyter with a Java kernel (e.g. JJava) opens it and
     * repository pages highlight the code as Java.
     */
    public void useJavaKernel() {
        Map<String, Object> metadata = objectAt(root, "metadata");
        var kernelspec = new LinkedHashMap<String, Object>();
        kernelspec.put("display_name", "Java");
        kernelspec.put("language", "java");
        kernelspec.put("name", "java");
        metadata.put("kernelspec", kernelspec);
        metadata.put("language_info", javaLanguageInfo());
    }

    /** nbformat's {@code language_info} for Java cells; the Jupyter kernel reports the same. */
    static Map<String, Object> javaLanguageInfo() {
        var languageInfo = new LinkedHashMap<String, Object>();
        languageInfo.put("codemirror_mode", "java");
        languageInfo.put("file_extension", ".jshell");
        languageInfo.put("mimetype", "text/x-java-source");
        languageInfo.put("name", "java");
        languageInfo.put("pygments_lexer", "java");
        languageInfo.put("version", Runtime.version().feature() + "");
        return languageInfo;
    }

    /** The notebook as JSON, laid out as Jupyter writes it. */
    public String toJson() {
        return Json.writeJupyter(root);
    }

    /**
     * Writes the notebook to {@code file} atomically ({@link AtomicFiles}: a temporary file in the
     * same folder, then a rename), so a crash never leaves a half-written notebook behind and the
     * file keeps the usual permissions.
     */
    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, toJson());
    }

    /** One cell: a view onto its JSON object. */
    public static final class Cell {
        private final Map<String, Object> json;
        private final int number;

        private Cell(Map<String, Object> json, int number) {
            this.json = json;
            this.number = number;
        }

        static Cell validated(Object raw, int number, Checker check) {
            String where = "cell " + number;
            Map<String, Object> json = check.object(raw, where);
            Object type = json.get("cell_type");
            if (!(type instanceof String s) || !CELL_TYPES.contains(s)) {
                throw check.fail(where + ": expected \"cell_type\" to be one of code, markdown, raw, got " + Json.describe(type));
            }
            check.object(json.get("metadata"), where + " \"metadata\"");
            check.text(json.get("source"), where + " \"source\"");
            if (!type.equals("code") && json.containsKey("outputs")) {
                throw check.fail(where + ": a " + type + " cell has no \"outputs\" (only code cells do), got "
                        + Json.describe(json.get("outputs")));
            }
            if (type.equals("code")) {
                List<Object> outputs = check.list(json.get("outputs"), where + " \"outputs\"");
                for (int i = 0; i < outputs.size(); i++) {
                    String output = where + " output " + (i + 1);
                    Object outputType = check.object(outputs.get(i), output).get("output_type");
                    if (!(outputType instanceof String)) {
                        throw check.fail(output + ": expected \"output_type\" to be a string, got " + Json.describe(outputType));
                    }
                }
                Object count = json.get("execution_count");
                if (count != null && !(count instanceof Long)) {
                    throw check.fail(where + ": expected \"execution_count\" to be an integer or null, got " + Json.describe(count));
                }
            }
            return new Cell(json, number);
        }

        /** Position of this cell in the notebook, counting from 1 (markdown cells count too). */
        public int number() {
            return number;
        }

        /** {@code code}, {@code markdown} or {@code raw}. */
        public String type() {
            return (String) json.get("cell_type");
        }

        public boolean isCode() {
            return type().equals("code");
        }

        /** The cell's text, its lines joined. */
        public String source() {
            return joined(json.get("source"));
        }

        /** The stored outputs as JSON objects (empty for non-code cells). */
        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> outputs() {
            Object outputs = json.get("outputs");
            return outputs == null ? List.of() : (List<Map<String, Object>>) outputs;
        }

        /** Replaces this code cell's outputs and execution count. */
        void setOutputs(List<CellOutput> outputs, int executionCount) {
            var list = new ArrayList<Object>();
            for (CellOutput output : outputs) {
                list.add(output.toJson(executionCount));
            }
            json.put("outputs", list);
            json.put("execution_count", (long) executionCount);
        }
    }

    /** Joins a multiline-string field, which nbformat allows as one string or a list of lines. */
    static String joined(Object text) {
        if (text instanceof String s) {
            return s;
        }
        var out = new StringBuilder();
        for (Object line : (List<?>) text) {
            out.append((String) line);
        }
        return out.toString();
    }

    /** Splits text into lines that keep their {@code \n}, as nbformat stores sources and outputs. */
    static List<Object> lines(String text) {
        var out = new ArrayList<Object>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            end = end < 0 ? text.length() : end + 1;
            out.add(text.substring(start, end));
            start = end;
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> objectAt(Map<String, Object> map, String key) {
        return (Map<String, Object>) map.get(key);
    }

    /** Type checks with messages that name the file and the field. */
    private record Checker(String name) {
        @SuppressWarnings("unchecked")
        Map<String, Object> object(Object value, String what) {
            if (!(value instanceof Map<?, ?>)) {
                throw fail("expected " + what + " to be a JSON object, got " + Json.describe(value));
            }
            return (Map<String, Object>) value;
        }

        @SuppressWarnings("unchecked")
        List<Object> list(Object value, String what) {
            if (!(value instanceof List<?>)) {
                throw fail("expected " + what + " to be a JSON array, got " + Json.describe(value));
            }
            return (List<Object>) value;
        }

        void text(Object value, String what) {
            if (value instanceof String) {
                return;
            }
            if (value instanceof List<?> lines && lines.stream().allMatch(line -> line instanceof String)) {
                return;
            }
            throw fail("expected " + what + " to be a string or an array of strings, got " + Json.describe(value));
        }

        NotebookFormatException fail(String message) {
            return new NotebookFormatException(name + ": " + message);
        }
    }
}
