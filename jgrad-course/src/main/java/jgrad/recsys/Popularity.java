package jgrad.recsys;

/** The baseline every recommender must beat: score an item by how many users picked it in training. */
public final class Popularity implements LeaveOneOut.Scorer {
    private final int[] counts;

    public Popularity(Interactions train) {
        this.counts = train.itemCounts();
    }

    @Override
    public double[] scores(int user, int[] items) {
        double[] out = new double[items.length];
        for (int j = 0; j < items.length; j++) {
            out[j] = counts[items[j]];
        }
        return out;
    }
}
