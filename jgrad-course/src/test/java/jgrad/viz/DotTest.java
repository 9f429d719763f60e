package jgrad.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import javax.imageio.ImageIO;

import jgrad.micro.Value;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotTest {

    /** e = a·b, d = e + c, all named, after backward(). */
    private static Value smallGraph() {
        var a = new Value(2.0, "a");
        var b = new Value(-3.0, "b");
        var c = new Value(10.0, "c");
        Value e = a.mul(b).named("e");
        Value d = e.add(c).named("d");
        d.backward();
        return d;
    }

    @Test
    void everyValueIsARecordOfLabelDataAndGrad() {
        String dot = Dot.toDot(smallGraph());
        assertThat(dot).startsWith("digraph computation {").contains("rankdir=LR;").endsWith("}\n");
        assertThat(dot)
                .contains("n0 [shape=record, label=\"{ d | data 4.0000 | grad 1.0000 }\"];")
                .contains("[shape=record, label=\"{ e | data -6.0000 | grad 1.0000 }\"];")
                .contains("[shape=record, label=\"{ c | data 10.0000 | grad 1.0000 }\"];")
                .contains("[shape=record, label=\"{ a | data 2.0000 | grad -3.0000 }\"];")
                .contains("[shape=record, label=\"{ b | data -3.0000 | grad 2.0000 }\"];");
        assertThat(dot.lines().filter(line -> line.contains("shape=record"))).as("one box per value").hasSize(5);
    }

    @Test
    void everyOpIsANodeWithEdgesFromItsInputsAndToItsResult() {
        String dot = Dot.toDot(smallGraph());
        // Breadth-first numbering from the root: d=n0, e=n1, c=n2, a=n3, b=n4.
        assertThat(dot).contains(
                "n0_op [label=\"+\"];", "n0_op -> n0;", "n1 -> n0_op;", "n2 -> n0_op;",
                "n1_op [label=\"*\"];", "n1_op -> n1;", "n3 -> n1_op;", "n4 -> n1_op;");
        assertThat(dot.lines().filter(line -> line.contains("->"))).as("2 ops × (2 inputs + 1 result)").hasSize(6);
        assertThat(dot).doesNotContain("n2_op", "n3_op", "n4_op"); // leaves have no op
    }

    @Test
    void aValueUsedTwiceAppearsOnceWithTwoEdges() {
        var a = new Value(3.0, "a");
        String dot = Dot.toDot(a.mul(a));
        assertThat(dot.lines().filter(line -> line.contains("shape=record"))).hasSize(2);
        assertThat(dot.lines().filter(line -> line.equals("  n1 -> n0_op;"))).hasSize(2);
    }

    @Test
    void recordSpecialCharactersInLabelsAreEscaped() {
        String dot = Dot.toDot(new Value(1.0, "a|b {c} \"d\""));
        assertThat(dot).contains("label=\"{ a\\|b \\{c\\} \\\"d\\\" | data 1.0000 | grad 0.0000 }\"");
    }

    @Test
    void anyGraphTypePlugsInThroughAGraphView() {
        record Node(String name, String op, List<Node> inputs) {}
        GraphView<Node> view = new GraphView<>() {
            @Override
            public List<String> fields(Node node) {
                return List.of(node.name(), "shape (2, 3)");
            }

            @Override
            public String op(Node node) {
                return node.op();
            }

            @Override
            public List<Node> inputs(Node node) {
                return node.inputs();
            }
        };
        var x = new Node("x", "", List.of());
        var w = new Node("w", "", List.of());
        var y = new Node("y", "matmul", List.of(x, w));

        assertThat(Dot.toDot(y, view)).contains(
                "n0 [shape=record, label=\"{ y | shape (2, 3) }\"];",
                "n0_op [label=\"matmul\"];",
                "n1 -> n0_op;", "n2 -> n0_op;");
    }

    @Test
    void aDeepGraphIsWalkedWithoutRecursion() {
        Value y = new Value(0.0);
        for (int i = 0; i < 50_000; i++) {
            y = y.tanh();
        }
        String dot = Dot.toDot(y);
        assertThat(dot.lines().filter(line -> line.contains("shape=record"))).hasSize(50_001);
    }

    @Test
    void renderingWithoutGraphvizReturnsFalseAndWritesNothing(@TempDir Path directory) throws IOException {
        Path png = directory.resolve("graph.png");
        assertThat(Dot.renderPng(Dot.toDot(smallGraph()), png, directory.toString())).isFalse();
        assertThat(png).doesNotExist();
        assertThat(Dot.findExecutable("dot", "")).isEmpty();
    }

    @Test
    void renderingPipesTheDotTextToDotAndSavesWhatItPrints(@TempDir Path directory) throws IOException {
        // A stand-in for Graphviz that echoes its input, so the test sees what dot was given.
        Path bin = fakeDot(directory, "#!/bin/sh\ncat\n");
        Path png = directory.resolve("out/graph.png");
        assertThat(Dot.renderPng("digraph { a -> b }", png, bin.toString())).isTrue();
        assertThat(png).hasContent("digraph { a -> b }");
    }

    @Test
    void aFailingDotIsReportedWithItsErrorOutput(@TempDir Path directory) throws IOException {
        Path bin = fakeDot(directory, "#!/bin/sh\necho 'syntax error in line 1' >&2\nexit 3\n");
        Path png = directory.resolve("graph.png");
        assertThatThrownBy(() -> Dot.renderPng("digraph {", png, bin.toString()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("exit code 3").hasMessageContaining("syntax error in line 1");
        assertThat(png).doesNotExist();
    }

    /** A directory holding an executable shell script called {@code dot}; POSIX systems only. */
    private static Path fakeDot(Path directory, String script) throws IOException {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
                "needs a POSIX shell");
        Path bin = Files.createDirectories(directory.resolve("bin"));
        Path dot = Files.writeString(bin.resolve("dot"), script);
        Files.setPosixFilePermissions(dot, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    @Test
    void renderingWithGraphvizWritesAPng(@TempDir Path directory) throws IOException {
        Assumptions.assumeTrue(Dot.findExecutable("dot", System.getenv().getOrDefault("PATH", "")).isPresent(),
                "Graphviz 'dot' is not on PATH");
        Path png = directory.resolve("sub/graph.png");
        assertThat(Dot.renderPng(Dot.toDot(smallGraph()), png)).isTrue();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).isNotNull();
        try (var files = Files.list(png.getParent())) {
            assertThat(files).as("no temporary file left behind").containsExactly(png);
        }
    }
}
