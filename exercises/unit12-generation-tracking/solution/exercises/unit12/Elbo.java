package exercises.unit12;

/**
 * Unit 12 exercise, tasks 1 and 2: the two terms of a VAE's loss, the negative ELBO in nats, on plain
 * arrays. Rows are images of the batch: {@code mu[n][j]}, {@code logvar[n][j]} for latent dims j.
 */
public final class Elbo {
    private Elbo() {
    }

    /** Task 1: the reparameterisation {@code z = mu + exp(logvar / 2) * eps}, element by element. Shape (N, z). */
    public static double[][] reparameterise(double[][] mu, double[][] logvar, double[][] eps) {
        double[][] z = new double[mu.length][mu[0].length];
        for (int n = 0; n < mu.length; n++)
            for (int j = 0; j < mu[n].length; j++) z[n][j] = mu[n][j] + Math.exp(logvar[n][j] / 2) * eps[n][j];
        return z;
    }

    /**
     * Task 1: the reconstruction term of Bernoulli pixels, averaged over the batch: for each image the
     * sum over its pixels of {@code -[x log sigmoid(l) + (1 - x) log(1 - sigmoid(l))]}, in nats. Compute it
     * from the logit {@code l} without forming {@code sigmoid(l)}: the term equals
     * {@code softplus(l) - x l} with {@code softplus(l) = max(l, 0) + log(1 + exp(-|l|))}, which never
     * overflows. {@code logits} and {@code x} have shape (N, pixels), x in [0, 1].
     */
    public static double reconstruction(double[][] logits, double[][] x) {
        double sum = 0;
        for (int n = 0; n < logits.length; n++)
            for (int i = 0; i < logits[n].length; i++) {
                double l = logits[n][i];
                sum += Math.max(l, 0) + Math.log1p(Math.exp(-Math.abs(l))) - x[n][i] * l;
            }
        return sum / logits.length;
    }

    /**
     * Task 2: {@code KL(N(mu, diag exp(logvar)) || N(0, I)) = -1/2 sum_j (1 + logvar_j - mu_j^2 - exp(logvar_j))}
     * per image, averaged over the batch, in nats.
     */
    public static double kl(double[][] mu, double[][] logvar) {
        double sum = 0;
        for (int n = 0; n < mu.length; n++)
            for (int j = 0; j < mu[n].length; j++) sum += 1 + logvar[n][j] - mu[n][j] * mu[n][j] - Math.exp(logvar[n][j]);
        return -0.5 * sum / mu.length;
    }
}
