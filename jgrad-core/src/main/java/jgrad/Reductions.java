package jgrad;

import java.util.Arrays;

/**
 * Reductions over chosen dims: sum, mean, max/min with indices, var, logsumexp, and
 * {@link #sumToShape}, the reduction that undoes broadcasting in every binary op's backward.
 *
 * <p>Every reduction uses the same layout trick: permute the kept dims to the front and the
 * reduced dims to the back, copy to contiguous, and the data becomes a matrix of shape
 * {@code (outer, reduced)} whose rows are reduced one by one.
 */
final class Reductions {
    private Reductions() {
    }

    // y = sum over dims of x;  dx = g broadcast back over the summed dims
    static Tensor sum(Tensor x, int[] dims, boolean keepdim) {
        Plan plan = Plan.of("sum", x, dims);
        DType type = x.dtype() == DType.BOOL ? DType.INT64 : x.dtype();
        Tensor y = Tensor.empty(type, plan.outputShape(keepdim));
        if (KernelChoice.fastFloat32(x)) {
            sumFloat32(plan, x, y);
        } else {
            sumReference(plan, x, y);
        }
        int[] inputShape = x.shape();
        int[] keptShape = plan.outputShape(true);
        return Grad.record(y, "SumBackward", g -> new Tensor[] {g.reshape(keptShape).expand(inputShape)}, x);
    }

    /** Any dtype: each row of the {@code (outer, reduced)} matrix summed left to right in double. */
    private static void sumReference(Plan plan, Tensor x, Tensor y) {
        double[] rows = plan.rows(x);
        for (int o = 0; o < plan.outer; o++) {
            double total = 0;
            for (int r = 0; r < plan.reduced; r++) {
                total += rows[o * plan.reduced + r];
            }
            y.storage().set(o, total);
        }
    }

    /** The fast side: the {@code (outer, reduced)} float32 matrix made contiguous, then the SIMD row-sum kernel. */
    private static void sumFloat32(Plan plan, Tensor x, Tensor y) {
        Tensor rows = plan.permuted(x);
        if (!rows.isContiguous()) {
            rows = Views.copy(rows, "CloneBackward");
        }
        jgrad.kernels.ReductionKernels.sumRows(((Storage.F32) rows.storage()).array(), rows.storageOffset(),
                ((Storage.F32) y.storage()).array(), 0, plan.outer, plan.reduced);
    }

    // y = sum(x) / count;  composed from sum, so its backward comes for free
    static Tensor mean(Tensor x, int[] dims, boolean keepdim) {
        Tensor.requireFloating("mean", x.dtype());
        Plan plan = Plan.of("mean", x, dims);
        return sum(x, dims, keepdim).div(plan.reduced);
    }

    // var = sum((x - mean)^2) / (N - correction);  composed, so autograd derives the backward
    static Tensor var(Tensor x, int[] dims, boolean unbiased, boolean keepdim) {
        Tensor.requireFloating("var", x.dtype());
        Plan plan = Plan.of("var", x, dims);
        Tensor centered = x.sub(x.mean(plan.dims, true));
        return centered.square().sum(plan.dims, keepdim).div(plan.reduced - (unbiased ? 1 : 0));
    }

    // y = max over dim (or min);  dx = g placed at the position of the winner (first one on ties)
    static ValuesIndices maxOrMin(Tensor x, int dim, boolean keepdim, boolean isMax) {
        String op = isMax ? "max" : "min";
        Plan plan = Plan.of(op, x, new int[] {dim});
        if (plan.reduced == 0) {
            throw new IllegalArgumentException(op + ": cannot reduce over dim " + dim + " of size 0 (shape "
                    + Shape.format(x.shapeRef()) + ")");
        }
        int[] outShape = plan.outputShape(keepdim);
        Tensor values = Tensor.empty(x.dtype(), outShape);
        Tensor indices = Tensor.empty(DType.INT64, outShape);
        long[] index = ((Storage.I64) indices.storage()).data;
        double[] rows = plan.rows(x);
        for (int o = 0; o < plan.outer; o++) {
            int base = o * plan.reduced;
            int best = 0;
            for (int r = 1; r < plan.reduced; r++) {
                double v = rows[base + r];
                double b = rows[base + best];
                if (Double.isNaN(b)) break;   // NaN wins and propagates, as in PyTorch
                if (Double.isNaN(v) || (isMax ? v > b : v < b)) best = r;
            }
            values.storage().set(o, rows[base + best]);
            index[o] = best;
        }
        int d = x.dim() == 0 ? 0 : plan.dims[0];   // a 0-dim tensor reduces over no dims (dim 0 or -1 is accepted)
        int[] inputShape = x.shape();
        int[] keptShape = plan.outputShape(true);
        Tensor keptIndices = indices.reshape(keptShape);
        Tensor result = Grad.record(values, isMax ? "MaxBackward" : "MinBackward",
                g -> new Tensor[] {Indexing.scatterAdd(inputShape, d, keptIndices, g.reshape(keptShape))}, x);
        return new ValuesIndices(result, indices);
    }

