package jgrad;

import java.util.Arrays;

/**
 * View ops: new shapes and strides over the same storage, no copying. The backward of a view maps the
 * output gradient back to the input's shape: reshape it back, transpose it back, or place it into a
 * zero tensor at the positions the view picked.
 */
final class Views {
    private Views() {
    }

    // view / reshape: same elements in the same row-major order, new shape.
    // backward: dL/dx = reshape(dL/dy, shape of x)

    static Tensor view(Tensor x, int[] newShape) {
        int[] shape = inferShape("view", x, newShape);
        if (!x.isContiguous()) {
            throw new IllegalArgumentException("view: tensor of shape " + Shape.format(x.shapeRef()) + " with strides "
                    + Arrays.toString(x.stridesRef()) + " is not contiguous; use reshape(...) or contiguous().view(...)");
        }
        Tensor y = new Tensor(x.storage(), shape, Shape.contiguousStrides(shape), x.storageOffset());
        int[] inputShape = x.shape();
        return Grad.record(y, "ViewBackward", g -> new Tensor[] {g.reshape(inputShape)}, x);
    }

    static Tensor reshape(Tensor x, int[] newShape) {
        int[] shape = inferShape("reshape", x, newShape);   // checked here so an error names the op the user called
        return x.contiguous().view(shape);
    }

    static Tensor flatten(Tensor x, int startDim, int endDim) {
        int rank = x.dim();
        if (rank == 0) {
            return x.reshape(1);
        }
        int start = Shape.normalizeDim("flatten", startDim, rank);
        int end = Shape.normalizeDim("flatten", endDim, rank);
        if (start > end) {
            throw new IllegalArgumentException("flatten: startDim " + startDim + " comes after endDim " + endDim);
        }
        int[] shape = x.shapeRef();
        int[] out = new int[rank - (end - start)];
        int merged = 1;
        for (int d = start; d <= end; d++) {
            merged *= shape[d];
        }
        System.arraycopy(shape, 0, out, 0, start);
        out[start] = merged;
        System.arraycopy(shape, end + 1, out, start + 1, rank - end - 1);
        return x.reshape(out);
    }

    private static int[] inferShape(String op, Tensor x, int[] requested) {
        int inferred = -1;
        long known = 1;
        for (int d = 0; d < requested.length; d++) {
            if (requested[d] == -1) {
                if (inferred >= 0) {
                    throw new IllegalArgumentException(op + ": only one dim can be -1, got " + Shape.format(requested));
                }
                inferred = d;
            } else if (requested[d] < 0) {
                throw new IllegalArgumentException(op + ": invalid size " + requested[d] + " in " + Shape.format(requested));
            } else {
                known *= requested[d];
            }
        }
        int numel = x.numel();
        int[] shape = requested.clone();
        if (inferred >= 0) {
            if (known == 0 || numel % known != 0) {
                throw new IllegalArgumentException(op + ": shape " + Shape.format(requested) + " is invalid for input of shape "
                        + Shape.format(x.shapeRef()) + " (" + numel + " elements)");
            }
            shape[inferred] = (int) (numel / known);
        } else if (known != numel) {
            throw new IllegalArgumentException(op + ": shape " + Shape.format(requested) + " is invalid for input of shape "
                    + Shape.format(x.shapeRef()) + " (" + numel + " elements, expected the same count)");
        }
        return shape;
    }

    // transpose / permute: reorder (shape, stride) pairs.
    // backward: apply the inverse permutation to the gradient.

    static Tensor transpose(Tensor x, int dim0, int dim1) {
        int rank = x.dim();
        int[] perm = new int[rank];
        for (int d = 0; d < rank; d++) {
            perm[d] = d;
        }
        if (rank == 0) {
            Shape.normalizeDim("transpose", dim0, 0);
            Shape.normalizeDim("transpose", dim1, 0);
            return x;
        }
        int a = Shape.normalizeDim("transpose", dim0, rank);
        int b = Shape.normalizeDim("transpose", dim1, rank);
        perm[a] = b;
        perm[b] = a;
        return permute(x, perm, "TransposeBackward");
    }

    static Tensor permute(Tensor x, int[] dims) {
        return permute(x, dims, "PermuteBackward");
    }

    private static Tensor permute(Tensor x, int[] dims, String name) {
        int rank = x.dim();
        if (dims.length != rank) {
            throw new IllegalArgumentException("permute: expected " + rank + " dims for shape " + Shape.format(x.shapeRef())
                    + ", got " + Arrays.toString(dims));
        }
        int[] perm = Shape.normalizeDims("permute", dims, rank);
        int[] shape = new int[rank];
        int[] strides = new int[rank];
        int[] inverse = new int[rank];
        for (int d = 0; d < rank; d++) {
            shape[d] = x.shapeRef()[perm[d]];
            strides[d] = x.stridesRef()[perm[d]];
            inverse[perm[d]] = d;
        }
        Tensor y = new Tensor(x.storage(), shape, strides, x.storageOffset());
        return Grad.record(y, name, g -> new Tensor[] {g.permute(inverse)}, x);
    }

