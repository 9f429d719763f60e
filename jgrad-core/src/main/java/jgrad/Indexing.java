package jgrad;

import java.util.ArrayList;
import java.util.List;

/** gather / indexSelect (with their scatter-add backwards), cat / stack, split / chunk. */
final class Indexing {
    private Indexing() {
    }

    // out[i][j][k] = x[i][index[i][j][k]][k]            (dim = 1; likewise for other dims)
    // dx = zeros like x, then dx[i][index[i][j][k]][k] += g[i][j][k]   (scatter-add: an element picked
    //      twice receives both gradients)
    static Tensor gather(Tensor x, int dim, Tensor index) {
        int d = checkGatherIndex("gather", x, dim, index);
        Tensor out = Tensor.empty(x.dtype(), index.shape());
        forEachIndexed("gather", x.shapeRef(), d, index, (position, target) ->
                out.storage().set(position, x.storage().get(x.storageOffset() + dot(target, x.stridesRef()))));
        int[] inputShape = x.shape();
        return Grad.record(out, "GatherBackward", g -> new Tensor[] {scatterAdd(inputShape, d, index, g)}, x);
    }

    /** A zero tensor of {@code shape} with {@code source} added at the positions {@code index} names along {@code dim}. */
    static Tensor scatterAdd(int[] shape, int dim, Tensor index, Tensor source) {
        Tensor out = Tensor.empty(source.dtype(), shape.clone());
        int[] sourceOffsets = source.elementOffsets();
        int[] outStrides = out.stridesRef();
        forEachIndexed("scatterAdd", shape, dim, index, (position, target) -> {
            int at = dot(target, outStrides);
            out.storage().set(at, out.storage().get(at) + source.storage().get(sourceOffsets[position]));
        });
        return out;
    }

    private static int checkGatherIndex(String op, Tensor x, int dim, Tensor index) {
        if (index.dtype() != DType.INT64) {
            throw new IllegalArgumentException(op + ": index must be int64, got " + index.dtype());
        }
        if (index.dim() != x.dim()) {
            throw new IllegalArgumentException(op + ": index of shape " + Shape.format(index.shapeRef())
                    + " must have the same number of dims as the input of shape " + Shape.format(x.shapeRef()));
        }
        int d = Shape.normalizeDim(op, dim, x.dim());
        for (int i = 0; i < x.dim(); i++) {
            if (i != d && index.shapeRef()[i] > x.shapeRef()[i]) {
                throw new IllegalArgumentException(op + ": index of shape " + Shape.format(index.shapeRef())
                        + " is larger than the input of shape " + Shape.format(x.shapeRef()) + " in dim " + i
                        + " (expected index.size(d) <= input.size(d) for d != dim)");
            }
        }
        return x.dim() == 0 ? 0 : d;
    }

    /** Calls {@code body(position, target)} per index element: target is the position's multi-index with dim replaced by the index value. */
    private static void forEachIndexed(String op, int[] targetShape, int dim, Tensor index, IndexedBody body) {
        int[] indexShape = index.shapeRef();
        int rank = indexShape.length;
        int[] offsets = index.elementOffsets();
        long[] values = ((Storage.I64) index.storage()).data;
        int[] position = new int[rank];
        int[] target = new int[rank];
        int limit = rank == 0 ? 1 : targetShape[dim];
        for (int i = 0; i < offsets.length; i++) {
            long value = values[offsets[i]];
            if (value < 0 || value >= limit) {
                throw new IndexOutOfBoundsException(op + ": index " + value + " is out of bounds for dim " + dim
                        + " with size " + limit + " (input shape " + Shape.format(targetShape) + ")");
            }
            System.arraycopy(position, 0, target, 0, rank);
            if (rank > 0) target[dim] = (int) value;
            body.accept(i, target);
            for (int d = rank - 1; d >= 0; d--) {
                if (++position[d] < indexShape[d]) break;
                position[d] = 0;
            }
        }
    }

    @FunctionalInterface
    private interface IndexedBody {
        void accept(int position, int[] target);
    }

    private static int dot(int[] index, int[] strides) {
        int total = 0;
        for (int d = 0; d < index.length; d++) {
            total += index[d] * strides[d];
        }
        return total;
    }