    // y = log sum exp(x) = m + log sum exp(x - m), with m = max(x) held constant so exp cannot overflow;
    // composed from differentiable ops, so dy/dx = softmax(x) comes out of autograd.
    static Tensor logsumexp(Tensor x, int dim, boolean keepdim) {
        Tensor.requireFloating("logsumexp", x.dtype());
        Tensor m;
        try (var ignored = Grad.noGrad()) {
            m = Elementwise.map(x.max(dim, true).values(), x.dtype(), v -> Double.isInfinite(v) ? 0.0 : v);
        }
        Tensor y = x.sub(m).exp().sum(dim, true).log().add(m);
        return keepdim ? y : y.squeeze(dim);
    }

    /**
     * Sums {@code g} down to {@code shape}: over leading dims that {@code shape} lacks and over dims
     * where {@code shape} has size 1. This is the backward of broadcasting.
     */
    static Tensor sumToShape(Tensor g, int[] shape) {
        if (Arrays.equals(g.shapeRef(), shape)) {
            return g;
        }
        int lead = g.dim() - shape.length;
        int[] dims = new int[g.dim()];
        int count = 0;
        for (int d = 0; d < g.dim(); d++) {
            if (d < lead || (shape[d - lead] == 1 && g.shapeRef()[d] != 1)) {
                dims[count++] = d;
            }
        }
        return g.sum(Arrays.copyOf(dims, count), true).reshape(shape);
    }

    /**
     * How to reduce {@code x} over {@code dims}: the sizes of the kept and reduced parts, and the
     * permutation that puts the reduced dims last. An empty dims list means all dims (PyTorch's sum()).
     */
    record Plan(int[] inputShape, int[] dims, boolean[] isReduced, int outer, int reduced) {

        static Plan of(String op, Tensor x, int[] requested) {
            int rank = x.dim();
            int[] dims;
            if (rank == 0) {
                for (int d : requested) Shape.normalizeDim(op, d, 0);
                dims = new int[0];
            } else if (requested.length == 0) {
                dims = new int[rank];
                for (int d = 0; d < rank; d++) dims[d] = d;
            } else {
                dims = Shape.normalizeDims(op, requested, rank);
            }
            boolean[] isReduced = new boolean[rank];
            int reduced = 1;
            for (int d : dims) {
                isReduced[d] = true;
                reduced *= x.shapeRef()[d];
            }
            int outer = 1;
            for (int d = 0; d < rank; d++) {
                if (!isReduced[d]) outer *= x.shapeRef()[d];
            }
            return new Plan(x.shape(), dims, isReduced, outer, reduced);
        }

        int[] outputShape(boolean keepdim) {
            int rank = inputShape.length;
            int[] out = new int[rank];
            int n = 0;
            for (int d = 0; d < rank; d++) {
                if (!isReduced[d]) out[n++] = inputShape[d];
                else if (keepdim) out[n++] = 1;
            }
            return Arrays.copyOf(out, n);
        }

        /** A view of the input with the kept dims first and the reduced dims last (not recorded). */
        Tensor permuted(Tensor x) {
            int rank = inputShape.length;
            int[] perm = new int[rank];
            int n = 0;
            for (int d = 0; d < rank; d++) if (!isReduced[d]) perm[n++] = d;
            for (int d = 0; d < rank; d++) if (isReduced[d]) perm[n++] = d;
            try (var ignored = Grad.noGrad()) {
                return rank == 0 ? x.detach() : x.detach().permute(perm);
            }
        }

        /** The input as a row-major {@code (outer, reduced)} matrix of doubles. */
        double[] rows(Tensor x) {
            int[] offsets = permuted(x).elementOffsets();
            double[] values = new double[offsets.length];
            Storage s = x.storage();
            for (int i = 0; i < offsets.length; i++) {
                values[i] = s.get(offsets[i]);
            }
            return values;
        }
    }
}
