package jgrad.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import jgrad.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotebookRunnerTest {
    private final NotebookRunner runner = NotebookRunner.forThisClassPath();

    // ---- reading --------------------------------------------------------------------------------

    @Test
    void invalidJsonIsReportedWithItsLineAndColumn() {
        assertThatThrownBy(() -> Notebook.parse("{\n \"cells\": [,]\n}", "broken.ipynb"))
                .isInstanceOf(NotebookFormatException.class)
                .hasMessageContaining("broken.ipynb: not valid JSON")
                .hasMessageContaining("line 2, column 12");
    }

    @Test
    void truncatedJsonIsRejected() {
        assertThatThrownBy(() -> Notebook.parse("{\"cells\": [", "cut.ipynb"))
                .isInstanceOf(NotebookFormatException.class)
                .hasMessageContaining("unexpected end of input");
    }

    @Test
    void otherNotebookVersionsAreRejected() {
        String json = "{\"nbformat\": 3, \"nbformat_minor\": 0, \"metadata\": {}, \"cells\": []}";
        assertThatThrownBy(() -> Notebook.parse(json, "old.ipynb"))
                .isInstanceOf(NotebookFormatException.class)
                .hasMessage("old.ipynb: expected \"nbformat\": 4 (this runner reads nbformat 4), got the number 3");
    }

    @Test
    void aCellWithoutSourceIsRejectedByNumber() {
        String json = """
                {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
                  {"cell_type": "markdown", "metadata": {}, "source": "# title"},
                  {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": null}
                ]}""";
        assertThatThrownBy(() -> Notebook.parse(json, "n.ipynb"))
                .isInstanceOf(NotebookFormatException.class)
                .hasMessage("n.ipynb: expected cell 2 \"source\" to be a string or an array of strings, got nothing");
    }

    @Test
    void anUnknownCellTypeIsRejected() {
        String json = notebookJson(List.of(Map.of("cell_type", "python", "metadata", Map.of(), "source", "x")));
        assertThatThrownBy(() -> Notebook.parse(json, "n.ipynb"))
                .hasMessageContaining("cell 1: expected \"cell_type\" to be one of code, markdown, raw");
    }

    @Test
    void outputsAreCheckedInEveryCell() {
        String markdownWithOutputs = notebookJson(List.of(Map.of("cell_type", "markdown", "metadata", Map.of(), "source", "x",
                "outputs", 4)));
        assertThatThrownBy(() -> Notebook.parse(markdownWithOutputs, "n.ipynb"))
                .isInstanceOf(NotebookFormatException.class)
                .hasMessage("n.ipynb: cell 1: a markdown cell has no \"outputs\" (only code cells do), got the number 4");
        String outputNotAnObject = notebookJson(List.of(Map.of("cell_type", "code", "metadata", Map.of(), "source", "x",
                "outputs", List.of("text"), "execution_count", 1L)));
        assertThatThrownBy(() -> Notebook.parse(outputNotAnObject, "n.ipynb"))
                .isInstanceOf(NotebookFormatException.class)
                .hasMessage("n.ipynb: expected cell 1 output 1 to be a JSON object, got the string \"text\"");
        String outputWithoutType = notebookJson(List.of(Map.of("cell_type", "code", "metadata", Map.of(), "source", "x",
                "outputs", List.of(Map.of("text", "hi")), "execution_count", 1L)));
        assertThatThrownBy(() -> Notebook.parse(outputWithoutType, "n.ipynb"))
                .isInstanceOf(NotebookFormatException.class)
                .hasMessage("n.ipynb: cell 1 output 1: expected \"output_type\" to be a string, got nothing");
    }

    @Test
    void writeKeepsTheUsualFilePermissions(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("n.ipynb");
        Path reference = Files.writeString(dir.resolve("plain.txt"), "x");   // made with the process's umask
        notebook("int x = 1;").write(file);
        assertThat(Files.getPosixFilePermissions(file)).as("mode of the written notebook")
                .isEqualTo(Files.getPosixFilePermissions(reference));
        assertThat(Notebook.read(file).toJson()).isEqualTo(notebook("int x = 1;").toJson());
    }

    @Test
    void jsonRoundTripsInJupytersLayout() {
        String json = notebook("int x = 1;").toJson();
        assertThat(json).startsWith("{\n \"cells\": [\n  {\n   \"cell_type\": \"markdown\",\n   \"metadata\": {},");
        assertThat(Notebook.parse(json, "again").toJson()).isEqualTo(json);
    }

    // ---- running --------------------------------------------------------------------------------

    @Test
    void printedTextAndTheLastExpressionAreCaptured() {
        List<List<CellOutput>> outputs = runner.run(notebook(
                "System.out.println(\"hello\");\nint a = 2;\na * 21",
                "int b = 5;",
                "System.err.println(\"careful\");"), "test");

        assertThat(outputs.get(0)).containsExactly(new CellOutput.Stream("stdout", "hello\n"), new CellOutput.Result("42"));
        assertThat(outputs.get(1)).as("a declaration shows nothing, as in Jupyter").isEmpty();
        assertThat(outputs.get(2)).containsExactly(new CellOutput.Stream("stderr", "careful\n"));
    }

    @Test
    void printfShowsItsTextButNotTheStreamItReturns() {
        List<List<CellOutput>> outputs = runner.run(notebook("System.out.printf(\"%d%n\", 7)"), "test");
        assertThat(outputs.get(0)).containsExactly(new CellOutput.Stream("stdout", "7\n"));
    }

    @Test
    void cellsShareStateAndSeeJgrad() {
        List<List<CellOutput>> outputs = runner.run(notebook(
                "import jgrad.*;",
                "var x = Tensor.ones(2).mul(3.0);",
                "x.sum().item()"), "test");
        assertThat(outputs.get(2)).containsExactly(new CellOutput.Result("6.0"));
    }

    @Test
    void imagesShownWithDisplayBecomePngOutputsInOrder() throws Exception {
        List<List<CellOutput>> outputs = runner.run(notebook("""
                import java.awt.image.BufferedImage;
                System.out.println("before");
                jgrad.notebook.Display.png(new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB));
                System.out.println("after");"""), "test");

        List<CellOutput> cell = outputs.get(0);
        assertThat(cell).hasSize(3);
        assertThat(cell.get(0)).isEqualTo(new CellOutput.Stream("stdout", "before\n"));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(((CellOutput.Image) cell.get(1)).png()));
        assertThat(image.getWidth()).isEqualTo(3);
        assertThat(image.getHeight()).isEqualTo(2);
        assertThat(cell.get(2)).isEqualTo(new CellOutput.Stream("stdout", "after\n"));
    }

    @Test
    void aCompileErrorNamesTheCellAndTheLine() {
        Notebook notebook = notebook("int a = 1;", "int b = 2;\nint c = undefinedName + 1;");
        assertThatThrownBy(() -> runner.run(notebook, "nb.ipynb"))
                .isInstanceOfSatisfying(CellFailedException.class, e -> assertThat(e.cellNumber()).isEqualTo(3))
                .hasMessageStartingWith("nb.ipynb: cell 3 failed: compile error: line 2: cannot find symbol")
                .hasMessageContaining("undefinedName");
    }

    @Test
    void anExceptionNamesTheCellTheTypeAndTheMessage() {
        Notebook notebook = notebook("import jgrad.*;", "var a = Tensor.zeros(2, 3);\nvar b = Tensor.zeros(4, 5);\na.matmul(b)");
        assertThatThrownBy(() -> runner.run(notebook, "nb.ipynb"))
                .isInstanceOf(CellFailedException.class)
                .hasMessageStartingWith("nb.ipynb: cell 3 failed: line 3: java.lang.IllegalArgumentException: matmul: shapes (2, 3) and (4, 5)");
    }

    @Test
    void incompleteCodeIsReported() {
        assertThatThrownBy(() -> runner.run(notebook("int a = 1;\nif (a > 0) {"), "nb.ipynb"))
                .hasMessage("nb.ipynb: cell 2 failed: line 2: the code is incomplete (a missing ';', ')' or '}'?)");
    }

    @Test
    void eachNotebookGetsFreshLibraryState() {
        String seedAndDraw = "import jgrad.*;\nJgrad.setDefaultDtype(DType.FLOAT64);\nTensor.randn(1).dtype()";
        runner.run(notebook(seedAndDraw), "first");
        List<List<CellOutput>> second = runner.run(notebook("import jgrad.*;\nJgrad.defaultDtype()"), "second");
        assertThat(second.get(0)).as("the second notebook must not see the first one's default dtype")
                .containsExactly(new CellOutput.Result("float32"));
        assertThat(jgrad.Jgrad.defaultDtype()).as("the runner's own jgrad is untouched").isEqualTo(jgrad.DType.FLOAT32);
    }

    // ---- refreshing -----------------------------------------------------------------------------

    @Test
    void refreshStoresOutputsExecutionCountsAndTheJavaKernel(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("n.ipynb");
        Files.writeString(file, notebook("1 + 1", "System.out.print(\"x\");").toJson());

        runner.refresh(file);

        Notebook refreshed = Notebook.read(file);
        String json = refreshed.toJson();
        assertThat(json).contains("\"kernelspec\": {\n   \"display_name\": \"Java\",\n   \"language\": \"java\",\n   \"name\": \"java\"\n  }");
        assertThat(json).contains("\"execution_count\": 2");
        assertThat(refreshed.codeCells().get(0).outputs().get(0)).containsEntry("output_type", "execute_result");
        assertThat(refreshed.codeCells().get(1).outputs().get(0)).containsEntry("output_type", "stream");
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).as("no temporary file is left behind").containsExactly(file);
        }
    }

    @Test
    void aFailedRefreshLeavesTheFileUnchanged(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("n.ipynb");
        String original = notebook("1 + 1", "throw new IllegalStateException(\"boom\");").toJson();
        Files.writeString(file, original);

        assertThatThrownBy(() -> runner.refresh(file)).hasMessageContaining("cell 3 failed").hasMessageContaining("boom");
        assertThat(Files.readString(file)).isEqualTo(original);
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** A notebook with a markdown title cell followed by one code cell per source. */
    private static Notebook notebook(String... codeCells) {
        var cells = new ArrayList<Map<String, Object>>();
        cells.add(Map.of("cell_type", "markdown", "metadata", Map.of(), "source", List.of("# Test\n", "text")));
        for (String source : codeCells) {
            var cell = new LinkedHashMap<String, Object>();
            cell.put("cell_type", "code");
            cell.put("metadata", Map.of());
            cell.put("source", source);
            cell.put("outputs", List.of());
            cell.put("execution_count", null);
            cells.add(cell);
        }
        return Notebook.parse(notebookJson(cells), "test.ipynb");
    }

    private static String notebookJson(List<Map<String, Object>> cells) {
        var root = new LinkedHashMap<String, Object>();
        root.put("nbformat", 4L);
        root.put("nbformat_minor", 5L);
        root.put("metadata", Map.of());
        root.put("cells", cells);
        return Json.writeJupyter(root);
    }
}
