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
        // TODO(task 1): one line per element.
        throw new UnsupportedOperationException("TODO task 1");
    }

    /**
     * Task 1: the reconstruction term of Bernoulli pixels, averaged over the batch: for each image the
     * sum over its pixels of {@code -[x log sigmoid(l) + (1 - x) log(1 - sigmoid(l))]}, in nats. Compute it
     * from the logit {@code l} without forming {@code sigmoid(l)}: the term equals
     * {@code softplus(l) - x l} with {@code softplus(l) = max(l, 0) + log(1 + exp(-|l|))}, which never
     * overflows. {@code logits} and {@code x} have shape (N, pixels), x in [0, 1].
     */
    public static double reconstruction(double[][] logits, double[][] x) {
        // TODO(task 1): sum softplus(l) - x l over each image's pixels, then average over the images.
        throw new UnsupportedOperationException("TODO task 1");
    }

    /**
     * Task 2: {@code KL(N(mu, diag exp(logvar)) || N(0, I)) = -1/2 sum_j (1 + logvar_j - mu_j^2 - exp(logvar_j))}
     * per image, averaged over the batch, in nats.
     */
    public static double kl(double[][] mu, double[][] logvar) {
        // TODO(task 2): the closed form, summed over the latent dims, averaged over the batch.
        throw new UnsupportedOperationException("TODO task 2");
    }
}