    // out = the slices x.select(dim, index[j]) stacked along dim
    // dx = zeros like x, then dx.select(dim, index[j]) += g.select(dim, j)
    static Tensor indexSelect(Tensor x, int dim, Tensor index) {
        if (index.dtype() != DType.INT64 || index.dim() > 1) {
            throw new IllegalArgumentException("indexSelect: index must be a 0-D or 1-D int64 tensor, got "
                    + index.dtype() + " of shape " + Shape.format(index.shapeRef()));
        }
        if (x.dim() == 0) {
            throw new IllegalArgumentException("indexSelect: input must have at least 1 dim");
        }
        int d = Shape.normalizeDim("indexSelect", dim, x.dim());
        long[] picks = index.toLongArray();
        int size = x.shapeRef()[d];
        for (long pick : picks) {
            if (pick < 0 || pick >= size) {
                throw new IndexOutOfBoundsException("indexSelect: index " + pick + " is out of bounds for dim " + dim
                        + " with size " + size + " (input shape " + Shape.format(x.shapeRef()) + ")");
            }
        }
        int[] shape = x.shape();
        shape[d] = picks.length;
        Tensor out = Tensor.empty(x.dtype(), shape);
        try (var ignored = Grad.noGrad()) {
            for (int j = 0; j < picks.length; j++) {
                Views.copyInto(out.select(d, j), x.select(d, (int) picks[j]));
            }
        }
        int[] inputShape = x.shape();
        return Grad.record(out, "IndexSelectBackward", g -> {
            Tensor dx = Tensor.zeros(g.dtype(), inputShape);
            for (int j = 0; j < picks.length; j++) {
                Tensor row = dx.select(d, (int) picks[j]);
                Views.copyInto(row, row.add(g.select(d, j)));
            }
            return new Tensor[] {dx};
        }, x);
    }

    // out = the inputs laid end to end along dim;  d(input_i) = the matching slice of g
    static Tensor cat(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("cat: expected a non-empty list of tensors");
        }
        Tensor first = tensors.getFirst();
        if (first.dim() == 0) {
            throw new IllegalArgumentException("cat: zero-dim tensors cannot be concatenated (use stack)");
        }
        int d = Shape.normalizeDim("cat", dim, first.dim());
        DType type = first.dtype();
        int total = 0;
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            type = DType.promote(type, t.dtype());
            boolean compatible = t.dim() == first.dim();
            for (int j = 0; compatible && j < t.dim(); j++) {
                compatible = j == d || t.shapeRef()[j] == first.shapeRef()[j];
            }
            if (!compatible) {
                throw new IllegalArgumentException("cat: tensor " + i + " has shape " + Shape.format(t.shapeRef())
                        + " but tensor 0 has shape " + Shape.format(first.shapeRef())
                        + " (expected equal sizes except in dim " + dim + ")");
            }
            total += t.shapeRef()[d];
        }
        int[] shape = first.shape();
        shape[d] = total;
        Tensor out = Tensor.empty(type, shape);
        int[] starts = new int[tensors.size()];
        try (var ignored = Grad.noGrad()) {
            int start = 0;
            for (int i = 0; i < tensors.size(); i++) {
                starts[i] = start;
                int length = tensors.get(i).shapeRef()[d];
                Views.copyInto(out.narrow(d, start, length), tensors.get(i));
                start += length;
            }
        }
        Tensor[] inputs = tensors.toArray(Tensor[]::new);
        return Grad.record(out, "CatBackward", g -> {
            Tensor[] grads = new Tensor[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                grads[i] = g.narrow(d, starts[i], inputs[i].shapeRef()[d]);
            }
            return grads;
        }, inputs);
    }

    // stack = unsqueeze each at dim, then cat: composed, so its backward comes for free
    static Tensor stack(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("stack: expected a non-empty list of tensors");
        }
        int[] shape = tensors.getFirst().shapeRef();
        for (int i = 1; i < tensors.size(); i++) {
            if (!java.util.Arrays.equals(tensors.get(i).shapeRef(), shape)) {
                throw new IllegalArgumentException("stack: tensor " + i + " has shape " + Shape.format(tensors.get(i).shapeRef())
                        + " but tensor 0 has shape " + Shape.format(shape) + " (expected equal shapes)");
            }
        }
        int d = Shape.normalizeDim("stack", dim, shape.length + 1);
        return cat(tensors.stream().map(t -> t.unsqueeze(d)).toList(), d);
    }

    static List<Tensor> split(Tensor x, int splitSize, int dim) {
        if (splitSize <= 0) {
            throw new IllegalArgumentException("split: splitSize must be positive, got " + splitSize);
        }
        if (x.dim() == 0) {
            throw new IllegalArgumentException("split: cannot split a 0-dim tensor");
        }
        int d = Shape.normalizeDim("split", dim, x.dim());
        int size = x.shapeRef()[d];
        List<Tensor> parts = new ArrayList<>();
        for (int start = 0; start < size; start += splitSize) {
            parts.add(x.narrow(d, start, Math.min(splitSize, size - start)));
        }
        if (parts.isEmpty()) {
            parts.add(x);
        }
        return parts;
    }

    static List<Tensor> chunk(Tensor x, int chunks, int dim) {
        if (chunks <= 0) {
            throw new IllegalArgumentException("chunk: chunks must be positive, got " + chunks);
        }
        if (x.dim() == 0) {
            throw new IllegalArgumentException("chunk: cannot chunk a 0-dim tensor");
        }
        int size = x.size(dim);
        return split(x, Math.max(1, Math.ceilDiv(size, chunks)), dim);
    }
}
