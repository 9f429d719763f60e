package exercises.unit06;

import static exercises.unit06.Matrices.matmul;
import static exercises.unit06.Matrices.transpose;

/** Reference solution of task 4 (see {@code src/} for the task description). */
public final class Bptt {
    private Bptt() {
    }

    public static Results.RnnGradients rnnBackward(double[][][] inputs, double[][][] states, double[][] wIh, double[][] wHh,
                                                   double[][][] gradOutputs) {
        int steps = inputs.length, batch = inputs[0].length, inputSize = inputs[0][0].length, hidden = wHh.length;
        double[][][] inputGrads = new double[steps][][];
        double[][] weightIhGrad = new double[hidden][inputSize], weightHhGrad = new double[hidden][hidden];
        double[] biasGrad = new double[hidden];
        double[][] fromLater = new double[batch][hidden];
        for (int t = steps; t >= 1; t--) {
            double[][] h = states[t], preActivationGrad = new double[batch][hidden];
            for (int b = 0; b < batch; b++) {
                for (int j = 0; j < hidden; j++) {
                    double hiddenGrad = gradOutputs[t - 1][b][j] + fromLater[b][j];
                    preActivationGrad[b][j] = hiddenGrad * (1 - h[b][j] * h[b][j]);
                    biasGrad[j] += preActivationGrad[b][j];
                }
            }
            add(weightIhGrad, matmul(transpose(preActivationGrad), inputs[t - 1]));
            add(weightHhGrad, matmul(transpose(preActivationGrad), states[t - 1]));
            inputGrads[t - 1] = matmul(preActivationGrad, wIh);
            fromLater = matmul(preActivationGrad, wHh);
        }
        return new Results.RnnGradients(inputGrads, fromLater, weightIhGrad, weightHhGrad, biasGrad, biasGrad.clone());
    }

    private static void add(double[][] sum, double[][] term) {
        for (int i = 0; i < sum.length; i++) {
            for (int j = 0; j < sum[i].length; j++) {
                sum[i][j] += term[i][j];
            }
        }
    }
}
