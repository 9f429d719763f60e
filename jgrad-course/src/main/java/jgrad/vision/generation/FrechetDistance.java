package jgrad.vision.generation;

import jgrad.DType;
import jgrad.Tensor;

/**
 * The Fréchet distance between two Gaussians fitted to feature vectors (Dowson and Landau 1982; the
 * FID of Heusel et al. 2017 is this in Inception-v3's feature space, so a number computed in another
 * feature space must not be called FID):
 * <pre>
 *   d^2 = |mu_1 - mu_2|^2 + Tr(S_1 + S_2 - 2 (S_1 S_2)^(1/2))
 * </pre>
 * {@code Tr (S_1 S_2)^(1/2)} is the sum of the square roots of the eigenvalues of
 * {@code S_1^(1/2) S_2 S_1^(1/2)} (similar to {@code S_1 S_2}, and symmetric), found with Jacobi
 * rotations in double precision.
 */
public final class FrechetDistance {
    private FrechetDistance() {
    }

    /** Squared Fréchet distance between the rows of {@code a (N, d)} and {@code b (M, d)}. */
    public static double between(Tensor a, Tensor b) {
        if (a.dim() != 2 || b.dim() != 2 || a.size(1) != b.size(1) || a.size(0) < 2 || b.size(0) < 2) {
            throw new IllegalArgumentException("FrechetDistance: expected features (N, d) and (M, d), N, M >= 2, got "
                    + jgrad.Shape.format(a.shape()) + " and " + jgrad.Shape.format(b.shape()));
        }
        int d = a.size(1);
        double[] meanA = new double[d], meanB = new double[d];
        double[][] covA = covariance(a.to(DType.FLOAT64).contiguous().toDoubleArray(), a.size(0), d, meanA);
        double[][] covB = covariance(b.to(DType.FLOAT64).contiguous().toDoubleArray(), b.size(0), d, meanB);
        double meanTerm = 0;
        for (int i = 0; i < d; i++) meanTerm += (meanA[i] - meanB[i]) * (meanA[i] - meanB[i]);
        double trace = 0;
        for (int i = 0; i < d; i++) trace += covA[i][i] + covB[i][i];
        double[][] rootA = symmetricSqrt(covA);
        double crossRoot = 0;
        for (double lambda : eigenvalues(multiply(multiply(rootA, covB), rootA))) crossRoot += Math.sqrt(Math.max(lambda, 0));
        return meanTerm + trace - 2 * crossRoot;
    }

    private static double[][] covariance(double[] x, int n, int d, double[] mean) {
        for (int r = 0; r < n; r++) for (int i = 0; i < d; i++) mean[i] += x[r * d + i] / n;
        double[][] cov = new double[d][d];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < d; i++) {
                double u = x[r * d + i] - mean[i];
                for (int j = i; j < d; j++) cov[i][j] += u * (x[r * d + j] - mean[j]) / (n - 1);
            }
        }
        for (int i = 0; i < d; i++) for (int j = 0; j < i; j++) cov[i][j] = cov[j][i];
        return cov;
    }

    // S^(1/2) = V diag(sqrt(max(lambda, 0))) V^T from the eigen-decomposition S = V diag(lambda) V^T.
    private static double[][] symmetricSqrt(double[][] s) {
        int d = s.length;
        double[][] vectors = identity(d);
        double[] lambda = jacobi(copy(s), vectors);
        double[][] root = new double[d][d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++) {
                double sum = 0;
                for (int k = 0; k < d; k++) sum += vectors[i][k] * Math.sqrt(Math.max(lambda[k], 0)) * vectors[j][k];
                root[i][j] = sum;
            }
        return root;
    }

    static double[] eigenvalues(double[][] s) {
        return jacobi(copy(s), identity(s.length));
    }

    // Cyclic Jacobi: rotate away each off-diagonal element until the matrix is diagonal to rounding;
    // a holds the eigenvalues on its diagonal at the end, v accumulates the rotations (eigenvectors as columns).
    private static double[] jacobi(double[][] a, double[][] v) {
        int d = a.length;
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0, scale = 0;
            for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) {
                if (i != j) off += a[i][j] * a[i][j];
                else scale += a[i][j] * a[i][j];
            }
            if (off <= 1e-24 * Math.max(scale, 1e-300)) break;
            for (int p = 0; p < d - 1; p++) {
                for (int q = p + 1; q < d; q++) {
                    if (a[p][q] == 0) continue;
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta == 0 ? 1 : theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    double c = 1 / Math.sqrt(t * t + 1), s = t * c;
                    for (int k = 0; k < d; k++) {
                        double akp = a[k][p], akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < d; k++) {
                        double apk = a[p][k], aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < d; k++) {
                        double vkp = v[k][p], vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        double[] lambda = new double[d];
        for (int i = 0; i < d; i++) lambda[i] = a[i][i];
        return lambda;
    }

    private static double[][] multiply(double[][] x, double[][] y) {
        int d = x.length;
        double[][] out = new double[d][d];
        for (int i = 0; i < d; i++) for (int k = 0; k < d; k++) {
            double xik = x[i][k];
            for (int j = 0; j < d; j++) out[i][j] += xik * y[k][j];
        }
        return out;
    }

    private static double[][] identity(int d) {
        double[][] m = new double[d][d];
        for (int i = 0; i < d; i++) m[i][i] = 1;
        return m;
    }

    private static double[][] copy(double[][] m) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) out[i] = m[i].clone();
        return out;
    }
}
