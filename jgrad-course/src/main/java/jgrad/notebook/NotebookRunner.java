package jgrad.notebook;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs Jupyter notebooks whose code cells are Java, through JShell, and optionally stores fresh
 * outputs in them.
 *
 * <p>From the command line (in the repository root):
 * <pre>
 * # run notebooks (a file or every .ipynb under a folder); fails on the first cell error
 * ./mvnw -q compile exec:exec -Djgrad.main=jgrad.notebook.NotebookRunner -Djgrad.args="notebooks"
 * # run and rewrite the stored outputs
 * ./mvnw -q compile exec:exec -Djgrad.main=jgrad.notebook.NotebookRunner -Djgrad.args="--refresh notebooks/02-tensors.ipynb"
 * </pre>
 *
 * <p>From Java: {@code NotebookRunner.forClassPath(cp).run(Notebook.read(path))}. Every code cell
 * runs in order in one JShell session (see {@link JShellKernel}); a cell's outputs are what it
 * printed, the images it showed with {@link Display}, and the value of its last expression.
 */
public final class NotebookRunner {
    private final String classPath;

    private NotebookRunner(String classPath) {
        this.classPath = classPath;
    }

    /** A runner whose cells see the classes on {@code classPath} (entries joined by the path separator). */
    public static NotebookRunner forClassPath(String classPath) {
        return new NotebookRunner(classPath);
    }

    /** A runner whose cells see this JVM's class path, i.e. jgrad and its dependencies. */
    public static NotebookRunner forThisClassPath() {
        return forClassPath(System.getProperty("java.class.path"));
    }

    /**
     * Executes every code cell in order and stores the new outputs in {@code notebook} (in memory).
     *
     * @return the outputs of each code cell, in order
     * @throws CellFailedException naming the first cell that failed to compile or threw
     */
    public List<List<CellOutput>> run(Notebook notebook, String name) {
        var results = new ArrayList<List<CellOutput>>();
        try (var kernel = new JShellKernel(classPath)) {
            int executionCount = 0;
            for (Notebook.Cell cell : notebook.codeCells()) {
                List<CellOutput> outputs;
                try {
                    outputs = kernel.execute(cell.source());
                } catch (JShellKernel.CellError e) {
                    throw new CellFailedException(name, cell.number(), e.getMessage());
                }
                cell.setOutputs(outputs, ++executionCount);
                results.add(outputs);
            }
        }
        notebook.useJavaKernel();
        return results;
    }

    /** Runs the notebook file and, only when every cell succeeded, rewrites it with the new outputs. */
    public void refresh(Path file) throws IOException {
        Notebook notebook = Notebook.read(file);
        run(notebook, file.toString());
        notebook.write(file);
    }

    /** The notebook files named: files as given, folders searched for {@code *.ipynb}, sorted. */
    public static List<Path> notebooksIn(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(p -> p.toString().endsWith(".ipynb"))
                    .filter(p -> !p.toString().contains(".ipynb_checkpoints"))
                    .sorted()
                    .toList();
        }
    }

    /** {@code [--refresh] PATH...}: the same as {@code bin/jgrad notebooks} ({@link jgrad.cli.CourseCommands.Notebooks}). */
    public static void main(String[] args) {
        jgrad.cli.Cli.exit(new jgrad.cli.CourseCommands.Notebooks(), args);
    }
}
