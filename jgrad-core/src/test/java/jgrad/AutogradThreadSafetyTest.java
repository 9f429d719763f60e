package jgrad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jgrad.nn.Linear;
import jgrad.nn.functional.F;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One model shared by several threads, each running forward and backward at the same time: every
 * thread's gradient reaches the leaves (accumulation into a leaf is synchronized).
 */
class AutogradThreadSafetyTest {
    private static final int THREADS = 4;
    private static final int ROUNDS = 30;
    /** Backward passes per thread per round: 4 x 3 = 12 gradients meet in each leaf. */
    private static final int STEPS = 3;

    @Test
    @Timeout(60)
    void concurrentBackwardsIntoSharedLeavesLoseNothing() throws Exception {
        var linear = new Linear(128, 64, true, new SplittableRandom(1));
        linear.to(DType.FLOAT64);
        Tensor x = Tensor.randn(new SplittableRandom(2), DType.FLOAT64, 8, 128);
        F.tanh(linear.forward(x)).sum().backward();
        double[] single = linear.weight().grad().toDoubleArray();

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                linear.zeroGrad();
                var start = new CyclicBarrier(THREADS);   // all threads backward at the same moment
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    done.add(pool.submit(() -> {
                        start.await();
                        for (int step = 0; step < STEPS; step++) {
                            F.tanh(linear.forward(x)).sum().backward();
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
                double[] total = linear.weight().grad().toDoubleArray();
                for (int i = 0; i < single.length; i++) {
                    // twelve equal float64 terms summed in any order: within a few ulps of 12x one
                    assertThat(total[i]).as("round %d, weight gradient element %d", round, i)
                            .isCloseTo(THREADS * STEPS * single[i], within(1e-12 * (1 + Math.abs(single[i]))));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Grad mode belongs to the thread: threads inside {@code Grad.noGrad()} record nothing while others,
     * at the same moment, record graphs; every thread's forward on the shared model gives the same values.
     */
    @Test
    @Timeout(60)
    void gradModeIsPerThreadAndSharedForwardsAgree() throws Exception {
        var linear = new Linear(32, 16, true, new SplittableRandom(3));
        Tensor x = Tensor.randn(new SplittableRandom(4), DType.FLOAT32, 4, 32);
        double[] expected = F.tanh(linear.forward(x)).toDoubleArray();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            var start = new CyclicBarrier(THREADS);
            List<Future<Boolean>> recorded = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                boolean withoutGrad = t % 2 == 0;
                recorded.add(pool.submit(() -> {
                    start.await();
                    boolean anyRecorded = false;
                    for (int step = 0; step < 50; step++) {
                        try (var scope = withoutGrad ? Grad.noGrad() : Grad.enableGrad()) {
                            Tensor y = F.tanh(linear.forward(x));
                            assertThat(y.toDoubleArray()).containsExactly(expected);
                            anyRecorded |= y.requiresGrad();
                            assertThat(y.requiresGrad()).as("grad mode of this thread").isEqualTo(!withoutGrad);
                        }
                    }
                    return anyRecorded;
                }));
            }
            for (int t = 0; t < THREADS; t++) {
                assertThat(recorded.get(t).get()).as("thread %d recorded a graph", t).isEqualTo(t % 2 != 0);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
