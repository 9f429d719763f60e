package exercises.unit03;

/** Reference solution of the unit 3 exercise (see {@code src/} for the task descriptions). */
public final class Backprop {
    private Backprop() {
    }

    public static Gradients.Linear linearBackward(double[][] x, double[][] w, double[][] gradOutput) {
        double[][] inputGrad = Matrices.matmul(gradOutput, Matrices.transpose(w));
        double[][] weightGrad = Matrices.matmul(Matrices.transpose(x), gradOutput);
        double[] biasGrad = new double[w[0].length];
        for (double[] row : gradOutput) {
            for (int j = 0; j < row.length; j++) {
                biasGrad[j] += row[j];
            }
        }
        return new Gradients.Linear(inputGrad, weightGrad, biasGrad);
    }

    public static double[][] crossEntropyBackward(double[][] logits, int[] targets) {
        double[][] grad = Matrices.softmaxRows(logits);
        int n = logits.length;
        for (int i = 0; i < n; i++) {
            grad[i][targets[i]] -= 1;
            for (int j = 0; j < grad[i].length; j++) {
                grad[i][j] /= n;
            }
        }
        return grad;
    }

    public static Gradients.Mlp mlpBackward(double[][] x, double[][] w1, double[] b1, double[][] w2, double[] b2,
                                            int[] targets) {
        double[][] hidden = Matrices.tanh(Matrices.addBias(Matrices.matmul(x, w1), b1));
        double[][] logits = Matrices.addBias(Matrices.matmul(hidden, w2), b2);

        double[][] logitsGrad = crossEntropyBackward(logits, targets);
        Gradients.Linear second = linearBackward(hidden, w2, logitsGrad);
        double[][] preActivationGrad = new double[hidden.length][];
        for (int i = 0; i < hidden.length; i++) {
            preActivationGrad[i] = new double[hidden[i].length];
            for (int j = 0; j < hidden[i].length; j++) {
                preActivationGrad[i][j] = second.inputGrad()[i][j] * (1 - hidden[i][j] * hidden[i][j]);
            }
        }
        Gradients.Linear first = linearBackward(x, w1, preActivationGrad);
        return new Gradients.Mlp(first.weightGrad(), first.biasGrad(), second.weightGrad(), second.biasGrad());
    }
}
