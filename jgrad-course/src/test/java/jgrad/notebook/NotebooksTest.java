package jgrad.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every notebook of the course. A cell that fails to compile or throws fails its notebook's
 * test; so does a notebook whose stored outputs are missing or of other kinds than a fresh run gives
 * (it needs a refresh, see {@link NotebookRunner}). Text is not compared, so a changed number in a
 * printout does not fail the build.
 */
class NotebooksTest {
    private static final String REFRESH = "./mvnw -q compile exec:exec -Djgrad.main=jgrad.notebook.NotebookRunner "
            + "-Djgrad.args=\"--refresh %s\"";

    @TestFactory
    Stream<DynamicTest> everyNotebookRunsAndIsStoredWithItsOutputs() throws IOException {
        List<Path> notebooks = NotebookRunner.notebooksIn(Path.of("notebooks"));
        assertThat(notebooks).as("notebooks under notebooks/").isNotEmpty();
        var runner = NotebookRunner.forThisClassPath();
        return notebooks.stream().map(file -> DynamicTest.dynamicTest(file.toString(), () -> {
            Notebook notebook = Notebook.read(file);
            assertThat(notebook.toJson()).as("%s declares a Java kernel; refresh it with %s", file, REFRESH.formatted(file))
                    .contains("\"language\": \"java\"");
            List<List<String>> stored = notebook.codeCells().stream().map(cell -> kinds(cell.outputs())).toList();

            runner.run(notebook, file.toString());

            List<Notebook.Cell> cells = notebook.codeCells();
            for (int i = 0; i < cells.size(); i++) {
                assertThat(stored.get(i))
                        .as("output kinds stored in %s cell %d vs a fresh run; refresh it with %s", file,
                                cells.get(i).number(), REFRESH.formatted(file))
                        .isEqualTo(kinds(cells.get(i).outputs()));
            }
        }));
    }

    private static List<String> kinds(List<Map<String, Object>> outputs) {
        return outputs.stream().map(output -> (String) output.get("output_type")).toList();
    }
}
