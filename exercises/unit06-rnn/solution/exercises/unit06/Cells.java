package exercises.unit06;

import static exercises.unit06.Matrices.affine;
import static exercises.unit06.Matrices.sigmoid;

/** Reference solution of tasks 1 to 3 (see {@code src/} for the task descriptions). */
public final class Cells {
    private Cells() {
    }

    public static double[][] rnnCell(double[][] x, double[][] h, double[][] wIh, double[][] wHh, double[] bIh, double[] bHh) {
        double[][] fromInput = affine(x, wIh, bIh), fromHidden = affine(h, wHh, bHh);
        double[][] next = new double[x.length][fromInput[0].length];
        for (int b = 0; b < x.length; b++) {
            for (int j = 0; j < next[b].length; j++) {
                next[b][j] = Math.tanh(fromInput[b][j] + fromHidden[b][j]);
            }
        }
        return next;
    }

    public static Results.LstmState lstmCell(double[][] x, double[][] h, double[][] c, double[][] wIh, double[][] wHh,
                                             double[] bIh, double[] bHh) {
        double[][] fromInput = affine(x, wIh, bIh), fromHidden = affine(h, wHh, bHh);
        int hidden = c[0].length;
        double[][] hNext = new double[x.length][hidden], cNext = new double[x.length][hidden];
        for (int b = 0; b < x.length; b++) {
            for (int j = 0; j < hidden; j++) {
                double i = sigmoid(fromInput[b][j] + fromHidden[b][j]);
                double f = sigmoid(fromInput[b][hidden + j] + fromHidden[b][hidden + j]);
                double g = Math.tanh(fromInput[b][2 * hidden + j] + fromHidden[b][2 * hidden + j]);
                double o = sigmoid(fromInput[b][3 * hidden + j] + fromHidden[b][3 * hidden + j]);
                cNext[b][j] = f * c[b][j] + i * g;
                hNext[b][j] = o * Math.tanh(cNext[b][j]);
            }
        }
        return new Results.LstmState(hNext, cNext);
    }

    public static double[][] gruCell(double[][] x, double[][] h, double[][] wIh, double[][] wHh, double[] bIh, double[] bHh) {
        double[][] fromInput = affine(x, wIh, bIh), fromHidden = affine(h, wHh, bHh);
        int hidden = h[0].length;
        double[][] next = new double[x.length][hidden];
        for (int b = 0; b < x.length; b++) {
            for (int j = 0; j < hidden; j++) {
                double r = sigmoid(fromInput[b][j] + fromHidden[b][j]);
                double z = sigmoid(fromInput[b][hidden + j] + fromHidden[b][hidden + j]);
                double n = Math.tanh(fromInput[b][2 * hidden + j] + r * fromHidden[b][2 * hidden + j]);
                next[b][j] = (1 - z) * n + z * h[b][j];
            }
        }
        return next;
    }
}
