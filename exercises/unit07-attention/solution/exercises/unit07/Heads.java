package exercises.unit07;

/** Reference solution of task 3 (see {@code src/} for the task description). */
public final class Heads {
    private Heads() {
    }

    public static double[] split(double[] x, int batch, int length, int heads, int headDim) {
        double[] out = new double[x.length];
        int width = heads * headDim;
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < length; t++) {
                for (int h = 0; h < heads; h++) {
                    for (int d = 0; d < headDim; d++) {
                        out[((b * heads + h) * length + t) * headDim + d] = x[(b * length + t) * width + h * headDim + d];
                    }
                }
            }
        }
        return out;
    }

    public static double[] merge(double[] x, int batch, int heads, int length, int headDim) {
        double[] out = new double[x.length];
        int width = heads * headDim;
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < length; t++) {
                for (int h = 0; h < heads; h++) {
                    for (int d = 0; d < headDim; d++) {
                        out[(b * length + t) * width + h * headDim + d] = x[((b * heads + h) * length + t) * headDim + d];
                    }
                }
            }
        }
        return out;
    }
}
