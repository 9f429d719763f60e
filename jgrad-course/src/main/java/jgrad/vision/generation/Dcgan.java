package jgrad.vision.generation;

import jgrad.DType;
import jgrad.Tensor;
import jgrad.nn.BatchNorm1d;
import jgrad.nn.BatchNorm2d;
import jgrad.nn.Conv2d;
import jgrad.nn.ConvTranspose2d;
import jgrad.nn.Flatten;
import jgrad.nn.LeakyReLU;
import jgrad.nn.Linear;
import jgrad.nn.Module;
import jgrad.nn.ReLU;
import jgrad.nn.Sequential;
import jgrad.nn.Tanh;

import java.util.random.RandomGenerator;

/**
 * DCGAN (Radford et al. 2016) for 28x28 images scaled to [-1, 1]: transposed convolutions that
 * double the resolution, batch norm, ReLU in the generator, LeakyReLU(0.2) in the discriminator, tanh
 * output; trained with Adam(lr 2e-4, betas (0.5, 0.999)) as in the paper.
 * <pre>
 *   generator:     z (N, zdim) -> linear 2w*7*7, BN, ReLU -> (N, 2w, 7, 7)
 *                  convT 4x4 s2 p1 2w -> w, BN, ReLU       -> (N, w, 14, 14)
 *                  convT 4x4 s2 p1 w -> 1, tanh            -> (N, 1, 28, 28)
 *   discriminator: conv 4x4 s2 p1 1 -> w, LeakyReLU        -> (N, w, 14, 14)
 *                  conv 4x4 s2 p1 w -> 2w, BN, LeakyReLU   -> (N, 2w, 7, 7)
 *                  flatten, linear -> 1 logit (real vs generated)
 * </pre>
 */
public final class Dcgan {
    private final int latent;
    private final Module generator;
    private final Module discriminator;

    public Dcgan(int latent, int width) {
        this.latent = latent;
        generator = new Sequential(
                new Linear(latent, 2 * width * 49), new BatchNorm1d(2 * width * 49), new ReLU(),
                new Unflatten(2 * width, 7, 7),
                new ConvTranspose2d(2 * width, width, 4, 2, 1), new BatchNorm2d(width), new ReLU(),
                new ConvTranspose2d(width, 1, 4, 2, 1), new Tanh());
        discriminator = new Sequential(
                new Conv2d(1, width, 4, 2, 1), new LeakyReLU(0.2),
                new Conv2d(width, 2 * width, 4, 2, 1), new BatchNorm2d(2 * width), new LeakyReLU(0.2),
                new Flatten(), new Linear(2 * width * 49, 1));
    }

    public Module generator() {
        return generator;
    }

    public Module discriminator() {
        return discriminator;
    }

    public int latent() {
        return latent;
    }

    /** Latent codes {@code (count, zdim)} from N(0, I). */
    public Tensor noise(int count, RandomGenerator random) {
        return Tensor.randn(random, DType.FLOAT32, count, latent);
    }

    /** {@code (N, C * H * W)} -> {@code (N, C, H, W)}. */
    static final class Unflatten extends Module {
        private final int channels, height, width;

        Unflatten(int channels, int height, int width) {
            this.channels = channels;
            this.height = height;
            this.width = width;
        }

        @Override
        public Tensor forward(Tensor input) {
            return input.reshape(input.size(0), channels, height, width);
        }
    }
}
