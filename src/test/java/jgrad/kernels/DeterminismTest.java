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
 * compiles, {@code -Xint}) and for any thread count. The program is
 * {@link SeededTrainingFingerprint}: a few AdamW steps of two tiny GPTs, a char LSTM and an MLP.
 *
 * <p>This holds because the fast kernels never use an operation whose result depends on
 * compilation: exp and tanh are our own polynomials ({@link FloatMath}), sums add their lanes in a
 * fixed order ({@link ReductionKernels}), and threads split outputs, never a sum ({@link Parallel}).
 */
class DeterminismTest {

    @Test
    void threeRunsInAFreshJvmGiveTheBitsOfAWarmJvm() throws Exception {
        String warm = SeededTrainingFingerprint.run(false);
        List<String> fresh = childJvm(List.of(), "small", 3);
        assertThat(fresh).as("fingerprints of runs 1-3 in a fresh JVM (run 1 starts cold)").hasSize(3);
        assertThat(fresh).as("each run in a fresh JVM against this (warm) JVM's run").containsOnly(warm);
    }

    @Test
    void theInterpreterGivesTheBitsOfCompiledCode() throws Exception {
        String compiled = SeededTrainingFingerprint.run(false);
        List<String> interpreted = childJvm(List.of("-Xint"), "small", 1);
        assertThat(interpreted).as("a JVM run with -Xint against this JVM's compiled run").containsExactly(compiled);
    }

    @Test
    void oneTwoAndFourThreadsGiveTheSameBits() {
        int threadsBefore = Parallel.threads();
        try {
            var fingerprints = new ArrayList<String>();
            for (int threads : new int[] {1, 2, 4}) {
                Parallel.setThreads(threads);
                fingerprints.add(SeededTrainingFingerprint.run(true));
            }
            assertThat(fingerprints).as("fingerprints at 1, 2 and 4 threads (activations large enough to be split)")
                    .containsOnly(fingerprints.get(0));
        } finally {
            Parallel.setThreads(threadsBefore);
        }
    }

    /** Runs {@link SeededTrainingFingerprint#main} in a new JVM with this JVM's class path and flags, plus {@code extraFlags}. */
    private static List<String> childJvm(List<String> extraFlags, String size, int repeats) throws IOException, InterruptedException {
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
        command.add(size);
        command.add(Integer.toString(repeats));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = child.getInputStream().readAllBytes();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("child JVM finished: %s", command).isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as("child JVM exit status; it printed:%n%s", text).isZero();
        return text.lines().filter(line -> line.startsWith("losses=")).toList();
    }
}
