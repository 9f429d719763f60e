package jgrad.viz;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jgrad.Shape;
import jgrad.Tensor;
import jgrad.io.AtomicFiles;
import jgrad.micro.Value;

/**
 * Draws computation graphs in Graphviz's DOT language, left (inputs) to right (output).
 * Each value becomes a box {@code label | data | grad}; each operation becomes a small
 * ellipse with an edge from every input and an edge to the value it made.
 *
 * <pre>{@code
 * var a = new Value(2.0, "a");
 * var b = new Value(-3.0, "b");
 * Value e = a.mul(b).named("e");
 * e.backward();
 * String dot = Dot.toDot(e);                  // text for `dot -Tpng`
 * Dot.renderPng(dot, Path.of("out/e.png"));   // false if Graphviz is not installed
 * }</pre>
 *
 * A {@link jgrad.Tensor}'s graph is freed node by node by {@code backward()}: draw it before
 * backward, or keep it with {@code loss.backward(true)}.
 *
 * Other graph types plug in through {@link GraphView}: see {@link #toDot(Object, GraphView)}.
 */
public final class Dot {

    /** A {@link Value} as a box of label (if any), data and grad. */
    private static final GraphView<Value> VALUE_VIEW = new GraphView<>() {
        @Override
        public List<String> fields(Value value) {
            var fields = new ArrayList<String>();
            if (!value.label().isEmpty()) {
                fields.add(value.label());
            }
            fields.add(String.format(Locale.ROOT, "data %.4f", value.data()));
            fields.add(String.format(Locale.ROOT, "grad %.4f", value.grad()));
            return fields;
        }

        @Override
        public String op(Value value) {
            return value.op();
        }

        @Override
        public List<Value> inputs(Value value) {
            return value.children();
        }
    };

    /**
     * A {@link Tensor} as a box of shape and dtype, then its data and grad: all values when there
     * are at most {@value #TENSOR_VALUES_SHOWN}, else their mean. Its op is the {@code grad_fn} name.
     */
    private static final GraphView<Tensor> TENSOR_VIEW = new GraphView<>() {
        @Override
        public List<String> fields(Tensor tensor) {
            var fields = new ArrayList<String>();
            fields.add(Shape.format(tensor.shape()) + " " + tensor.dtype());
            fields.add("data " + summary(tensor));
            if (tensor.requiresGrad()) {
                fields.add("grad " + (tensor.grad() == null ? "-" : summary(tensor.grad())));
            }
            return fields;
        }

        @Override
        public String op(Tensor tensor) {
            return tensor.gradFn() == null ? "" : tensor.gradFn().name();
        }

        @Override
        public List<Tensor> inputs(Tensor tensor) {
            return tensor.gradFn() == null ? List.of() : tensor.gradFn().inputs();
        }
    };

    private static final int TENSOR_VALUES_SHOWN = 4;

    private static String summary(Tensor tensor) {
        double[] values = tensor.toDoubleArray();
        if (values.length <= TENSOR_VALUES_SHOWN) {
            var parts = new ArrayList<String>();
            for (double v : values) {
                parts.add(String.format(Locale.ROOT, "%.4f", v + 0.0));   // + 0.0 turns -0.0 into 0.0
            }
            return "[" + String.join(", ", parts) + "]";
        }
        double total = 0;
        for (double v : values) {
            total += v;
        }
        return String.format(Locale.ROOT, "mean %.4f", total / values.length);
    }

    private static final long DOT_TIMEOUT_SECONDS = 60;

    private Dot() {}

    /** The graph of everything {@code root} was computed from, in DOT. */
    public static String toDot(Value root) {
        return toDot(root, VALUE_VIEW);
    }

    /** The autograd graph that produced {@code root} (through each tensor's {@code gradFn}), in DOT. */
    public static String toDot(Tensor root) {
        return toDot(root, TENSOR_VIEW);
    }

