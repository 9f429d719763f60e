package jgrad.rl.env;

/** The finite set {@code {0, 1, ..., n-1}}; a point is the one-element array {@code {a}}. */
public record Discrete(int n) implements Space {
    public Discrete {
        if (n <= 0) throw new IllegalArgumentException("Discrete: n must be positive, got " + n);
    }

    @Override
    public int flatDim() {
        return 1;
    }

    @Override
    public boolean contains(double[] point) {
        return point.length == 1 && point[0] == Math.rint(point[0]) && point[0] >= 0 && point[0] < n;
    }
}
