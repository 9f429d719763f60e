package exercises.unit18;

/** Unit 18 exercise, task 1: the leave-one-out ranking metrics. */
public final class Ranking {
    private Ranking() {
    }

    /**
     * Task 1a: the rank of {@code scores[0]} (the held-out item) among all the scores, 0 = top. Ties
     * count against the model: every other item scored at least as high ranks above it.
     */
    public static int rank(double[] scores) {
        int rank = 0;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] >= scores[0]) rank++;
        }
        return rank;
    }

    /** Task 1b: HR@K for one user: 1 if {@code rank < k}, else 0. */
    public static double hit(int rank, int k) {
        return rank < k ? 1 : 0;
    }

    /** Task 1c: NDCG@K for one user with one relevant item: {@code 1 / log2(rank + 2)} if {@code rank < k}, else 0. */
    public static double ndcg(int rank, int k) {
        return rank < k ? 1 / (Math.log(rank + 2) / Math.log(2)) : 0;
    }
}
