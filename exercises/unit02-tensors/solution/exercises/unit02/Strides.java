package exercises.unit02;

/** Reference solution of the unit 2 exercise (see {@code src/} for the task descriptions). */
public final class Strides {
    private Strides() {
    }

    public static int[] contiguousStrides(int[] shape) {
        int[] strides = new int[shape.length];
        int step = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            strides[d] = step;
            step *= Math.max(shape[d], 1);
        }
        return strides;
    }

    public static int[] broadcastShape(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int fromRight = 1; fromRight <= rank; fromRight++) {
            int sizeA = fromRight <= a.length ? a[a.length - fromRight] : 1;
            int sizeB = fromRight <= b.length ? b[b.length - fromRight] : 1;
            if (sizeA != sizeB && sizeA != 1 && sizeB != 1) {
                throw new IllegalArgumentException("cannot broadcast: dim " + (-fromRight) + " has sizes " + sizeA
                        + " and " + sizeB);
            }
            out[rank - fromRight] = sizeA == 1 ? sizeB : sizeA;
        }
        return out;
    }

    public static int offset(int[] shape, int[] strides, int storageOffset, int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("expected " + shape.length + " indices, got " + index.length);
        }
        int position = storageOffset;
        for (int d = 0; d < shape.length; d++) {
            if (index[d] < 0 || index[d] >= shape[d]) {
                throw new IndexOutOfBoundsException("index " + index[d] + " out of range for dim " + d + " of size " + shape[d]);
            }
            position += index[d] * strides[d];
        }
        return position;
    }
}
