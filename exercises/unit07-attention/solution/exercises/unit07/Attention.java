package exercises.unit07;

import static exercises.unit07.Matrices.matmul;
import static exercises.unit07.Matrices.transpose;

/** Reference solution of tasks 1 and 2 (see {@code src/} for the task descriptions). */
public final class Attention {
    private Attention() {
    }

    public static Results.AttentionForward forward(double[][] q, double[][] k, double[][] v, boolean causal) {
        double scale = 1 / Math.sqrt(q[0].length);
        double[][] weights = matmul(q, transpose(k));
        for (int i = 0; i < weights.length; i++) {
            double[] row = weights[i];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < row.length; j++) {
                row[j] = causal && j > i ? Double.NEGATIVE_INFINITY : scale * row[j];
                max = Math.max(max, row[j]);
            }
            double sum = 0;
            for (int j = 0; j < row.length; j++) {
                row[j] = Math.exp(row[j] - max);
                sum += row[j];
            }
            for (int j = 0; j < row.length; j++) {
                row[j] /= sum;
            }
        }
        return new Results.AttentionForward(matmul(weights, v), weights);
    }

    public static Results.AttentionGradients backward(double[][] q, double[][] k, double[][] v, double[][] weights,
                                                      double[][] gradOutput) {
        double scale = 1 / Math.sqrt(q[0].length);
        double[][] valueGrad = matmul(transpose(weights), gradOutput);
        double[][] scoreGrad = matmul(gradOutput, transpose(v));        // dA, turned into dZ in place
        for (int i = 0; i < scoreGrad.length; i++) {
            double dot = 0;
            for (int j = 0; j < scoreGrad[i].length; j++) {
                dot += scoreGrad[i][j] * weights[i][j];
            }
            for (int j = 0; j < scoreGrad[i].length; j++) {
                scoreGrad[i][j] = scale * weights[i][j] * (scoreGrad[i][j] - dot);
            }
        }
        return new Results.AttentionGradients(matmul(scoreGrad, k), matmul(transpose(scoreGrad), q), valueGrad);
    }
}
