package jgrad;

import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * Global settings: the random generator behind {@code Tensor.rand*} and the default floating dtype.
 *
 * <pre>{@code
 * Jgrad.manualSeed(42);
 * var a = Tensor.randn(2, 3);   // the same numbers on every run
 * }</pre>
 */
public final class Jgrad {
    private Jgrad() {
    }

    private static volatile Random globalGenerator = new Random(0x5eed_1234L);
    private static volatile DType defaultDtype = DType.FLOAT32;

    /** Reseeds the global generator used by every random op that takes no explicit generator. */
    public static void manualSeed(long seed) {
        globalGenerator = new Random(seed);
    }

    /** The global generator (thread-safe, shared). Pass your own {@link RandomGenerator} for isolated streams. */
    public static RandomGenerator generator() {
        return globalGenerator;
    }

    /** The dtype of floating tensors created without an explicit dtype (float32 unless changed). */
    public static DType defaultDtype() {
        return defaultDtype;
    }

    /** Sets the default floating dtype, e.g. {@code FLOAT64} for gradient checking. */
    public static void setDefaultDtype(DType dtype) {
        if (!dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("setDefaultDtype: expected float32 or float64, got " + dtype);
        }
        defaultDtype = dtype;
    }
}
