package jgrad.recsys;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LeaveOneOutTest {

    @Test
    void eachUsersLatestInteractionIsHeldOutAndNegativesAreUnseen() {
        // user 0 picks 3, 1, 4 (time 0, 2, 1): item 1 is the latest; user 1 has one pick, kept for training
        var all = new Interactions(2, 10, new int[] {0, 0, 0, 1}, new int[] {3, 1, 4, 5}, new long[] {0, 2, 1, 0});
        var split = LeaveOneOut.split(all, 5, 0);
        assertThat(split.cases()).hasSize(1);
        var c = split.cases().getFirst();
        assertThat(c.user()).isZero();
        assertThat(c.heldOut()).isEqualTo(1);
        Set<Integer> negatives = IntStream.of(c.negatives()).boxed().collect(Collectors.toSet());
        assertThat(negatives).hasSize(5).doesNotContain(1, 3, 4);
        assertThat(split.train().size()).isEqualTo(3);
        assertThat(split.train().item()).containsExactly(3, 4, 5);
    }

    @Test
    void hitRateAndNdcgFollowTheRankOfTheHeldOutItem() {
        // two users; the scorer puts user 0's held-out item first (rank 0) and user 1's third (rank 2)
        var all = new Interactions(2, 20, new int[] {0, 0, 1, 1}, new int[] {0, 1, 2, 3}, new long[] {0, 1, 0, 1});
        var split = LeaveOneOut.split(all, 9, 1);
        LeaveOneOut.Scorer scorer = (user, items) -> {
            double[] s = new double[items.length];
            for (int j = 1; j < items.length; j++) s[j] = -j;      // negatives: -1, -2, ...
            s[0] = user == 0 ? 1 : -2.5;                             // user 1: below -1 and -2, above -3
            return s;
        };
        var at10 = split.evaluate(scorer, 10);
        assertThat(at10.hitRate()).isEqualTo(1.0);
        assertThat(at10.ndcg()).isCloseTo((1 + 1 / (Math.log(4) / Math.log(2))) / 2, within(1e-12));
        var at2 = split.evaluate(scorer, 2);
        assertThat(at2.hitRate()).isEqualTo(0.5);
        assertThat(at2.ndcg()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void tiesCountAgainstTheModel() {
        assertThat(LeaveOneOut.rank(new double[] {1, 1, 1, 0})).isEqualTo(2);
        assertThat(LeaveOneOut.rank(new double[] {2, 1, 1, 0})).isZero();
    }
}
