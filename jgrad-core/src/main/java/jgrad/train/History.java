package jgrad.train;

import java.util.ArrayList;
import java.util.List;

/** Per-epoch training and test loss and accuracy, in epoch order. */
public final class History {
    private final List<Double> trainLoss = new ArrayList<>();
    private final List<Double> trainAccuracy = new ArrayList<>();
    private final List<Double> testLoss = new ArrayList<>();
    private final List<Double> testAccuracy = new ArrayList<>();

    void add(double trainLossValue, double trainAccuracyValue, double testLossValue, double testAccuracyValue) {
        trainLoss.add(trainLossValue);
        trainAccuracy.add(trainAccuracyValue);
        testLoss.add(testLossValue);
        testAccuracy.add(testAccuracyValue);
    }

    public List<Double> trainLoss() { return List.copyOf(trainLoss); }
    public List<Double> trainAccuracy() { return List.copyOf(trainAccuracy); }
    /** NaN for epochs without a test set. */
    public List<Double> testLoss() { return List.copyOf(testLoss); }
    public List<Double> testAccuracy() { return List.copyOf(testAccuracy); }

    public int epochs() {
        return trainLoss.size();
    }
}
