package jgrad.vision.generation;

import jgrad.Jgrad;
import jgrad.Tensor;
import jgrad.nn.Linear;
import jgrad.nn.Module;
import jgrad.nn.functional.F;
import jgrad.nn.functional.Reduction;

import java.util.random.RandomGenerator;

/**
 * A variational autoencoder (Kingma and Welling 2014) for 28x28 images with pixel values in [0, 1]:
 * <pre>
 *   encoder: x (N, 784) -> 512, ReLU -> mu (N, z), logvar (N, z)
 *   reparameterisation: z = mu + exp(logvar / 2) * eps,  eps ~ N(0, I)
 *   decoder: z -> 512, ReLU -> 784 logits of Bernoulli pixel probabilities
 * </pre>
 * The negative ELBO per image, in nats, is the reconstruction term plus the KL term:
 * <pre>
 *   rec = -sum_pixels [x log sigmoid(l) + (1 - x) log(1 - sigmoid(l))]     (BCE with logits, summed)
 *   KL(q(z|x) || N(0, I)) = -1/2 sum_j (1 + logvar_j - mu_j^2 - exp(logvar_j))
 * </pre>
 * The reparameterisation makes {@code z} a differentiable function of {@code mu} and {@code logvar},
 * so both terms train the encoder by backpropagation.
 */
public final class Vae extends Module {
    private final int latent;
    private final Linear encode, mean, logVariance, decodeHidden, decodeOut;

    /** Negative ELBO per image in nats, split into its two terms (each a scalar tensor). */
    public record Loss(Tensor reconstruction, Tensor kl) {
        public Tensor total() {
            return reconstruction.add(kl);
        }
    }

    public Vae(int hidden, int latent) {
        this.latent = latent;
        encode = registerModule("encode", new Linear(784, hidden));
        mean = registerModule("mean", new Linear(hidden, latent));
        logVariance = registerModule("logvar", new Linear(hidden, latent));
        decodeHidden = registerModule("decode_hidden", new Linear(latent, hidden));
        decodeOut = registerModule("decode_out", new Linear(hidden, 784));
    }

    public int latent() {
        return latent;
    }

    /** The posterior's mean and log-variance for images {@code (N, 1, 28, 28)}: two {@code (N, z)} tensors. */
    public Tensor[] encode(Tensor images) {
        Tensor h = encode.forward(images.reshape(images.size(0), 784)).relu();
        return new Tensor[] {mean.forward(h), logVariance.forward(h)};
    }

    /** Pixel logits {@code (N, 1, 28, 28)} for codes {@code (N, z)}; sigmoid gives the image. */
    public Tensor decode(Tensor z) {
        return decodeOut.forward(decodeHidden.forward(z).relu()).reshape(z.size(0), 1, 28, 28);
    }

    /** Reconstruction logits (through a sampled z); use {@link #loss} for training. */
    @Override
    public Tensor forward(Tensor images) {
        return decode(encode(images)[0]);
    }

    /** The two terms of the negative ELBO, averaged over the batch, with {@code eps} from {@code random}. */
    public Loss loss(Tensor images, RandomGenerator random) {
        Tensor[] posterior = encode(images);
        Tensor mu = posterior[0], logvar = posterior[1];
        Tensor eps = Tensor.randn(random, mu.dtype(), mu.shape());
        Tensor z = mu.add(logvar.mul(0.5).exp().mul(eps));
        int batch = images.size(0);
        Tensor reconstruction = F.binaryCrossEntropyWithLogits(decode(z), images, null, null, Reduction.SUM).div(batch);
        Tensor kl = logvar.add(1).sub(mu.square()).sub(logvar.exp()).sum().mul(-0.5 / batch);
        return new Loss(reconstruction, kl);
    }

    /** {@code count} images decoded from the prior {@code N(0, I)}, values in [0, 1]. */
    public Tensor sample(int count, RandomGenerator random) {
        return decode(Tensor.randn(random, jgrad.DType.FLOAT32, count, latent)).sigmoid();
    }

    /** A VAE with the global generator's initialisation. */
    public static Vae create(int hidden, int latent, long seed) {
        Jgrad.manualSeed(seed);
        return new Vae(hidden, latent);
    }
}
