package jgrad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The reverse-mode engine: accumulation, graph cutting, grad mode, deep graphs, shared subexpressions. */
class AutogradEngineTest {

    private static Tensor leaf(double... values) {
        return Tensor.of(values).requiresGrad(true);
    }

    @Test
    void leafGradientsAccumulateOverTwoBackwardCalls() {
        Tensor x = leaf(1, -2, 3);
        Tensor loss = x.mul(x).sum();   // d/dx = 2x
        loss.backward(true);            // keep the graph for the second call
        assertThat(x.grad().toDoubleArray()).containsExactly(2, -4, 6);
        loss.backward();
        assertThat(x.grad().toDoubleArray()).as("second backward adds to the first").containsExactly(4, -8, 12);
    }

    @Test
    void backwardFailsWhenASavedInputWasChangedInPlace() {
        Tensor w = leaf(1, 1, 1);
        Tensor x = Tensor.of(new double[] {2, 3, 4});
        Tensor y = w.mul(x).sum();
        x.fill_(100);                               // dL/dw = x: this changes what backward would read
        assertThatThrownBy(y::backward).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("MulBackward needs its input 1 (shape (3,), float64)")
                .hasMessageContaining("modified in place since (version 1, expected 0)");
        assertThat(w.grad()).as("no wrong gradient was accumulated").isNull();

        Tensor z = Tensor.of(new double[] {2, 3, 4});
        Tensor loss = w.mul(z).sum();
        loss.backward();
        z.fill_(100);                               // after backward: allowed
        assertThat(w.grad().toDoubleArray()).containsExactly(2, 3, 4);
    }

