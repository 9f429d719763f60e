package jgrad;

/**
 * The element type of a {@link Tensor}.
 *
 * <p>Floating types take part in autograd; {@code INT64} holds indices and class targets;
 * {@code BOOL} holds masks produced by comparisons. Binary ops promote like PyTorch:
 * {@code BOOL < INT64 < FLOAT32 < FLOAT64}, so {@code float32 + float64 -> float64}.
 */
public enum DType {
    BOOL("bool", 1),
    INT64("int64", 8),
    FLOAT32("float32", 4),
    FLOAT64("float64", 8);

    private final String displayName;
    private final int byteSize;

    DType(String displayName, int byteSize) {
        this.displayName = displayName;
        this.byteSize = byteSize;
    }

    /** Bytes per element in memory ({@code boolean[]} takes one byte per element on HotSpot). */
    public int byteSize() {
        return byteSize;
    }

    /** True for the types that can carry gradients. */
    public boolean isFloatingPoint() {
        return this == FLOAT32 || this == FLOAT64;
    }

    /** The type a binary op between {@code a} and {@code b} computes in. */
    public static DType promote(DType a, DType b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
