package jgrad.nativ;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import jgrad.kernels.GemmProblem;
import jgrad.kernels.Parallel;
import org.junit.jupiter.api.Test;

/**
 * Backend discovery and fallback, and each native backend against the float64 oracle of
 * {@link GemmProblem}. A backend whose library or device is missing is skipped with its reason.
 */
class BackendsTest {

    @Test
    void describeListsEveryBackendWithStatus() {
        String text = Backends.describe();
        System.out.print(text);
        assertThat(text.lines()).hasSize(3);
        assertThat(text).contains("java      available").contains("openblas").contains("cublas");
    }

    @Test
    void unknownOrMissingBackendFallsBackToJava() {
        assertThat(Backends.select("no-such-backend").name()).isEqualTo("java");
        assertThat(Backends.availability("no-such-backend").reason()).contains("unknown backend");
        assertThat(Backends.select("java")).isSameAs(Backends.JAVA);
    }

    @Test
    void aLibraryThatDoesNotExistBecomesAReasonNotACrash() {
        String property = "jgrad.test.missing.path";
        System.setProperty(property, "/nonexistent/libnothing.so");
        try {
            var found = NativeLibraries.find(property, List.of("libnothing.so"), List.of(Path.of("/nonexistent")));
            assertThat(found.loaded()).isFalse();
            assertThat(found.reason()).contains(property).contains("could not be loaded");
            System.clearProperty(property);
            found = NativeLibraries.find(property, List.of("libnothing.so.7"), List.of(Path.of("/nonexistent")));
            assertThat(found.reason()).contains("none of [libnothing.so.7] found");
        } finally {
            System.clearProperty(property);
        }
    }

    @Test
    void openBlasMatchesReference() {
        checkBackend("openblas");
    }

    @Test
    void cublasMatchesReference() {
        checkBackend("cublas");
    }

    private static void checkBackend(String name) {
        var availability = Backends.availability(name);
        if (!availability.available()) {
            System.out.println("skipping " + name + ": " + availability.reason());
        }
        assumeThat(availability.available()).as(name + " unavailable: " + availability.reason()).isTrue();
        GemmBackend backend = availability.backend();
        var random = new Random(17);
        int[] sizes = {0, 1, 3, 17, 64, 130};
        for (int threads = 1; threads <= 2; threads++) {
            Parallel.setThreads(threads);
            for (int trial = 0; trial < 40; trial++) {
                boolean transA = (trial & 1) != 0, transB = (trial & 2) != 0;
                int m = sizes[random.nextInt(sizes.length)], n = sizes[random.nextInt(sizes.length)];
                int k = sizes[random.nextInt(sizes.length)];
                float beta = new float[] {0f, 1f, 0.5f}[random.nextInt(3)];
                var p = GemmProblem.random(random, transA, transB, m, n, k, beta);
                p.checkFast((a, b, c) -> backend.sgemm(transA, transB, m, n, k, a, p.aOffset(), p.lda(),
                        b, p.bOffset(), p.ldb(), beta, c, p.cOffset(), p.ldc()));
            }
        }
        Parallel.setThreads(2);
    }
}
