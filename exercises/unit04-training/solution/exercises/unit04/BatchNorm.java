package exercises.unit04;

/** Reference solution of tasks 4 and 5 (see {@code src/} for the task descriptions). */
public final class BatchNorm {
    private BatchNorm() {
    }

    public static Results.BatchNormForward forward(double[][] x, double[] gamma, double[] beta, double[] runningMean,
                                                   double[] runningVar, double momentum, double eps) {
        int n = x.length, features = x[0].length;
        double[][] output = new double[n][features];
        double[][] normalized = new double[n][features];
        double[] invStd = new double[features];
        for (int c = 0; c < features; c++) {
            double mean = 0;
            for (double[] row : x) {
                mean += row[c];
            }
            mean /= n;
            double var = 0;
            for (double[] row : x) {
                var += (row[c] - mean) * (row[c] - mean);
            }
            var /= n;
            invStd[c] = 1 / Math.sqrt(var + eps);
            for (int i = 0; i < n; i++) {
                normalized[i][c] = (x[i][c] - mean) * invStd[c];
                output[i][c] = gamma[c] * normalized[i][c] + beta[c];
            }
            runningMean[c] = (1 - momentum) * runningMean[c] + momentum * mean;
            runningVar[c] = (1 - momentum) * runningVar[c] + momentum * var * n / (n - 1);
        }
        return new Results.BatchNormForward(output, normalized, invStd);
    }

    public static Results.BatchNormGradients backward(double[][] gradOutput, double[] gamma, Results.BatchNormForward cache) {
        double[][] xHat = cache.normalized();
        int n = gradOutput.length, features = gradOutput[0].length;
        double[][] inputGrad = new double[n][features];
        double[] gammaGrad = new double[features];
        double[] betaGrad = new double[features];
        for (int c = 0; c < features; c++) {
            double sumNormalizedGrad = 0, sumNormalizedGradTimesXHat = 0;
            for (int i = 0; i < n; i++) {
                gammaGrad[c] += gradOutput[i][c] * xHat[i][c];
                betaGrad[c] += gradOutput[i][c];
                double normalizedGrad = gradOutput[i][c] * gamma[c];
                sumNormalizedGrad += normalizedGrad;
                sumNormalizedGradTimesXHat += normalizedGrad * xHat[i][c];
            }
            for (int i = 0; i < n; i++) {
                double normalizedGrad = gradOutput[i][c] * gamma[c];
                inputGrad[i][c] = cache.invStd()[c] / n
                        * (n * normalizedGrad - sumNormalizedGrad - xHat[i][c] * sumNormalizedGradTimesXHat);
            }
        }
        return new Results.BatchNormGradients(inputGrad, gammaGrad, betaGrad);
    }
}
