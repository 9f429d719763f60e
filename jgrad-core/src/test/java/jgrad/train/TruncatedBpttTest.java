package jgrad.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.SplittableRandom;
import jgrad.Tensor;
import jgrad.models.CharLSTM;
import jgrad.optim.Adam;
import org.junit.jupiter.api.Test;

/** Truncated BPTT: the carried state is detached (the graph does not grow) and training lowers the loss. */
class TruncatedBpttTest {

    /** "abcdefghij" repeated: the next character is fixed by the current one. */
    private static int[] cyclicText(int length) {
        int[] ids = new int[length];
        for (int i = 0; i < length; i++) {
            ids[i] = i % 10;
        }
        return ids;
    }

    @Test
    void carriedStateIsDetachedSoEveryWindowHasTheSameGraphSize() {
        var model = new CharLSTM(10, 8, 12, 2, 0.0, new SplittableRandom(1));
        var bptt = new TruncatedBptt(cyclicText(2000), 4, 16);
        assertThat(bptt.state()).as("no state before the first window").isNull();
        int firstWindowNodes = graphSize(bptt.loss(model::forward));
        for (int window = 2; window <= 6; window++) {
            Tensor loss = bptt.loss(model::forward);
            assertThat(graphSize(loss)).as("graph nodes in window %d vs window 1", window).isEqualTo(firstWindowNodes);
            assertThat(bptt.state().h().requiresGrad()).as("carried h requires grad").isFalse();
            assertThat(bptt.state().c().gradFn()).as("carried c's grad_fn").isNull();
            assertThat(bptt.state().h().shape()).containsExactly(2, 4, 12);
        }
    }

    @Test
    void stripesRestartFromAZeroStateWhenAWindowNoLongerFits() {
        var model = new CharLSTM(10, 8, 12, 1, 0.0, new SplittableRandom(2));
        var bptt = new TruncatedBptt(cyclicText(101), 2, 20);     // stripes of 50 tokens: two whole windows each
        double first = bptt.loss(model::forward).item();
        double second = bptt.loss(model::forward).item();
        double third = bptt.loss(model::forward).item();          // the same tokens as the first, from zeros again
        assertThat(second).as("second window (other tokens, carried state)").isNotEqualTo(first);
        assertThat(third).as("third window restarts the stripes").isEqualTo(first);
    }

    @Test
    void trainingWithCarriedStateLowersTheLoss() {
        var model = new CharLSTM(10, 8, 32, 1, 0.0, new SplittableRandom(3));
        var bptt = new TruncatedBptt(cyclicText(4000), 8, 16);
        var optimizer = new Adam(model.parameters(), 1e-2);
        double first = 0, last = 0;
        for (int step = 0; step < 120; step++) {
            optimizer.zeroGrad();
            Tensor loss = bptt.loss(model::forward);
            loss.backward();
            optimizer.step();
            if (step < 5) first += loss.item() / 5;
            if (step >= 115) last += loss.item() / 5;
        }
        // ln 10 = 2.30 at the start; the cycle is deterministic, so the loss should fall far below it.
        assertThat(first).as("mean loss of the first 5 windows").isGreaterThan(1.8);
        assertThat(last).as("mean loss of the last 5 windows (first 5: %.3f)", first).isLessThan(0.2);
    }

    /** Number of graph nodes (tensors with a grad_fn) reachable from {@code root}. */
    private static int graphSize(Tensor root) {
        var seen = new IdentityHashMap<Tensor, Boolean>();
        var todo = new ArrayDeque<Tensor>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Tensor t = todo.pop();
            if (t.gradFn() == null || seen.put(t, true) != null) {
                continue;
            }
            t.gradFn().inputs().forEach(todo::push);
        }
        return seen.size();
    }
}
