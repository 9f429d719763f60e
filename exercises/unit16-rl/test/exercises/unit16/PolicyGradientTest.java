package exercises.unit16;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.rl.algo.PolicyLosses;
import jgrad.rl.algo.Returns;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Graded tests. Small cases worked by hand, then random cases against jgrad's own
 * {@code jgrad.rl.algo.Returns} and {@code PolicyLosses} (float64; tolerance 1e-9: the same sums in a
 * possibly different order agree to about 1e-15).
 */
class PolicyGradientTest {
    private static final double TOL = 1e-9;

    @Test
    @Tag("task1")
    void discountedReturnsByHand() {
        // gamma = 0.5, rewards (1, 2, 4): G_2 = 4, G_1 = 2 + 0.5 * 4 = 4, G_0 = 1 + 0.5 * 4 = 3
        assertArrayEquals(new double[] {3, 4, 4}, PolicyGradient.discountedReturns(new double[] {1, 2, 4}, 0.5), TOL,
                "discountedReturns([1, 2, 4], gamma=0.5)");
        assertArrayEquals(new double[] {3, 2, 1}, PolicyGradient.discountedReturns(new double[] {1, 1, 1}, 1.0), TOL,
                "discountedReturns([1, 1, 1], gamma=1)");
    }

    @Test
    @Tag("task1")
    void discountedReturnsMatchJgradOnRandomEpisodes() {
        var random = new Random(16);
        for (int trial = 0; trial < 20; trial++) {
            double[] rewards = random.doubles(1 + random.nextInt(30), -1, 1).toArray();
            double gamma = random.nextDouble();
            assertArrayEquals(Returns.discounted(rewards, gamma), PolicyGradient.discountedReturns(rewards, gamma), TOL,
                    "discountedReturns(" + Arrays.toString(rewards) + ", gamma=" + gamma + ")");
        }
    }

    @Test
    @Tag("task2")
    void gaeByHand() {
        // gamma = lambda = 0.5, r = (1, 2, 3), V = (0.5, 1, 1.5), the episode ends at t = 1, V_3 = 2:
        // A_2 = 3 + 0.5 * 2 - 1.5 = 2.5;  A_1 = 2 - 1 = 1 (done: nothing after it);  A_0 = (1 + 0.5 * 1 - 0.5) + 0.25 * 1 = 1.25
        double[] adv = PolicyGradient.gae(new double[] {1, 2, 3}, new double[] {0.5, 1, 1.5}, new boolean[] {false, true, false}, 2, 0.5, 0.5);
        assertArrayEquals(new double[] {1.25, 1, 2.5}, adv, TOL, "gae by hand");
    }

    @Test
    @Tag("task2")
    void gaeMatchesJgradOnRandomRollouts() {
        var random = new Random(61);
        for (int trial = 0; trial < 20; trial++) {
            int steps = 1 + random.nextInt(20);
            double[] r = random.doubles(steps, -1, 1).toArray(), v = random.doubles(steps, -1, 1).toArray();
            boolean[] d = new boolean[steps];
            for (int t = 0; t < steps; t++) d[t] = random.nextDouble() < 0.2;
            double last = random.nextGaussian(), gamma = random.nextDouble(), lambda = random.nextDouble();
            double[][] rr = new double[steps][1], vv = new double[steps][1];
            boolean[][] dd = new boolean[steps][1];
            for (int t = 0; t < steps; t++) {
                rr[t][0] = r[t];
                vv[t][0] = v[t];
                dd[t][0] = d[t];
            }
            double[][] expected = Returns.gae(rr, vv, dd, new double[] {last}, gamma, lambda);
            double[] flat = new double[steps];
            for (int t = 0; t < steps; t++) flat[t] = expected[t][0];
            assertArrayEquals(flat, PolicyGradient.gae(r, v, d, last, gamma, lambda), TOL,
                    "gae(r=" + Arrays.toString(r) + ", V=" + Arrays.toString(v) + ", dones=" + Arrays.toString(d)
                            + ", lastValue=" + last + ", gamma=" + gamma + ", lambda=" + lambda + ")");
        }
    }

    @Test
    @Tag("task3")
    void reinforceLossAndItsGradient() {
        var random = new Random(3);
        for (int trial = 0; trial < 10; trial++) {
            int n = 1 + random.nextInt(8);
            double[] logp = random.doubles(n, -3, 0).toArray(), adv = random.doubles(n, -2, 2).toArray();
            Tensor mine = Tensor.of(logp).requiresGrad(true), theirs = Tensor.of(logp).requiresGrad(true);
            Tensor advantages = Tensor.of(adv).requiresGrad(true);
            Tensor loss = PolicyGradient.reinforceLoss(mine, advantages);
            Tensor expected = PolicyLosses.reinforce(theirs, Tensor.of(adv));
            assertEquals(expected.item(), loss.item(), TOL, "reinforceLoss(logp=" + Arrays.toString(logp) + ", A=" + Arrays.toString(adv) + ")");
            loss.backward();
            expected.backward();
            assertArrayEquals(theirs.grad().toDoubleArray(), mine.grad().toDoubleArray(), TOL, "dL/dlogp = -A / n");
            assertEquals(null, advantages.grad(), "no gradient may flow into the advantages: detach them");
        }
    }

    @Test
    @Tag("task4")
    void clippedSurrogateAndItsGradient() {
        var random = new Random(4);
        for (int trial = 0; trial < 10; trial++) {
            int n = 1 + random.nextInt(8);
            double[] logp = random.doubles(n, -0.6, 0.6).toArray(), adv = random.doubles(n, -2, 2).toArray();
            Tensor mine = Tensor.of(logp).requiresGrad(true), theirs = Tensor.of(logp).requiresGrad(true);
            Tensor old = Tensor.zeros(DType.FLOAT64, n);
            Tensor loss = PolicyGradient.clippedSurrogate(mine, old, Tensor.of(adv), 0.2);
            Tensor expected = PolicyLosses.clippedSurrogate(theirs, old, Tensor.of(adv), 0.2);
            String call = "clippedSurrogate(logp=" + Arrays.toString(logp) + ", old=0, A=" + Arrays.toString(adv) + ", eps=0.2)";
            assertEquals(expected.item(), loss.item(), TOL, call);
            loss.backward();
            expected.backward();
            assertArrayEquals(theirs.grad().toDoubleArray(), mine.grad().toDoubleArray(), TOL, call + ": gradient (zero where clipped)");
        }
    }
}
