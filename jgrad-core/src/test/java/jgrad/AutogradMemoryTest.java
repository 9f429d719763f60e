package jgrad;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Backward frees each node of the graph as soon as it has run through it (PyTorch's default,
 * {@code retain_graph=False}), so the activations near the output can be collected while the
 * gradients near the input are still being computed.
 */
class AutogradMemoryTest {

    @Test
    void backwardDropsTheEdgesOfEveryNodeItPassed() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor loss = x.mul(x).sum();
        loss.backward();
        assertThat(loss.gradFn().isFreed()).isTrue();
        assertThat(loss.gradFn().inputs()).as("edges to the inputs are dropped").isEmpty();
        assertThat(loss.gradFn().name()).as("the name stays").isEqualTo("SumBackward");
    }

    @Test
    void retainingTheGraphKeepsItForAnotherBackward() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor loss = x.mul(x).sum();
        loss.backward(true);
        assertThat(loss.gradFn().isFreed()).isFalse();
        assertThat(loss.gradFn().inputs()).hasSize(1);
        loss.backward();
        assertThat(x.grad().toDoubleArray()).containsExactly(4, 8);
    }

    @Test
    void anActivationIsCollectableBeforeBackwardReachesTheLeaves() {
        assertThat(activationCollectedWhenBackwardReachesTheLeaf(false)).as("graph freed node by node").isTrue();
        assertThat(activationCollectedWhenBackwardReachesTheLeaf(true)).as("graph retained").isFalse();
    }

    /**
     * x -> probe -> a = probe * 2 -> b = exp(a) -> sum. When the probe's backward runs (the last
     * node), the engine has passed b; b is referenced from nowhere but a weak reference unless the
     * graph is retained.
     */
    private static boolean activationCollectedWhenBackwardReachesTheLeaf(boolean retainGraph) {
        Tensor x = Tensor.of(new double[] {0.5, -1}).requiresGrad(true);
        var collected = new AtomicBoolean();
        var activation = new WeakReference<Tensor>(null);
        WeakReference<Tensor>[] holder = new WeakReference[] {activation};
        Tensor probe = Grad.record(x.detach().copy(), "ProbeBackward", g -> {
            for (int attempt = 0; attempt < 5 && holder[0].get() != null; attempt++) {
                System.gc();
            }
            collected.set(holder[0].get() == null);
            return new Tensor[] {g};
        }, x);
        Tensor loss = lossThroughAnActivation(probe, holder);
        loss.backward(Tensor.onesLike(loss), retainGraph);
        assertThat(x.grad().toDoubleArray()).as("d/dx sum(exp(2x)) = 2 exp(2x)")
                .containsExactly(2 * Math.exp(1.0), 2 * Math.exp(-2.0));
        return collected.get();
    }

    private static Tensor lossThroughAnActivation(Tensor probe, WeakReference<Tensor>[] holder) {
        Tensor b = probe.mul(2.0).exp();
        holder[0] = new WeakReference<>(b);
        return b.sum();
    }

    @Test
    void aLeafUsedTwiceSumsInPlaceWithinAPassAndNeverChangesAnEarlierPassesGradient() {
        for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            Tensor w = Tensor.of(new double[] {1, 3}).to(dtype).requiresGrad(true);
            w.mul(2.0).add(w.mul(5.0)).add(w.square()).sum().backward();   // 2 + 5 + 2w
            assertThat(w.grad().toDoubleArray()).as(dtype.toString()).containsExactly(9, 13);
            Tensor first = w.grad();
            w.mul(w).sum().backward();
            assertThat(w.grad().toDoubleArray()).as(dtype.toString()).containsExactly(11, 19);
            assertThat(first.toDoubleArray()).as("%s: the first pass's gradient, which the caller holds, is unchanged", dtype)
                    .containsExactly(9, 13);
        }
    }
}
