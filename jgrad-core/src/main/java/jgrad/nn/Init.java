package jgrad.nn;

import jgrad.Grad;
import jgrad.Jgrad;
import jgrad.Shape;
import jgrad.Tensor;

import java.util.random.RandomGenerator;

/**
 * Weight initialisation, in place, with PyTorch's {@code torch.nn.init} formulas and names (the
 * trailing underscore marks an in-place write, as on {@link Tensor#copy_}). Each function has an
 * overload taking a {@link RandomGenerator}; without one it draws from {@link Jgrad#generator()}.
 *
 * <p>Fans of a weight of shape {@code (out, in, k1, k2, ...)}: {@code fanIn = in * k1 * k2 ...},
 * {@code fanOut = out * k1 * k2 ...}.
 *
 * <pre>{@code
 * var w = Tensor.zeros(256, 784);
 * Init.kaimingNormal_(w, 0, Init.FanMode.FAN_IN, "relu");   // std = sqrt(2 / 784)
 * }</pre>
 */
public final class Init {
    private Init() {
    }

    /** Which fan scales the variance: {@code FAN_IN} keeps forward activations, {@code FAN_OUT} backward gradients. */
    public enum FanMode { FAN_IN, FAN_OUT }

    /**
     * The recommended gain for a nonlinearity: 1 for linear/conv/sigmoid, 5/3 for tanh, sqrt(2) for
     * relu, sqrt(2 / (1 + slope^2)) for leaky_relu (slope {@code param}, default 0.01), 3/4 for selu.
     */
    public static double calculateGain(String nonlinearity, double param) {
        return switch (nonlinearity) {
            case "linear", "conv1d", "conv2d", "conv3d", "sigmoid" -> 1.0;
            case "tanh" -> 5.0 / 3.0;
            case "relu" -> Math.sqrt(2.0);
            case "leaky_relu" -> Math.sqrt(2.0 / (1 + param * param));
            case "selu" -> 0.75;
            default -> throw new IllegalArgumentException("calculateGain: unsupported nonlinearity '" + nonlinearity
                    + "' (expected linear, conv1d, conv2d, conv3d, sigmoid, tanh, relu, leaky_relu or selu)");
        };
    }

    /** {@code calculateGain(nonlinearity, 0.01)} (PyTorch's default leaky_relu slope). */
    public static double calculateGain(String nonlinearity) {
        return calculateGain(nonlinearity, 0.01);
    }

    /** {@code {fanIn, fanOut}} of a weight with at least 2 dims. */
    public static int[] fanInAndFanOut(Tensor tensor) {
        if (tensor.dim() < 2) {
            throw new IllegalArgumentException("fan in and fan out can not be computed for a tensor with fewer than 2 dims, got shape "
                    + Shape.format(tensor.shape()));
        }
        int receptiveField = 1;
        for (int d = 2; d < tensor.dim(); d++) {
            receptiveField *= tensor.size(d);
        }
        return new int[] {tensor.size(1) * receptiveField, tensor.size(0) * receptiveField};
    }

    // ---------------------------------------------------------------------------------------------
    // Plain distributions
    // ---------------------------------------------------------------------------------------------

    /** Fills with samples from U(low, high). */
    public static Tensor uniform_(Tensor tensor, double low, double high, RandomGenerator generator) {
        Tensor sample = Tensor.rand(generator, tensor.dtype(), tensor.shape());
        return write(tensor, sample.mul(high - low).add(low));
    }

    public static Tensor uniform_(Tensor tensor, double low, double high) {
        return uniform_(tensor, low, high, Jgrad.generator());
    }

    /** Fills with samples from N(mean, std^2). */
    public static Tensor normal_(Tensor tensor, double mean, double std, RandomGenerator generator) {
        Tensor sample = Tensor.randn(generator, tensor.dtype(), tensor.shape());
        return write(tensor, sample.mul(std).add(mean));
    }

    public static Tensor normal_(Tensor tensor, double mean, double std) {
        return normal_(tensor, mean, std, Jgrad.generator());
    }

    public static Tensor constant_(Tensor tensor, double value) {
        try (var ignored = Grad.noGrad()) {
            return tensor.fill_(value);
        }
    }

    public static Tensor zeros_(Tensor tensor) {
        return constant_(tensor, 0.0);
    }

    public static Tensor ones_(Tensor tensor) {
        return constant_(tensor, 1.0);
    }

    // ---------------------------------------------------------------------------------------------
    // Kaiming (He et al. 2015): variance 2 / ((1 + a^2) fan) keeps activations' scale through ReLUs
    // ---------------------------------------------------------------------------------------------

