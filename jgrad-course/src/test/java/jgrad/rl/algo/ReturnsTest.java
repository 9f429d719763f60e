package jgrad.rl.algo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReturnsTest {
    @Test
    void discountedReturnsByHand() {
        // gamma = 0.5, rewards (1, 2, 4): G_2 = 4, G_1 = 2 + 0.5 * 4 = 4, G_0 = 1 + 0.5 * 4 = 3
        assertThat(Returns.discounted(new double[] {1, 2, 4}, 0.5)).containsExactly(3, 4, 4);
        assertThat(Returns.discounted(new double[] {1, 1, 1}, 1.0)).containsExactly(3, 2, 1);
    }

    @Test
    void gaeByHandWithAnEpisodeEndInTheMiddle() {
        // one environment, gamma = lambda = 0.5, rewards (1, 2, 3), V = (0.5, 1, 1.5), the episode ends at t = 1, V(s_3) = 2.
        // t = 2: delta = 3 + 0.5 * 2 - 1.5 = 2.5;               A_2 = 2.5
        // t = 1: done, so delta = 2 - 1 = 1 and nothing later;    A_1 = 1
        // t = 0: delta = 1 + 0.5 * 1 - 0.5 = 1;                  A_0 = 1 + 0.25 * 1 = 1.25
        double[][] adv = Returns.gae(new double[][] {{1}, {2}, {3}}, new double[][] {{0.5}, {1}, {1.5}},
                new boolean[][] {{false}, {true}, {false}}, new double[] {2}, 0.5, 0.5);
        assertThat(adv[0][0]).isCloseTo(1.25, within(1e-12));
        assertThat(adv[1][0]).isCloseTo(1.0, within(1e-12));
        assertThat(adv[2][0]).isCloseTo(2.5, within(1e-12));
    }

    @Test
    void gaeWithLambdaOneIsTheReturnMinusTheValueAndEnvironmentsStaySeparate() {
        double[][] rewards = {{1, 10}, {2, 20}, {4, 40}};
        double[][] values = {{0.3, 3}, {0.2, 2}, {0.1, 1}};
        boolean[][] dones = {{false, false}, {false, false}, {true, false}};
        double[][] adv = Returns.gae(rewards, values, dones, new double[] {100, 0}, 0.5, 1.0);
        double[] g = Returns.discounted(new double[] {1, 2, 4}, 0.5);   // the first copy's episode ends at t = 2: V(s_3) ignored
        for (int t = 0; t < 3; t++) assertThat(adv[t][0]).isCloseTo(g[t] - values[t][0], within(1e-12));
        double[] g2 = Returns.discounted(new double[] {10, 20, 40}, 0.5);   // V(s_3) = 0 for the second copy
        for (int t = 0; t < 3; t++) assertThat(adv[t][1]).isCloseTo(g2[t] - values[t][1], within(1e-12));
    }

    @Test
    void linearScheduleReachesTheEndAtTheFractionAndStays() {
        var schedule = new LinearSchedule(1.0, 0.1, 0.5, 1000);
        assertThat(schedule.at(0)).isEqualTo(1.0);
        assertThat(schedule.at(250)).isCloseTo(0.55, within(1e-12));
        assertThat(schedule.at(500)).isCloseTo(0.1, within(1e-12));
        assertThat(schedule.at(900)).isCloseTo(0.1, within(1e-12));
    }
}