    /**
     * The graph of every node reachable from {@code root} through {@link GraphView#inputs},
     * in DOT. Nodes are numbered {@code n0, n1, ...} in breadth-first order from the root
     * (a work queue, not recursion, so deep graphs are fine); the op node of {@code nK}
     * is {@code nK_op}.
     */
    public static <N> String toDot(N root, GraphView<N> view) {
        var ids = new IdentityHashMap<N, String>();
        var queue = new ArrayDeque<N>();
        ids.put(root, "n0");
        queue.add(root);
        var dot = new StringBuilder("digraph computation {\n  rankdir=LR;\n");
        while (!queue.isEmpty()) {
            N node = queue.remove();
            String id = ids.get(node);
            dot.append("  ").append(id).append(" [shape=record, label=\"{ ")
                    .append(String.join(" | ", view.fields(node).stream().map(Dot::escapeRecordField).toList()))
                    .append(" }\"];\n");
            String op = view.op(node);
            if (op.isEmpty()) {
                continue;
            }
            dot.append("  ").append(id).append("_op [label=\"").append(escapeQuoted(op)).append("\"];\n");
            dot.append("  ").append(id).append("_op -> ").append(id).append(";\n");
            for (N input : view.inputs(node)) {
                String inputId = idOf(input, ids, queue);
                dot.append("  ").append(inputId).append(" -> ").append(id).append("_op;\n");
            }
        }
        return dot.append("}\n").toString();
    }

    /**
     * Renders DOT text to a PNG file with Graphviz's {@code dot} program, if it is on the
     * {@code PATH}. The file is written atomically and parent directories are created.
     *
     * @return true if the PNG was written, false if {@code dot} is not installed
     * @throws IOException if {@code dot} ran but failed (its error output is in the message)
     */
    public static boolean renderPng(String dotText, Path png) throws IOException {
        return renderPng(dotText, png, System.getenv().getOrDefault("PATH", ""));
    }

    /** {@link #renderPng(String, Path)} with the search path given, so tests can hide {@code dot}. */
    static boolean renderPng(String dotText, Path png, String searchPath) throws IOException {
        Optional<Path> dot = findExecutable("dot", searchPath);
        if (dot.isEmpty()) {
            return false;
        }
        var process = new ProcessBuilder(dot.get().toString(), "-Tpng").start();
        IOException writeFailure = null;
        try (var stdin = process.getOutputStream()) {
            stdin.write(dotText.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            writeFailure = e;   // dot quit before reading it all (a broken pipe); its exit code says why
        }
        // Read stderr on the side so a chatty dot cannot block on a full pipe.
        var stderr = new StringBuilder();
        var stderrReader = Thread.ofVirtual().start(() -> {
            try {
                stderr.append(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                stderr.append(e.getMessage());
            }
        });
        byte[] image = process.getInputStream().readAllBytes();
        try {
            if (!process.waitFor(DOT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("dot did not finish within " + DOT_TIMEOUT_SECONDS + " s");
            }
            stderrReader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for dot", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException("dot -Tpng failed with exit code " + process.exitValue() + ": " + stderr);
        }
        if (writeFailure != null) {
            throw new IOException("dot -Tpng stopped reading its input", writeFailure);
        }
        AtomicFiles.write(png, out -> out.write(image));
        return true;
    }

    /** The first executable called {@code name} in the directories of {@code searchPath}. */
    static Optional<Path> findExecutable(String name, String searchPath) {
        for (String directory : searchPath.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The id of {@code node}, numbering it and queueing it for output on first sight. */
    private static <N> String idOf(N node, Map<N, String> ids, ArrayDeque<N> queue) {
        return ids.computeIfAbsent(node, unseen -> {
            queue.add(unseen);
            return "n" + ids.size();
        });
    }

    /** Record fields treat {@code { } | < >} as layout, so those are backslash-escaped too. */
    private static String escapeRecordField(String text) {
        return text.replaceAll("([\\\\\"{}|<>])", "\\\\$1");
    }

    private static String escapeQuoted(String text) {
        return text.replaceAll("([\\\\\"])", "\\\\$1");
    }
}
