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
        // TODO(task 1): count the other scores that are >= scores[0].
        throw new UnsupportedOperationException("TODO task 1");
    }

    /** Task 1b: HR@K for one user: 1 if {@code rank < k}, else 0. */
    public static double hit(int rank, int k) {
        // TODO(task 1): 1 inside the top k, else 0.
        throw new UnsupportedOperationException("TODO task 1");
    }

    /** Task 1c: NDCG@K for one user with one relevant item: {@code 1 / log2(rank + 2)} if {@code rank < k}, else 0. */
    public static double ndcg(int rank, int k) {
        // TODO(task 1): 1 / log2(rank + 2) inside the top k, else 0.
        throw new UnsupportedOperationException("TODO task 1");
    }
}
