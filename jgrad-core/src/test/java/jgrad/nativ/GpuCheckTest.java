package jgrad.nativ;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import jgrad.kernels.Gemm;
import org.junit.jupiter.api.Test;

/**
 * The logic of {@link GpuCheck} without a GPU: the Java kernel stands in for cuBLAS and must
 * pass every parity case; deliberately wrong backends must fail the cases they get wrong, as a
 * report line, never as an exception out of the check.
 */
class GpuCheckTest {

    /** Gemm with the last of the k products left out: wrong by about 1/k of the scale. */
    private static final GemmBackend DROPS_LAST_PRODUCT = new StandIn("drops-last-product") {
        @Override
        public void sgemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOffset, int lda,
                          float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
            Gemm.sgemm(transA, transB, m, n, Math.max(0, k - 1), a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
        }
    };

    /** Gemm that always accumulates into C, so with beta == 0 the NaN placed in C leaks out. */
    private static final GemmBackend READS_C_WHEN_BETA_IS_ZERO = new StandIn("reads-c") {
        @Override
        public void sgemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOffset, int lda,
                          float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
            Gemm.sgemm(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, beta == 0f ? 1f : beta, c, cOffset, ldc);
        }
    };

    /** A backend whose every call fails, as a CUDA error would. */
    private static final GemmBackend THROWS = new StandIn("throws") {
        @Override
        public void sgemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOffset, int lda,
                          float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
            throw new IllegalStateException("cudaMemcpy host->device failed: error 2 (out of memory)");
        }
    };

    /** Small timing sizes so the end-to-end runs stay quick. */
    private static final GpuCheck.Options QUICK = new GpuCheck.Options(List.of(48), 32, 1, 3, 7);

    @Test
    void theJavaKernelPassesEveryParityCase() {
        var random = new Random(3);
        for (var parityCase : GpuCheck.parityCases()) {
            var result = GpuCheck.checkParity(Backends.JAVA, parityCase, random);
            assertThat(result.passed())
                    .as("%s: max error %.3g, tolerance %.3g, failure %s", parityCase, result.maxError(),
                            result.tolerance(), result.failure())
                    .isTrue();
        }
    }

    @Test
    void parityCasesCoverEveryTransposeNonMultiplesOf32AndEmptySizes() {
        var cases = GpuCheck.parityCases();
        assertThat(cases).extracting(c -> c.transA() + "/" + c.transB()).containsOnly(
                "false/false", "true/false", "false/true", "true/true");
        assertThat(cases).anyMatch(c -> c.m() == 0).anyMatch(c -> c.n() == 0).anyMatch(c -> c.k() == 0)
                .anyMatch(c -> c.m() != c.n() && c.m() % 32 != 0 && c.n() % 32 != 0 && c.k() % 32 != 0)
                .anyMatch(c -> c.beta() == 0f).anyMatch(c -> c.beta() != 0f);
    }

    @Test
    void aBackendThatDropsAProductFailsEveryNonEmptyCase() {
        var random = new Random(3);
        for (var parityCase : GpuCheck.parityCases()) {
            boolean hasProducts = parityCase.m() > 0 && parityCase.n() > 0 && parityCase.k() > 0;
            var result = GpuCheck.checkParity(DROPS_LAST_PRODUCT, parityCase, random);
            assertThat(result.passed()).as("%s: max error %.3g, tolerance %.3g", parityCase, result.maxError(),
                    result.tolerance()).isEqualTo(!hasProducts);
        }
    }

    @Test
    void aBackendThatReadsCWhenBetaIsZeroFailsWithNaN() {
        var random = new Random(3);
        for (var parityCase : GpuCheck.parityCases()) {
            boolean readsNaN = parityCase.beta() == 0f && parityCase.m() > 0 && parityCase.n() > 0;
            var result = GpuCheck.checkParity(READS_C_WHEN_BETA_IS_ZERO, parityCase, random);
            assertThat(result.passed()).as("%s: max error %.3g", parityCase, result.maxError()).isEqualTo(!readsNaN);
            if (readsNaN) {
                assertThat(result.maxError()).isNaN();
            }
        }
    }

    @Test
    void aBackendThatThrowsIsReportedNotPropagated() {
        var result = GpuCheck.checkParity(THROWS, GpuCheck.parityCases().get(4), new Random(3));
        assertThat(result.passed()).isFalse();
        assertThat(result.failure()).startsWith("threw ").contains("out of memory");
    }

    @Test
    void runReturnsPassedForAGoodStandIn() {
        var out = new ByteArrayOutputStream();
        int code = GpuCheck.run(QUICK, Backends.Availability.of(Backends.JAVA), new PrintStream(out, true, StandardCharsets.UTF_8));
        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(report).isEqualTo(GpuCheck.PASSED);
        assertThat(report).contains("RESULT: PASS").contains("timing: java sgemm").doesNotContain("FAIL");
    }

    @Test
    void runReturnsFailedForAWrongStandInAndUnavailableWithTheReason() {
        var out = new ByteArrayOutputStream();
        var print = new PrintStream(out, true, StandardCharsets.UTF_8);
        var noTiming = new GpuCheck.Options(List.of(), 0, 0, 1, 7);
        assertThat(GpuCheck.run(noTiming, Backends.Availability.of(THROWS), print)).isEqualTo(GpuCheck.FAILED);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("FAIL: threw").contains("RESULT: FAIL (40 of 40");

        out.reset();
        var missing = Backends.Availability.missing("cublas", "no CUDA device visible");
        assertThat(GpuCheck.run(noTiming, missing, print)).isEqualTo(GpuCheck.UNAVAILABLE);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("cuBLAS unavailable: no CUDA device visible")
                .contains("RESULT: UNAVAILABLE (exit 2)");
    }

    @Test
    void optionsParseOverTheDefaultsAndRejectNonsense() {
        assertThat(GpuCheck.Options.parse(new String[0])).isEqualTo(GpuCheck.Options.DEFAULT);
        var options = GpuCheck.Options.parse(new String[] {"--sizes=64,128", "--runs=3", "--java-size=0", "--seed=9"});
        assertThat(options).isEqualTo(new GpuCheck.Options(List.of(64, 128), 0, 2, 3, 9));
        assertThatThrownBy(() -> GpuCheck.Options.parse(new String[] {"--runs=0"})).hasMessageContaining("--runs=0");
        assertThatThrownBy(() -> GpuCheck.Options.parse(new String[] {"--sizes=1024,x"})).hasMessageContaining("integer");
        assertThatThrownBy(() -> GpuCheck.Options.parse(new String[] {"--bogus"})).hasMessageContaining("unknown argument");
    }

    /** A named GemmBackend whose sgemm the test overrides. */
    private abstract static class StandIn implements GemmBackend {
        private final String name;

        StandIn(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return "test stand-in " + name;
        }
    }
}