    // narrow / select: move the offset to the first kept element, shrink (or drop) the dim.
    // backward: a zero tensor of the input's shape with dL/dy placed at the picked positions.

    static Tensor narrow(Tensor x, int dim, int start, int length) {
        if (x.dim() == 0) {
            throw new IllegalArgumentException("narrow: cannot narrow a 0-dim tensor");
        }
        int d = Shape.normalizeDim("narrow", dim, x.dim());
        int size = x.shapeRef()[d];
        if (start < 0 || length < 0 || start + length > size) {
            throw new IndexOutOfBoundsException("narrow: start " + start + " and length " + length + " do not fit dim " + dim
                    + " of size " + size + " (shape " + Shape.format(x.shapeRef()) + "; expected 0 <= start <= start+length <= size)");
        }
        int[] shape = x.shape();
        shape[d] = length;
        Tensor y = new Tensor(x.storage(), shape, x.stride(), x.storageOffset() + start * x.stridesRef()[d]);
        int[] inputShape = x.shape();
        return Grad.record(y, "NarrowBackward", g -> new Tensor[] {embed(g, inputShape, d, start)}, x);
    }

    static Tensor select(Tensor x, int dim, int index) {
        if (x.dim() == 0) {
            throw new IllegalArgumentException("select: cannot select from a 0-dim tensor");
        }
        int d = Shape.normalizeDim("select", dim, x.dim());
        int size = x.shapeRef()[d];
        int i = index < 0 ? index + size : index;
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("select: index " + index + " is out of range for dim " + dim + " of size "
                    + size + " (shape " + Shape.format(x.shapeRef()) + ")");
        }
        int[] shape = remove(x.shapeRef(), d);
        int[] strides = remove(x.stridesRef(), d);
        Tensor y = new Tensor(x.storage(), shape, strides, x.storageOffset() + i * x.stridesRef()[d]);
        int[] inputShape = x.shape();
        return Grad.record(y, "SelectBackward", g -> new Tensor[] {embed(g.unsqueeze(d), inputShape, d, i)}, x);
    }

    /** A zero tensor of {@code shape} with {@code part} copied in at {@code start} along {@code dim}. */
    static Tensor embed(Tensor part, int[] shape, int dim, int start) {
        Tensor whole = Tensor.empty(part.dtype(), shape.clone());
        Tensor window = new Tensor(whole.storage(), part.shape(), whole.stride(),
                start * whole.stridesRef()[dim]);
        copyInto(window, part);
        return whole;
    }

    /**
     * Writes {@code source}'s elements into the (same-shaped) view {@code target}; not recorded.
     * The reference loop walks both views with {@link Tensor#elementOffsets()}; float32 and float64
     * pairs take {@link StridedCopy}, the same walk without the offset arrays.
     */
    static void copyInto(Tensor target, Tensor source) {
        if (target.storage() instanceof Storage.F32 out && source.storage() instanceof Storage.F32 in) {
            StridedCopy.copy(out.data, target.storageOffset(), in.data, source.storageOffset(),
                    StridedCopy.Walk.of(target.shapeRef(), target.stridesRef(), source.stridesRef()));
            return;
        }
        if (target.storage() instanceof Storage.F64 out && source.storage() instanceof Storage.F64 in) {
            StridedCopy.copy(out.data, target.storageOffset(), in.data, source.storageOffset(),
                    StridedCopy.Walk.of(target.shapeRef(), target.stridesRef(), source.stridesRef()));
            return;
        }
        copyIntoReference(target, source);
    }

    /** The readable copy, for any pair of dtypes (converting through double). */
    static void copyIntoReference(Tensor target, Tensor source) {
        int[] to = target.elementOffsets();
        int[] from = source.elementOffsets();
        Storage out = target.storage();
        Storage in = source.storage();
        for (int i = 0; i < to.length; i++) {
            out.set(to[i], in.get(from[i]));
        }
    }

    // expand: size-1 dims get stride 0, so one element is seen many times.
    // backward: sum the gradient over the expanded dims (Reductions.sumToShape).

    static Tensor expand(Tensor x, int[] sizes) {
        Tensor y = broadcastView(x, sizes);
        int[] inputShape = x.shape();
        return Grad.record(y, "ExpandBackward", g -> new Tensor[] {Reductions.sumToShape(g, inputShape)}, x);
    }

    /** The stride-0 view behind {@link #expand}, not recorded in the graph (for use inside op kernels). */
    static Tensor broadcastView(Tensor x, int[] sizes) {
        int rank = sizes.length;
        int[] inShape = x.shapeRef();
        if (rank < inShape.length) {
            throw new IllegalArgumentException("expand: target " + Shape.format(sizes) + " has fewer dims than input "
                    + Shape.format(inShape));
        }
        int lead = rank - inShape.length;
        int[] shape = new int[rank];
        int[] strides = new int[rank];
        for (int d = 0; d < rank; d++) {
            int inSize = d < lead ? 1 : inShape[d - lead];
            int inStride = d < lead ? 0 : x.stridesRef()[d - lead];
            int want = sizes[d] == -1 && d >= lead ? inSize : sizes[d];
            if (want < 0) {
                throw new IllegalArgumentException("expand: invalid size " + sizes[d] + " at dim " + d + " of "
                        + Shape.format(sizes) + " (-1 is only allowed for existing dims)");
            }
            if (inSize == want) {
                shape[d] = want;
                strides[d] = inStride;
            } else if (inSize == 1) {
                shape[d] = want;
                strides[d] = 0;
            } else {
                throw new IllegalArgumentException("expand: cannot expand shape " + Shape.format(inShape) + " to "
                        + Shape.format(sizes) + ": dim " + d + " has size " + inSize + " (expected 1 or " + want + ")");
            }
        }
        return new Tensor(x.storage(), shape, strides, x.storageOffset());
    }

    // squeeze / unsqueeze: drop or insert size-1 dims.
    // backward: reshape the gradient back.

    static Tensor squeeze(Tensor x) {
        int[] shape = x.shapeRef();
        int kept = 0;
        for (int size : shape) {
            if (size != 1) kept++;
        }
        int[] outShape = new int[kept];
        int[] outStrides = new int[kept];
        for (int d = 0, j = 0; d < shape.length; d++) {
            if (shape[d] != 1) {
                outShape[j] = shape[d];
                outStrides[j++] = x.stridesRef()[d];
            }
        }
        return reshaped(x, outShape, outStrides, "SqueezeBackward");
    }

    static Tensor squeeze(Tensor x, int dim) {
        if (x.dim() == 0) {
            Shape.normalizeDim("squeeze", dim, 0);
            return x;
        }
        int d = Shape.normalizeDim("squeeze", dim, x.dim());
        if (x.shapeRef()[d] != 1) {
            return x;
        }
        return reshaped(x, remove(x.shapeRef(), d), remove(x.stridesRef(), d), "SqueezeBackward");
    }

    static Tensor unsqueeze(Tensor x, int dim) {
        int rank = x.dim() + 1;
        int d = Shape.normalizeDim("unsqueeze", dim, rank);
        int[] shape = new int[rank];
        int[] strides = new int[rank];
        for (int i = 0, j = 0; i < rank; i++) {
            if (i == d) {
                shape[i] = 1;
                strides[i] = j < x.dim() ? x.stridesRef()[j] * x.shapeRef()[j] : 1;
            } else {
                shape[i] = x.shapeRef()[j];
                strides[i] = x.stridesRef()[j++];
            }
        }
        return reshaped(x, shape, strides, "UnsqueezeBackward");
    }

    private static Tensor reshaped(Tensor x, int[] shape, int[] strides, String name) {
        Tensor y = new Tensor(x.storage(), shape, strides, x.storageOffset());
        int[] inputShape = x.shape();
        return Grad.record(y, name, g -> new Tensor[] {g.reshape(inputShape)}, x);
    }

    private static int[] remove(int[] values, int index) {
        int[] out = new int[values.length - 1];
        System.arraycopy(values, 0, out, 0, index);
        System.arraycopy(values, index + 1, out, index, out.length - index);
        return out;
    }

    // copy / to(dtype): a fresh contiguous storage. backward: the gradient itself (cast back).

    static Tensor copy(Tensor x, String name) {
        Tensor y = Tensor.empty(x.dtype(), x.shape());
        copyInto(y, x);
        return Grad.record(y, name, g -> new Tensor[] {g}, x);
    }

    static Tensor to(Tensor x, DType dtype) {
        if (x.dtype() == dtype) {
            return x;
        }
        Tensor y = Tensor.empty(dtype, x.shape());
        copyInto(y, x);
        if (!dtype.isFloatingPoint()) {
            return y;
        }
        DType inputType = x.dtype();
        return Grad.record(y, "ToCopyBackward", g -> new Tensor[] {g.to(inputType)}, x);
    }
}