    /**
     * U(-bound, bound) with {@code bound = gain * sqrt(3 / fan)}, {@code gain = calculateGain(nonlinearity, a)}.
     * PyTorch's Linear and Conv default is {@code a = sqrt(5)}, "leaky_relu", fan in, which gives
     * {@code bound = 1 / sqrt(fanIn)}.
     */
    public static Tensor kaimingUniform_(Tensor tensor, double a, FanMode mode, String nonlinearity, RandomGenerator generator) {
        double bound = Math.sqrt(3.0) * kaimingStd(tensor, a, mode, nonlinearity);
        return uniform_(tensor, -bound, bound, generator);
    }

    /**
     * The default weight of PyTorch's Linear and convolution layers:
     * {@code kaimingUniform_(weight, sqrt(5), FAN_IN, "leaky_relu")}, which is U(-1/sqrt(fanIn), 1/sqrt(fanIn)).
     */
    public static Tensor layerDefaultWeight_(Tensor weight, RandomGenerator generator) {
        return kaimingUniform_(weight, Math.sqrt(5), FanMode.FAN_IN, "leaky_relu", generator);
    }

    /**
     * The default bias of PyTorch's Linear and convolution layers for the given (already initialised or
     * merely shaped) weight: {@code size} values drawn from U(-1/sqrt(fanIn), 1/sqrt(fanIn)).
     */
    public static Tensor layerDefaultBias(Tensor weight, int size, RandomGenerator generator) {
        double bound = 1 / Math.sqrt(fanInAndFanOut(weight)[0]);
        return uniform_(Tensor.zeros(size), -bound, bound, generator);
    }

    public static Tensor kaimingUniform_(Tensor tensor, double a, FanMode mode, String nonlinearity) {
        return kaimingUniform_(tensor, a, mode, nonlinearity, Jgrad.generator());
    }

    /** PyTorch's defaults: {@code a = 0}, fan in, "leaky_relu" (so gain = sqrt(2)). */
    public static Tensor kaimingUniform_(Tensor tensor) {
        return kaimingUniform_(tensor, 0, FanMode.FAN_IN, "leaky_relu");
    }

    /** N(0, std^2) with {@code std = gain / sqrt(fan)}. */
    public static Tensor kaimingNormal_(Tensor tensor, double a, FanMode mode, String nonlinearity, RandomGenerator generator) {
        return normal_(tensor, 0, kaimingStd(tensor, a, mode, nonlinearity), generator);
    }

    public static Tensor kaimingNormal_(Tensor tensor, double a, FanMode mode, String nonlinearity) {
        return kaimingNormal_(tensor, a, mode, nonlinearity, Jgrad.generator());
    }

    public static Tensor kaimingNormal_(Tensor tensor) {
        return kaimingNormal_(tensor, 0, FanMode.FAN_IN, "leaky_relu");
    }

    private static double kaimingStd(Tensor tensor, double a, FanMode mode, String nonlinearity) {
        int[] fans = fanInAndFanOut(tensor);
        int fan = mode == FanMode.FAN_IN ? fans[0] : fans[1];
        return calculateGain(nonlinearity, a) / Math.sqrt(fan);
    }

    // ---------------------------------------------------------------------------------------------
    // Xavier/Glorot (2010): variance 2 / (fanIn + fanOut) balances forward and backward scale
    // ---------------------------------------------------------------------------------------------

    /** U(-a, a) with {@code a = gain * sqrt(6 / (fanIn + fanOut))}. */
    public static Tensor xavierUniform_(Tensor tensor, double gain, RandomGenerator generator) {
        double bound = Math.sqrt(3.0) * xavierStd(tensor, gain);
        return uniform_(tensor, -bound, bound, generator);
    }

    public static Tensor xavierUniform_(Tensor tensor, double gain) {
        return xavierUniform_(tensor, gain, Jgrad.generator());
    }

    public static Tensor xavierUniform_(Tensor tensor) {
        return xavierUniform_(tensor, 1.0);
    }

    /** N(0, std^2) with {@code std = gain * sqrt(2 / (fanIn + fanOut))}. */
    public static Tensor xavierNormal_(Tensor tensor, double gain, RandomGenerator generator) {
        return normal_(tensor, 0, xavierStd(tensor, gain), generator);
    }

    public static Tensor xavierNormal_(Tensor tensor, double gain) {
        return xavierNormal_(tensor, gain, Jgrad.generator());
    }

    public static Tensor xavierNormal_(Tensor tensor) {
        return xavierNormal_(tensor, 1.0);
    }

    private static double xavierStd(Tensor tensor, double gain) {
        int[] fans = fanInAndFanOut(tensor);
        return gain * Math.sqrt(2.0 / (fans[0] + fans[1]));
    }

    private static Tensor write(Tensor tensor, Tensor values) {
        try (var ignored = Grad.noGrad()) {
            return tensor.copy_(values);
        }
    }
}
