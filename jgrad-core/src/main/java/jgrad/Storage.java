package jgrad;

import java.util.Arrays;

/**
 * The flat buffer behind one or more tensors. A tensor is a view: storage + shape + strides + offset.
 *
 * <p>Storage keeps plain Java arrays so that students can read the loops and fast kernels can use
 * them directly. {@link #get(int)} and {@link #set(int, double)} are the generic (reference) access
 * path used for every dtype; kernels that care about speed reach for the typed array instead.
 */
public abstract sealed class Storage permits Storage.F32, Storage.F64, Storage.I64, Storage.Bool {

    /**
     * Counts the in-place writes through the public API ({@code set}, {@code copy_}, {@code add_},
     * {@code mul_}, {@code fill_}), like PyTorch's version counter: an op records the versions of
     * its inputs, and backward refuses to run it if one has changed since.
     */
    int version;

    /** Allocates a zero-filled storage of {@code length} elements of {@code dtype}. */
    static Storage allocate(DType dtype, int length) {
        return switch (dtype) {
            case FLOAT32 -> new F32(new float[length]);
            case FLOAT64 -> new F64(new double[length]);
            case INT64 -> new I64(new long[length]);
            case BOOL -> new Bool(new boolean[length]);
        };
    }

    public abstract DType dtype();

    public abstract int length();

    /** Element {@code i} widened to double (booleans read as 0 or 1). */
    public abstract double get(int i);

    /** Stores {@code value} at {@code i}, narrowed to this storage's type (booleans store value != 0). */
    public abstract void set(int i, double value);

    /** A new storage with the same contents. */
    abstract Storage copy();

    /** float32 storage over a {@code float[]}. */
    public static final class F32 extends Storage {
        final float[] data;

        F32(float[] data) {
            this.data = data;
        }

        public float[] array() {
            return data;
        }

        public DType dtype() { return DType.FLOAT32; }
        public int length() { return data.length; }
        public double get(int i) { return data[i]; }
        public void set(int i, double value) { data[i] = (float) value; }
        Storage copy() { return new F32(Arrays.copyOf(data, data.length)); }
    }

    /** float64 storage over a {@code double[]}. */
    public static final class F64 extends Storage {
        final double[] data;

        F64(double[] data) {
            this.data = data;
        }

        public double[] array() {
            return data;
        }

        public DType dtype() { return DType.FLOAT64; }
        public int length() { return data.length; }
        public double get(int i) { return data[i]; }
        public void set(int i, double value) { data[i] = value; }
        Storage copy() { return new F64(Arrays.copyOf(data, data.length)); }
    }

    /** int64 storage over a {@code long[]}. */
    public static final class I64 extends Storage {
        final long[] data;

        I64(long[] data) {
            this.data = data;
        }

        public long[] array() {
            return data;
        }

        public DType dtype() { return DType.INT64; }
        public int length() { return data.length; }
        public double get(int i) { return data[i]; }
        public void set(int i, double value) { data[i] = (long) value; }
        Storage copy() { return new I64(Arrays.copyOf(data, data.length)); }
    }

    /** bool storage over a {@code boolean[]}. */
    public static final class Bool extends Storage {
        final boolean[] data;

        Bool(boolean[] data) {
            this.data = data;
        }

        public boolean[] array() {
            return data;
        }

        public DType dtype() { return DType.BOOL; }
        public int length() { return data.length; }
        public double get(int i) { return data[i] ? 1.0 : 0.0; }
        public void set(int i, double value) { data[i] = value != 0.0; }
        Storage copy() { return new Bool(Arrays.copyOf(data, data.length)); }
    }
}
