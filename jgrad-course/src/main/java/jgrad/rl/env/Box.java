package jgrad.rl.env;

import java.util.Arrays;

/** The box {@code [low_0, high_0] x ... x [low_{d-1}, high_{d-1}]}; bounds may be infinite. */
public record Box(double[] low, double[] high) implements Space {
    public Box {
        if (low.length != high.length) {
            throw new IllegalArgumentException("Box: low has " + low.length + " entries but high has " + high.length);
        }
        for (int i = 0; i < low.length; i++) {
            if (!(low[i] <= high[i])) {
                throw new IllegalArgumentException("Box: low[" + i + "] = " + low[i] + " is above high[" + i + "] = " + high[i]);
            }
        }
        low = low.clone();
        high = high.clone();
    }

    /** The box {@code [low, high]^dim}. */
    public static Box uniform(double low, double high, int dim) {
        double[] lows = new double[dim], highs = new double[dim];
        Arrays.fill(lows, low);
        Arrays.fill(highs, high);
        return new Box(lows, highs);
    }

    @Override
    public int flatDim() {
        return low.length;
    }

    @Override
    public boolean contains(double[] point) {
        if (point.length != low.length) return false;
        for (int i = 0; i < point.length; i++) {
            if (!(point[i] >= low[i] && point[i] <= high[i])) return false;
        }
        return true;
    }

    /** {@code point} clipped into the box, coordinate by coordinate (a new array). */
    public double[] clip(double[] point) {
        if (point.length != low.length) {
            throw new IllegalArgumentException("Box.clip: point has " + point.length + " entries, the box has dimension " + low.length);
        }
        double[] out = new double[point.length];
        for (int i = 0; i < point.length; i++) out[i] = Math.min(high[i], Math.max(low[i], point[i]));
        return out;
    }

    @Override
    public String toString() {
        return "Box(low=" + Arrays.toString(low) + ", high=" + Arrays.toString(high) + ")";
    }
}
