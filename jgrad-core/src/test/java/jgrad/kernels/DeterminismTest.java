package jgrad.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The same seeded float32 program gives the same bits on the same machine: however warm the JIT
 * is (the first, interpreted run of a fresh JVM, later compiled runs, and a JVM that never
 * compiles, {@code -Xint}), for any thread count, and for vectors of 4, 8 or 16 floats (NEON, AVX2,
 * AVX-512). The program is
 * {@link SeededTrainingFingerprint}: a few AdamW steps of two tiny GPTs, a char LSTM and an MLP.
 *
 * <p>This holds because the fast kernels never use an operation whose result depends on
 * compilation: exp and tanh are our own polynomials ({@link FloatMath}), sums add their lanes in a
 * fixed order that does not depend on the vector width ({@link ReductionKernels}), and threads split
 * outputs, never a sum ({@link Parallel}).
 */
class DeterminismTest {

    @Test
    void threeRunsInAFreshJvmGiveTheBitsOfAWarmJvm() throws Exception {
        String warm = SeededTrainingFingerprint.run(3, false);
        List<String> fresh = childJvm(List.of(), 3, 3);
        assertThat(fresh).as("fingerprints of runs 1-3 in a fresh JVM (run 1 starts cold)").hasSize(3);
        assertThat(fresh).as("each run in a fresh JVM against this (warm) JVM's run").containsOnly(warm);
    }

    @Test
    void theInterpreterGivesTheBitsOfCompiledCode() throws Exception {
        // One step per model: the interpreter runs Vector API code some 100 times slower than compiled code.
        String compiled = SeededTrainingFingerprint.run(1, false);
        List<String> interpreted = childJvm(List.of("-Xint"), 1, 1);
        assertThat(interpreted).as("a JVM run with -Xint against this JVM's compiled run").containsExactly(compiled);
    }

    @Test
    void fourFloatVectorsGiveTheBitsOfThisCpusWidth() throws Exception {
        // -XX:MaxVectorSize=16 makes vectors of 4 floats (NEON's width) on any CPU; this JVM uses 8 (AVX2) or 16 (AVX-512).
        String nativeWidth = SeededTrainingFingerprint.run(1, false);
        List<String> narrow = childJvm(List.of("-XX:+IgnoreUnrecognizedVMOptions", "-XX:MaxVectorSize=16"), 1, 1);
        assertThat(narrow).as("a JVM with 4-float vectors against this JVM's %d-float ones", jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length())
                .containsExactly(nativeWidth);
    }

    @Test
    void oneTwoAndFourThreadsGiveTheSameBits() {
        int threadsBefore = Parallel.threads();
        try {
            var fingerprints = new ArrayList<String>();
            for (int threads : new int[] {1, 2, 4}) {
                Parallel.setThreads(threads);
                fingerprints.add(SeededTrainingFingerprint.run(2, true));
            }
            assertThat(fingerprints).as("fingerprints at 1, 2 and 4 threads (activations large enough to be split)")
                    .containsOnly(fingerprints.get(0));
        } finally {
            Parallel.setThreads(threadsBefore);
        }
    }

    /** Runs {@link SeededTrainingFingerprint#main} in a new JVM with this JVM's class path and flags, plus {@code extraFlags}. */
    private static List<String> childJvm(List<String> extraFlags, int steps, int repeats) throws IOException, InterruptedException {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--add-modules");
        command.add("jdk.incubator.vector");
        command.add("-Djgrad.threads=" + Parallel.threads());
        // the vector width (-XX:UseAVX=2 under the narrow-vectors profile) and other VM flags of this JVM
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(flag -> flag.startsWith("-XX:"))
                .forEach(command::add);
        command.addAll(extraFlags);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SeededTrainingFingerprint.class.getName());
        command.add(Integer.toString(steps));
        command.add("small");
        command.add(Integer.toString(repeats));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = child.getInputStream().readAllBytes();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("child JVM finished: %s", command).isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as("child JVM exit status; it printed:%n%s", text).isZero();
        return text.lines().filter(line -> line.startsWith("losses=")).toList();
    }
}