    @Test
    void aSecondBackwardThroughAFreedGraphFailsNamingTheOpAndRetainGraph() {
        Tensor x = leaf(1, -2, 3);
        Tensor loss = x.mul(x).tanh().sum();
        loss.backward();
        double[] once = x.grad().toDoubleArray();
        assertThatThrownBy(loss::backward).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SumBackward")
                .hasMessageContaining("a second time")
                .hasMessageContaining("retainGraph");
        assertThat(x.grad().toDoubleArray()).as("the failed call added nothing").containsExactly(once);

        // A new root over a freed intermediate fails too, naming the freed node, before touching any leaf.
        Tensor y = leaf(0.5, 0.25);
        Tensor h = y.exp();
        h.sum().backward();
        assertThatThrownBy(() -> h.mul(2.0).sum().backward()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ExpBackward");
        assertThat(y.grad().toDoubleArray()).containsExactly(Math.exp(0.5), Math.exp(0.25));
    }

    @Test
    void retainGraphKeepsTheGraphAndGivesIdenticalGradients() {
        Tensor w = Tensor.randn(new java.util.Random(3), DType.FLOAT64, 4, 3).requiresGrad(true);
        Tensor x = Tensor.randn(new java.util.Random(4), DType.FLOAT64, 5, 4);
        Tensor upstream = Tensor.randn(new java.util.Random(5), DType.FLOAT64, 5, 3);
        Tensor y = x.matmul(w).tanh().softmax(-1);
        y.backward(upstream, true);
        double[] first = w.grad().toDoubleArray();
        w.zeroGrad();
        y.backward(upstream, true);
        assertThat(w.grad().toDoubleArray()).as("retained graph, second pass").containsExactly(first);
        w.zeroGrad();
        y.backward(upstream);                       // the last pass frees it
        assertThat(w.grad().toDoubleArray()).as("third pass, freeing").containsExactly(first);
        assertThatThrownBy(() -> y.backward(upstream)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SoftmaxBackward");
    }

    /**
     * Backward without retainGraph drops what each op saved, so the tensors only a closure held
     * become garbage while the loss is still referenced (this lowers peak memory in a training step).
     */
    @Test
    void backwardFreesTheTensorsAnOpSavedForItsBackward() throws InterruptedException {
        Tensor x = leaf(1, 2, 3);
        @SuppressWarnings("unchecked")
        java.lang.ref.WeakReference<Tensor>[] savedRef = new java.lang.ref.WeakReference[1];
        Tensor loss = twiceSavingABigTensor(x, savedRef).sum();
        loss.backward();
        assertThat(x.grad().toDoubleArray()).containsExactly(2, 2, 2);
        for (int i = 0; i < 20 && savedRef[0].get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertThat(savedRef[0].get()).as("the saved tensor was collected while loss is still alive").isNull();
        assertThat(loss.gradFn().name()).as("the graph's structure stays").isEqualTo("SumBackward");
    }

    /** y = 2x, through an op whose closure also holds a 4 MB tensor (reported through {@code savedRef}). */
    private static Tensor twiceSavingABigTensor(Tensor x, java.lang.ref.WeakReference<Tensor>[] savedRef) {
        Tensor saved = Tensor.zeros(1000, 1000);
        savedRef[0] = new java.lang.ref.WeakReference<>(saved);
        return Grad.record(x.detach().mul(2.0), "TwiceBackward",
                g -> new Tensor[] {g.mul(2.0).add(saved.sum().mul(0.0))}, x);
    }

    @Test
    void zeroGradClearsTheAccumulatedGradient() {
        Tensor x = leaf(1, 2);
        Tensor loss = x.mul(3.0).sum();
        loss.backward(true);
        x.zeroGrad();
        assertThat(x.grad()).isNull();
        loss.backward();
        assertThat(x.grad().toDoubleArray()).as("after zeroGrad, one backward's worth").containsExactly(3, 3);
    }

    @Test
    void detachCutsTheGraph() {
        Tensor x = leaf(2, 5);
        Tensor detached = x.detach();
        assertThat(detached.requiresGrad()).isFalse();
        assertThat(detached.gradFn()).isNull();
        assertThat(detached.storage()).as("detach shares data").isSameAs(x.storage());
        // y = 3 * detach(x) + x: only the second term carries a gradient
        detached.mul(3.0).add(x).sum().backward();
        assertThat(x.grad().toDoubleArray()).containsExactly(1, 1);
    }

    @Test
    void noGradRecordsNothingAndRestoresTheModeWhenNested() {
        Tensor x = leaf(1, 2);
        assertThat(Grad.isEnabled()).isTrue();
        try (var outer = Grad.noGrad()) {
            Tensor y = x.mul(2.0);
            assertThat(y.requiresGrad()).isFalse();
            assertThat(y.gradFn()).isNull();
            try (var inner = Grad.noGrad()) {
                assertThat(Grad.isEnabled()).isFalse();
            }
            assertThat(Grad.isEnabled()).as("closing the inner scope keeps the outer one's mode").isFalse();
            try (var enabled = Grad.enableGrad()) {
                assertThat(x.mul(2.0).gradFn()).as("enableGrad inside noGrad records").isNotNull();
            }
            assertThat(Grad.isEnabled()).isFalse();
        }
        assertThat(Grad.isEnabled()).as("after the outer scope").isTrue();
        assertThat(x.mul(2.0).gradFn().name()).isEqualTo("MulBackward");
    }

    @Test
    void backwardOnANonScalarWithoutAGradientNamesTheShape() {
        Tensor y = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3).requiresGrad(true).mul(2.0);
        assertThatThrownBy(y::backward)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("backward")
                .hasMessageContaining("(2, 3)");
    }

    /**
     * 200,000 chained multiplications by c = 1 + 1e-6: a recursive backward would overflow the stack
     * (the engine walks the graph with an explicit stack). dy/dx = c^200000, about e^0.2. Each of the
     * 200,000 products rounds once (relative 1.1e-16), so 1e-10 relative is a loose, safe bound.
     */
    @Test
    void aChainOf200000OpsBackpropagatesWithoutStackOverflow() {
        int length = 200_000;
        double c = 1 + 1e-6;
        Tensor x = Tensor.scalar(1.0, DType.FLOAT64).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < length; i++) {
            y = y.mul(c);
        }
        y.backward();
        double expected = Math.pow(c, length);
        assertThat(y.item()).isCloseTo(expected, within(1e-10 * expected));
        assertThat(x.grad().item()).as("d/dx of x * c^%d", length).isCloseTo(expected, within(1e-10 * expected));
    }

    @Test
    void aTensorUsedTwiceGetsTheSumOfBothGradients() {
        Tensor x = leaf(0.5, -1.5);
        // y = x*x + x: dy/dx = 2x + 1 (x reaches y along three edges)
        x.mul(x).add(x).sum().backward();
        assertThat(x.grad().toDoubleArray()).containsExactly(2, -2);
    }

    @Test
    void aDiamondThroughASharedIntermediateSumsBothBranches() {
        Tensor x = leaf(0.3, -0.7);
        Tensor a = x.tanh();                          // shared by both branches
        a.mul(3.0).add(a.exp()).sum().backward();     // d/dx = (3 + e^a) (1 - a^2)
        double[] expected = new double[2];
        for (int i = 0; i < 2; i++) {
            double t = Math.tanh(x.get(i));
            expected[i] = (3 + Math.exp(t)) * (1 - t * t);
        }
        assertThat(x.grad().toDoubleArray()).containsExactly(expected, within(1e-15));
    }

    @Test
    void tiesInMaximumSplitTheGradientAndMaxGivesItToTheFirstWinner() {
        Tensor a = leaf(2, 1);
        Tensor b = leaf(2, 3);
        a.maximum(b).sum().backward();
        assertThat(a.grad().toDoubleArray()).as("a: tie, then loser").containsExactly(0.5, 0);
        assertThat(b.grad().toDoubleArray()).as("b: tie, then winner").containsExactly(0.5, 1);
        Tensor x = leaf(4, 1, 4);
        x.max().backward();
        assertThat(x.grad().toDoubleArray()).containsExactly(1, 0, 0);
    }

    @Test
    void gradientsKeepTheDtypeOfTheirLeaf() {
        Tensor x32 = Tensor.of(new float[] {1, 2}).requiresGrad(true);
        Tensor w64 = leaf(3, 4);
        x32.mul(w64).sum().backward();
        assertThat(x32.grad().dtype()).isEqualTo(DType.FLOAT32);
        assertThat(x32.grad().toDoubleArray()).containsExactly(3, 4);
        assertThat(w64.grad().dtype()).isEqualTo(DType.FLOAT64);
    }

    @Test
    void onlyFloatingLeavesCanRequireGrad() {
        assertThatThrownBy(() -> Tensor.of(new long[] {1, 2}).requiresGrad(true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("requiresGrad")
                .hasMessageContaining("int64");
        Tensor y = leaf(1).mul(2.0);
        assertThatThrownBy(() -> y.requiresGrad(false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("leaf")
                .hasMessageContaining("MulBackward");
    }

    @Test
    void backwardOfATensorThatNeedsNoGradientIsRefused() {
        assertThatThrownBy(() -> Tensor.of(new double[] {1}).sum().backward())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not require grad");
    }

    @Test
    void inPlaceWritesToATensorThatRequiresGradAreRefusedOutsideNoGrad() {
        Tensor x = leaf(1, 2);
        assertThatThrownBy(() -> x.set(5, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("set")
                .hasMessageContaining("noGrad");
    }
}
