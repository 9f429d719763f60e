package jgrad.seam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import jgrad.DType;
import jgrad.Tensor;
import jgrad.kernels.KernelMode;
import jgrad.kernels.Kernels;
import jgrad.nativ.Backends;
import jgrad.nativ.GemmBackend;
import jgrad.nn.Conv2d;
import jgrad.nn.GRU;
import jgrad.nn.LSTM;
import jgrad.nn.Linear;
import jgrad.nn.functional.Attention;
import jgrad.nn.functional.F;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every float32 matrix product of a training step, fused or composed, forward or backward, runs
 * on the GEMM backend in force ({@code Backends.gemm()}): a recording backend, installed with
 * {@link Backends#select(GemmBackend)}, sees each one with its sizes. The expected counts are
 * worked out from each layer's equations, so a product that went around the backend (straight to
 * {@code jgrad.kernels.Gemm}) would be missing from the record and fail the test.
 */
class EveryGemmThroughBackendTest {

    /** Records {@code (m, n, k)} of every product, then computes it with the Java backend. */
    private static final class RecordingBackend implements GemmBackend {
        final List<String> products = new ArrayList<>();

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public String description() {
            return "records every sgemm, then runs the Java backend";
        }

        @Override
        public synchronized void sgemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOffset, int lda,
                                       float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
            products.add(m + "x" + n + "x" + k);
            Backends.JAVA.sgemm(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
        }
    }

    private final RecordingBackend recorder = new RecordingBackend();
    private GemmBackend before;

    @BeforeEach
    void install() {
        before = Backends.select(recorder);
    }

    @AfterEach
    void restore() {
        Backends.select(before);
    }

    @Test
    void linearForwardAndBothGradientProducts() {
        var layer = new Linear(5, 3, true, new SplittableRandom(1));
        Tensor x = Tensor.randn(new SplittableRandom(2), DType.FLOAT32, 4, 5).requiresGrad(true);
        layer.forward(x).square().sum().backward();
        // Y = X Wᵀ (4x3, k = 5);  dX = dY W (4x5, k = 3);  dW = dYᵀ X (3x5, k = 4)
        assertThat(recorder.products).containsExactly("4x3x5", "4x5x3", "3x5x4");
    }

    @Test
    void convolutionForwardInputGradientAndWeightGradient() {
        var conv = new Conv2d(2, 3, 3, 1, 1);
        Tensor x = Tensor.randn(new SplittableRandom(3), DType.FLOAT32, 2, 2, 5, 5).requiresGrad(true);
        conv.forward(x).square().sum().backward();
        // per image: y = W·cols (3 x 25, k = 18); dcols = Wᵀ·dy (18 x 25, k = 3); dWᵀ += cols·dyᵀ (18 x 3, k = 25)
        assertThat(recorder.products).containsExactlyInAnyOrder(
                "3x25x18", "3x25x18", "18x25x3", "18x25x3", "18x3x25", "18x3x25");
    }

    @Test
    void fusedAttentionForwardAndBackward() {
        var random = new SplittableRandom(4);
        Tensor q = Tensor.randn(random, DType.FLOAT32, 2, 3, 6, 4).requiresGrad(true);   // (B, h, L, E): 6 slices
        Tensor k = Tensor.randn(random, DType.FLOAT32, 2, 3, 5, 4).requiresGrad(true);
        Tensor v = Tensor.randn(random, DType.FLOAT32, 2, 3, 5, 7).requiresGrad(true);
        Tensor y = F.scaledDotProductAttention(q, k, v, null, 0.0, false);
        assertThat(y.gradFn().name()).isEqualTo("FusedAttentionBackward");
        y.square().sum().backward();
        // per slice: S = QKᵀ, Y = PV; dV = PᵀdY, dP = dY Vᵀ, dQ = dS K, dK = dSᵀ Q
        assertThat(recorder.products).hasSize(6 * 6)
                .containsOnly("6x5x4", "6x7x5", "5x7x6", "6x5x7", "6x4x5", "5x4x6");
    }

    @Test
    void composedAttentionWithAMaskGoesThroughMatmul() {
        var random = new SplittableRandom(5);
        Tensor q = Tensor.randn(random, DType.FLOAT32, 2, 6, 4).requiresGrad(true);
        Tensor k = Tensor.randn(random, DType.FLOAT32, 2, 5, 4).requiresGrad(true);
        Tensor v = Tensor.randn(random, DType.FLOAT32, 2, 5, 7).requiresGrad(true);
        Tensor mask = Attention.causalMask(6, 5).eq(Tensor.of(new boolean[] {false}));   // true where attention is allowed
        Tensor y = F.scaledDotProductAttention(q, k, v, mask, 0.0, false);
        y.square().sum().backward();
        // two bmm forward (2 slices each), each with two bmm in its backward: 6 products per slice
        assertThat(recorder.products).hasSize(6 * 2);
    }

    @Test
    void lstmLayerRunsEveryStepsProductsOnTheBackend() {
        int length = 4;
        var lstm = new LSTM(3, 5);
        Tensor x = Tensor.randn(new SplittableRandom(6), DType.FLOAT32, length, 2, 3).requiresGrad(true);
        lstm.forward(x).square().sum().backward();
        // forward: X W_ihᵀ once, h W_hhᵀ per step; backward: dh W_hh per step, dW_hh, dW_ih, dX once each
        assertThat(recorder.products).hasSize(1 + length + length + 3);
        assertThat(recorder.products.getFirst()).isEqualTo((length * 2) + "x20x3");
    }

    @Test
    void gruLayerRunsEveryStepsProductsOnTheBackend() {
        int length = 3;
        var gru = new GRU(3, 4);
        Tensor x = Tensor.randn(new SplittableRandom(7), DType.FLOAT32, length, 2, 3).requiresGrad(true);
        gru.forward(x).square().sum().backward();
        // forward: X W_ihᵀ once, h W_hhᵀ per step; backward: dG W_hh per step, dX, dW_ih, dW_hh once each
        assertThat(recorder.products).hasSize(1 + length + length + 3);
        assertThat(recorder.products.getFirst()).isEqualTo((length * 2) + "x12x3");
    }

    @Test
    void referenceKernelsRunTheReferenceGemmNotTheBackend() {
        var layer = new Linear(5, 3, true, new SplittableRandom(1));
        Tensor x = Tensor.randn(new SplittableRandom(2), DType.FLOAT32, 4, 5).requiresGrad(true);
        try (var reference = Kernels.use(KernelMode.REFERENCE)) {
            assertThat(Backends.gemm()).isSameAs(Backends.REFERENCE);
            layer.forward(x).square().sum().backward();
        }
        assertThat(recorder.products).isEmpty();
        assertThat(Backends.gemm()).isSameAs(recorder);
    }
}
