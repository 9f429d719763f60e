package jgrad;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * An n-dimensional array with reverse-mode automatic differentiation.
 *
 * <p>A tensor is a <em>view</em>: a {@link Storage} (flat Java array) plus a shape, strides and an
 * offset. Element {@code (i0, i1, ...)} lives at {@code offset + i0*strides[0] + i1*strides[1] + ...}.
 * View ops ({@link #reshape}, {@link #transpose}, {@link #narrow}, {@link #expand}, ...) make new
 * views of the same storage without copying; {@link #contiguous()} copies into row-major order.
 *
 * <pre>{@code
 * var x = Tensor.randn(3, 4).requiresGrad(true);
 * var loss = x.mul(x).sum();
 * loss.backward();
 * x.grad();                       // equals 2 * x
 * }</pre>
 *
 * <p>Names and argument order follow PyTorch; negative dims count from the end. The ops themselves
 * live beside their backward passes in {@link Views}, {@link Elementwise}, {@link Reductions},
 * {@link Softmax}, {@link MatMul} and {@link Indexing}; this class holds the state and the API.
 */
public final class Tensor {
    private final Storage storage;
    private final int[] shape;
    private final int[] strides;
    private final int offset;

    private boolean requiresGrad;
    private Tensor grad;
    private GradFn gradFn;

    Tensor(Storage storage, int[] shape, int[] strides, int offset) {
        this.storage = storage;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
    }

    /** A new contiguous tensor that owns {@code storage}. */
    Tensor(Storage storage, int[] shape) {
        this(storage, shape, Shape.contiguousStrides(shape), 0);
    }

    /**
     * A zero-filled tensor of a shape a user asked for: no negative size, at most
     * {@link Shape#MAX_NUMEL} elements, and bytes that fit the JVM's heap, so that a huge request
     * is a clear exception instead of an {@code OutOfMemoryError}.
     */
    static Tensor allocate(String op, DType dtype, int[] shape) {
        int[] checked = Shape.checkSizes(op, shape);
        long bytes = (long) Shape.numel(checked) * dtype.byteSize();
        long heap = Runtime.getRuntime().maxMemory();
        if (bytes > heap) {
            throw new IllegalArgumentException(String.format("%s: shape %s of %s needs %,d MiB, more than the JVM's whole heap"
                    + " (%,d MiB; raise it with -Xmx)", op, Shape.format(checked), dtype, bytes >> 20, heap >> 20));
        }
        return empty(dtype, checked);
    }

    /** A zero-filled contiguous tensor (no validation: for ops that computed a valid shape). */
    static Tensor empty(DType dtype, int[] shape) {
        return new Tensor(Storage.allocate(dtype, Shape.numel(shape)), shape);
    }

    // ---------------------------------------------------------------------------------------------
    // Creation
    // ---------------------------------------------------------------------------------------------

    /** A float32 tensor holding a copy of {@code data}; without a shape it is 1-D. */
    public static Tensor of(float[] data, int... shape) {
        int[] s = shapeFor("Tensor.of", data.length, shape);
        return new Tensor(new Storage.F32(data.clone()), s);
    }

    /** A float64 tensor holding a copy of {@code data}; without a shape it is 1-D. */
    public static Tensor of(double[] data, int... shape) {
        int[] s = shapeFor("Tensor.of", data.length, shape);
        return new Tensor(new Storage.F64(data.clone()), s);
    }

    /** An int64 tensor (indices, class targets) holding a copy of {@code data}. */
    public static Tensor of(long[] data, int... shape) {
        int[] s = shapeFor("Tensor.of", data.length, shape);
        return new Tensor(new Storage.I64(data.clone()), s);
    }

    /** An int64 tensor from Java ints (indices, class targets), like {@code torch.tensor([1, 2])}. */
    public static Tensor of(int[] data, int... shape) {
        return of(java.util.Arrays.stream(data).asLongStream().toArray(), shape);
    }

    /** A 0-dim tensor of the default dtype, like {@code torch.tensor(2.5)}; same as {@link #scalar(double)}. */
    public static Tensor of(double value) {
        return scalar(value);
    }

    /** A bool tensor (a mask) holding a copy of {@code data}. */
    public static Tensor of(boolean[] data, int... shape) {
        int[] s = shapeFor("Tensor.of", data.length, shape);
        return new Tensor(new Storage.Bool(data.clone()), s);
    }

    /** A 2-D float32 tensor from rows of equal length. */
    public static Tensor of(float[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        float[] flat = new float[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            checkRow(r, rows[r].length, cols);
            System.arraycopy(rows[r], 0, flat, r * cols, cols);
        }
        return new Tensor(new Storage.F32(flat), new int[] {rows.length, cols});
    }

    /** A 2-D float64 tensor from rows of equal length. */
    public static Tensor of(double[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        double[] flat = new double[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            checkRow(r, rows[r].length, cols);
            System.arraycopy(rows[r], 0, flat, r * cols, cols);
        }
        return new Tensor(new Storage.F64(flat), new int[] {rows.length, cols});
    }

    /** A 0-dim tensor of the default dtype. */
    public static Tensor scalar(double value) {
        return scalar(value, Jgrad.defaultDtype());
    }

    /** A 0-dim tensor of the given dtype. */
    public static Tensor scalar(double value, DType dtype) {
        Tensor t = empty(dtype, new int[0]);
        t.storage.set(0, value);
        return t;
    }

    public static Tensor zeros(int... shape) {
        return zeros(Jgrad.defaultDtype(), shape);
    }

    public static Tensor zeros(DType dtype, int... shape) {
        return allocate("zeros", dtype, shape);
    }

    public static Tensor ones(int... shape) {
        return full(1.0, Jgrad.defaultDtype(), shape);
    }

    public static Tensor ones(DType dtype, int... shape) {
        return full(1.0, dtype, shape);
    }

    /** A tensor of the default dtype with every element equal to {@code value}. */
    public static Tensor full(double value, int... shape) {
        return full(value, Jgrad.defaultDtype(), shape);
    }

    public static Tensor full(double value, DType dtype, int... shape) {
        Tensor t = allocate("full", dtype, shape);
        for (int i = 0; i < t.storage.length(); i++) {
            t.storage.set(i, value);
        }
        return t;
    }

    /** Zeros with the shape and dtype of {@code like}. */
    public static Tensor zerosLike(Tensor like) {
        return empty(like.dtype(), like.shape.clone());
    }

    /** Ones with the shape and dtype of {@code like}. */
    public static Tensor onesLike(Tensor like) {
        return full(1.0, like.dtype(), like.shape);
    }

    /** int64 values {@code 0, 1, ..., end-1}. */
    public static Tensor arange(long end) {
        return arange(0, end, 1);
    }

    /** int64 values from {@code start} (inclusive) to {@code end} (exclusive) by {@code step}. */
    public static Tensor arange(long start, long end, long step) {
        if (step == 0) {
            throw new IllegalArgumentException("arange: step must be nonzero");
        }
        // The count in double first: end - start overflows a long for the widest ranges.
        double exactCount = Math.ceil(((double) end - start) / step);
        long count = exactCount <= 0 ? 0 : Math.ceilDiv(end - start, step);
        if (exactCount > Shape.MAX_NUMEL) {
            throw new IllegalArgumentException("arange(" + start + ", " + end + ", " + step + "): " + String.format("%.0f", exactCount)
                    + " values, more than the " + Shape.MAX_NUMEL + " a tensor can hold");
        }
        long[] values = new long[(int) count];
        for (int i = 0; i < values.length; i++) {
            values[i] = start + i * step;
        }
        return new Tensor(new Storage.I64(values), new int[] {values.length});
    }

    /** Floating values from {@code start} to {@code end} (exclusive) by {@code step}, default dtype. */
    public static Tensor arange(double start, double end, double step) {
        if (step == 0 || !Double.isFinite(step)) {
            throw new IllegalArgumentException("arange: step must be finite and nonzero, got " + step);
        }
        if (!Double.isFinite(start) || !Double.isFinite(end)) {
            throw new IllegalArgumentException("arange: start and end must be finite, got " + start + " and " + end);
        }
        double exactCount = Math.max(0, Math.ceil((end - start) / step));
        if (exactCount > Shape.MAX_NUMEL) {
            throw new IllegalArgumentException("arange(" + start + ", " + end + ", " + step + "): " + String.format("%.0f", exactCount)
                    + " values, more than the " + Shape.MAX_NUMEL + " a tensor can hold");
        }
        Tensor t = allocate("arange", Jgrad.defaultDtype(), new int[] {(int) exactCount});
        for (int i = 0; i < t.storage.length(); i++) {
            t.storage.set(i, start + i * step);
        }
        return t;
    }

    /** {@code steps} evenly spaced values from {@code start} to {@code end}, both included. */
    public static Tensor linspace(double start, double end, int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("linspace: steps must be non-negative, got " + steps);
        }
        Tensor t = empty(Jgrad.defaultDtype(), new int[] {steps});
        double step = steps > 1 ? (end - start) / (steps - 1) : 0;
        for (int i = 0; i < steps; i++) {
            t.storage.set(i, i == steps - 1 ? end : start + i * step);
        }
        return t;
    }

    /** Uniform samples in [0, 1) from the global generator. */
    public static Tensor rand(int... shape) {
        return rand(Jgrad.generator(), Jgrad.defaultDtype(), shape);
    }

    public static Tensor rand(DType dtype, int... shape) {
        return rand(Jgrad.generator(), dtype, shape);
    }

    /** Uniform samples in [0, 1) from {@code generator}. */
    public static Tensor rand(RandomGenerator generator, DType dtype, int... shape) {
        requireFloating("rand", dtype);
        Tensor t = allocate("rand", dtype, shape);
        for (int i = 0; i < t.storage.length(); i++) {
            t.storage.set(i, generator.nextDouble());
        }
        return t;
    }

    /** Standard normal samples from the global generator. */
    public static Tensor randn(int... shape) {
        return randn(Jgrad.generator(), Jgrad.defaultDtype(), shape);
    }

    public static Tensor randn(DType dtype, int... shape) {
        return randn(Jgrad.generator(), dtype, shape);
    }

    /** Standard normal samples from {@code generator}. */
    public static Tensor randn(RandomGenerator generator, DType dtype, int... shape) {
        requireFloating("randn", dtype);
        Tensor t = allocate("randn", dtype, shape);
        for (int i = 0; i < t.storage.length(); i++) {
            t.storage.set(i, generator.nextGaussian());
        }
        return t;
    }

    /** int64 samples uniform in [low, high) from the global generator. */
    public static Tensor randint(long low, long high, int... shape) {
        return randint(Jgrad.generator(), low, high, shape);
    }

    public static Tensor randint(RandomGenerator generator, long low, long high, int... shape) {
        if (low >= high) {
            throw new IllegalArgumentException("randint: expected low < high, got low=" + low + ", high=" + high);
        }
        Tensor t = allocate("randint", DType.INT64, shape);
        long[] values = ((Storage.I64) t.storage).data;
        for (int i = 0; i < values.length; i++) {
            values[i] = generator.nextLong(low, high);
        }
        return t;
    }

    // ---------------------------------------------------------------------------------------------
    // Metadata and element access
    // ---------------------------------------------------------------------------------------------

    public DType dtype() {
        return storage.dtype();
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** Size of one dim (negative counts from the end). */
    public int size(int dim) {
        if (shape.length == 0) {
            throw new IllegalArgumentException("size(" + dim + "): a 0-dim tensor has no dims (its shape is ())");
        }
        return shape[Shape.normalizeDim("size", dim, shape.length)];
    }

    /** A copy of the strides, in elements. */
    public int[] stride() {
        return strides.clone();
    }

    public int storageOffset() {
        return offset;
    }

    /** Number of dims (0 for a scalar). */
    public int dim() {
        return shape.length;
    }

    public int numel() {
        return Shape.numel(shape);
    }

    /** The storage this tensor views; two views share data exactly when they share storage. */
    public Storage storage() {
        return storage;
    }

    /** True when elements sit in row-major order with no gaps, so the storage can be read linearly. */
    public boolean isContiguous() {
        int expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] == 0) {
                return true;
            }
            if (shape[d] != 1 && strides[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }

    /** The value of a one-element tensor. */
    public double item() {
        if (numel() != 1) {
            throw new IllegalStateException("item: expected a tensor with one element, got shape " + Shape.format(shape));
        }
        return storage.get(elementOffsets()[0]);
    }

    /** The element at {@code index} (one index per dim, negatives count from the end). */
    public double get(int... index) {
        return storage.get(storageIndex("get", index));
    }

    /**
     * Writes one element in place. Refused on a tensor that requires grad while grad mode is on, as
     * an in-place write would silently invalidate the graph.
     */
    public Tensor set(double value, int... index) {
        checkInPlace("set");
        storage.set(storageIndex("set", index), value);
        return this;
    }

    // In-place updates, PyTorch's trailing-underscore names. They write into this tensor's storage
    // (so every view of it sees the change) and are what optimizers use on parameters under
    // Grad.noGrad(). They are not recorded in the graph.

    /** Copies {@code source} (broadcast to this shape, converted to this dtype) into this tensor. */
    public Tensor copy_(Tensor source) {
        checkInPlace("copy_");
        Views.copyInto(this, Views.broadcastView(source, shape));
        return this;
    }

    /** {@code this += alpha * other}, with {@code other} broadcast to this shape. */
    public Tensor add_(Tensor other, double alpha) {
        checkInPlace("add_");
        int[] to = elementOffsets();
        int[] from = Views.broadcastView(other, shape).elementOffsets();
        Storage source = other.storage;
        for (int i = 0; i < to.length; i++) {
            storage.set(to[i], storage.get(to[i]) + alpha * source.get(from[i]));
        }
        return this;
    }

    /** {@code this *= factor}. */
    public Tensor mul_(double factor) {
        checkInPlace("mul_");
        for (int position : elementOffsets()) {
            storage.set(position, storage.get(position) * factor);
        }
        return this;
    }

    /** Sets every element to {@code value}. */
    public Tensor fill_(double value) {
        checkInPlace("fill_");
        for (int position : elementOffsets()) {
            storage.set(position, value);
        }
        return this;
    }

    /** Sets every element to zero. */
    public Tensor zero_() {
        return fill_(0.0);
    }

    /** Refuses an in-place write that would corrupt a graph being recorded, and counts the write (see {@link Storage#version}). */
    private void checkInPlace(String op) {
        if (requiresGrad && Grad.isEnabled()) {
            throw new IllegalStateException(op + ": in-place update of a tensor that requires grad while grad mode is on; "
                    + "wrap it in try (var ignored = Grad.noGrad()) { ... }");
        }
        storage.version++;
    }

    private int storageIndex(String op, int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException(op + ": expected " + shape.length + " indices for shape "
                    + Shape.format(shape) + ", got " + index.length);
        }
        int position = offset;
        for (int d = 0; d < index.length; d++) {
            int i = index[d] < 0 ? index[d] + shape[d] : index[d];
            if (i < 0 || i >= shape[d]) {
                throw new IndexOutOfBoundsException(op + ": index " + index[d] + " is out of range for dim " + d
                        + " of size " + shape[d] + " (shape " + Shape.format(shape) + ")");
            }
            position += i * strides[d];
        }
        return position;
    }

    /** The elements in row-major order as floats. */
    public float[] toFloatArray() {
        int[] offsets = elementOffsets();
        float[] out = new float[offsets.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) storage.get(offsets[i]);
        }
        return out;
    }

    /** The elements in row-major order as doubles. */
    public double[] toDoubleArray() {
        int[] offsets = elementOffsets();
        double[] out = new double[offsets.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = storage.get(offsets[i]);
        }
        return out;
    }

    /** The elements in row-major order as longs (floats truncate toward zero). */
    public long[] toLongArray() {
        int[] offsets = elementOffsets();
        long[] out = new long[offsets.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (long) storage.get(offsets[i]);
        }
        return out;
    }

    /**
     * Storage positions of all elements in row-major order. This is the generic way every reference
     * loop walks a strided view: an odometer over the multi-index, adding a dim's stride as it ticks.
     */
    int[] elementOffsets() {
        int n = numel();
        int[] out = new int[n];
        if (isContiguous()) {
            for (int i = 0; i < n; i++) {
                out[i] = offset + i;
            }
            return out;
        }
        int rank = shape.length;
        int[] index = new int[rank];
        int position = offset;
        for (int i = 0; i < n; i++) {
            out[i] = position;
            for (int d = rank - 1; d >= 0; d--) {
                index[d]++;
                position += strides[d];
                if (index[d] < shape[d]) {
                    break;
                }
                position -= strides[d] * shape[d];
                index[d] = 0;
            }
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------
    // Autograd
    // ---------------------------------------------------------------------------------------------

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /**
     * Marks a leaf tensor as needing dL/d(this) after {@link #backward()}; returns this for chaining.
     * Only floating tensors can require grad, and only leaves can be changed (as in PyTorch).
     */
    public Tensor requiresGrad(boolean flag) {
        if (flag && !dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("requiresGrad: only float32/float64 tensors can require grad, got " + dtype());
        }
        if (gradFn != null) {
            throw new IllegalStateException("requiresGrad: can only be set on a leaf tensor; this one was made by "
                    + gradFn.name() + " (use detach() first)");
        }
        this.requiresGrad = flag;
        return this;
    }

    /** The accumulated gradient of a leaf, or null before any backward. */
    public synchronized Tensor grad() {
        return grad;
    }

    /**
     * Sets the gradient directly, like PyTorch's {@code p.grad = g} (e.g. to plug in a gradient
     * computed elsewhere before {@code optimizer.step()}); null clears it. The gradient must have this
     * tensor's shape and dtype; it is stored as given, not copied.
     */
    public synchronized Tensor grad(Tensor gradient) {
        if (gradient != null && (!Arrays.equals(gradient.shape, shape) || gradient.dtype() != dtype())) {
            throw new IllegalArgumentException("grad: a gradient of shape " + Shape.format(gradient.shape) + " and dtype "
                    + gradient.dtype() + " does not fit a tensor of shape " + Shape.format(shape) + " and dtype " + dtype());
        }
        grad = gradient;
        return this;
    }

    /** Clears the accumulated gradient. */
    public synchronized void zeroGrad() {
        grad = null;
    }

    /** The node that produced this tensor, or null for a leaf. */
    public GradFn gradFn() {
        return gradFn;
    }

    /** True for tensors created by the user rather than by a recorded op. */
    public boolean isLeaf() {
        return gradFn == null;
    }

    /** A view of the same data that is cut off from the graph. */
    public Tensor detach() {
        return new Tensor(storage, shape, strides, offset);
    }

    /**
     * Backpropagates from a one-element tensor (dL/dL = 1), then frees the graph: the tensors its ops
     * saved for backward are dropped, and a second {@code backward()} through it fails (see
     * {@link #backward(boolean)} to keep it).
     */
    public void backward() {
        backward(false);
    }

    /**
     * Like {@link #backward()}; with {@code retainGraph} true the graph is kept, so a later backward
     * through it works again and adds the same gradients once more (PyTorch's
     * {@code loss.backward(retain_graph=True)}).
     */
    public void backward(boolean retainGraph) {
        if (numel() != 1) {
            throw new IllegalStateException("backward: grad can be implicitly created only for a tensor with one element; "
                    + "this one has shape " + Shape.format(shape) + " — call backward(gradient) with a gradient of that shape");
        }
        backward(onesLike(this), retainGraph);
    }

    /**
     * Backpropagates {@code gradient} = dL/d(this), which must have this tensor's shape, then frees the
     * graph: each node drops its saved tensors as backward passes it (see {@link #backward(Tensor, boolean)}).
     */
    public void backward(Tensor gradient) {
        backward(gradient, false);
    }

    /**
     * Backpropagates {@code gradient} = dL/d(this); {@code retainGraph} keeps the graph for another
     * backward (PyTorch's {@code y.backward(gradient, retain_graph=True)}), at the price of holding
     * every activation until the graph itself is unreachable.
     */
    public void backward(Tensor gradient, boolean retainGraph) {
        if (!requiresGrad) {
            throw new IllegalStateException("backward: this tensor does not require grad and has no grad_fn");
        }
        if (!Arrays.equals(gradient.shape, shape)) {
            throw new IllegalArgumentException("backward: gradient has shape " + Shape.format(gradient.shape)
                    + " but the tensor has shape " + Shape.format(shape) + " (expected equal shapes)");
        }
        Grad.backward(this, gradient.to(dtype()), retainGraph);
    }

    void attachGradFn(GradFn fn) {
        this.gradFn = fn;
        this.requiresGrad = true;
    }

    /**
     * Leaf accumulation: the first gradient is copied, later ones are added (like PyTorch). A gradient
     * that one backward pass made ({@code ownGrads}, the pass's set) is added into in place, since
     * nothing outside the pass can hold it yet; a {@code grad} from an earlier pass, which the caller
     * may hold, is never changed (a new tensor replaces it). Synchronized, so threads that share a
     * model and run backward at the same time each add their whole gradient (a read-add-write race
     * would lose some).
     */
    synchronized void accumulateGrad(Tensor gradient, Set<Tensor> ownGrads) {
        if (!requiresGrad) {
            return;
        }
        Tensor g = gradient.to(dtype());
        if (grad != null && ownGrads.contains(grad)) {
            Elementwise.addInPlace(grad, g);
            return;
        }
        grad = grad == null ? g.copy() : grad.add(g);
        ownGrads.add(grad);
    }

    // ---------------------------------------------------------------------------------------------
    // Views (see Views for forward and backward)
    // ---------------------------------------------------------------------------------------------

    /** A view with a new shape; one size may be -1 (inferred). Requires a contiguous tensor. */
    public Tensor view(int... newShape) {
        return Views.view(this, newShape);
    }

    /** Like {@link #view}, but copies first when the tensor is not contiguous. */
    public Tensor reshape(int... newShape) {
        return Views.reshape(this, newShape);
    }

    /** Flattens to 1-D. */
    public Tensor flatten() {
        return reshape(-1);
    }

    /** Flattens dims {@code startDim..endDim} (inclusive) into one. */
    public Tensor flatten(int startDim, int endDim) {
        return Views.flatten(this, startDim, endDim);
    }

    /** Swaps two dims (a view). */
    public Tensor transpose(int dim0, int dim1) {
        return Views.transpose(this, dim0, dim1);
    }

    /** Transpose of a tensor with at most 2 dims. */
    public Tensor t() {
        if (dim() > 2) {
            throw new IllegalArgumentException("t: expects a tensor with <= 2 dims, got shape " + Shape.format(shape)
                    + " (use transpose(dim0, dim1))");
        }
        return dim() < 2 ? this : transpose(0, 1);
    }

    /** Reorders dims: output dim i is input dim {@code dims[i]} (a view). */
    public Tensor permute(int... dims) {
        return Views.permute(this, dims);
    }

    /** Elements {@code start .. start+length-1} along {@code dim} (a view). */
    public Tensor narrow(int dim, int start, int length) {
        return Views.narrow(this, dim, start, length);
    }

    /** Elements {@code start .. end-1} along {@code dim}, negatives counting from the end (a view). */
    public Tensor slice(int dim, int start, int end) {
        int size = size(dim);
        int s = start < 0 ? start + size : start;
        int e = end < 0 ? end + size : Math.min(end, size);
        return narrow(dim, s, Math.max(0, e - s));
    }

    /** The slice at {@code index} along {@code dim}, with that dim removed (a view). */
    public Tensor select(int dim, int index) {
        return Views.select(this, dim, index);
    }

    /** Broadcasts size-1 dims (and new leading dims) to {@code sizes} without copying; -1 keeps a size. */
    public Tensor expand(int... sizes) {
        return Views.expand(this, sizes);
    }

    /** {@link #expand} to another tensor's shape. */
    public Tensor expandAs(Tensor other) {
        return expand(other.shape);
    }

    /** Removes all size-1 dims. */
    public Tensor squeeze() {
        return Views.squeeze(this);
    }

    /** Removes {@code dim} if its size is 1. */
    public Tensor squeeze(int dim) {
        return Views.squeeze(this, dim);
    }

    /** Inserts a size-1 dim at {@code dim}. */
    public Tensor unsqueeze(int dim) {
        return Views.unsqueeze(this, dim);
    }

    /** This tensor if it is already contiguous, else a row-major copy. */
    public Tensor contiguous() {
        return isContiguous() ? this : Views.copy(this, "ContiguousBackward");
    }

    /** A contiguous copy with its own storage (differentiable, like PyTorch's {@code clone}). */
    public Tensor copy() {
        return Views.copy(this, "CloneBackward");
    }

    /** Converts to another dtype (differentiable between floating types); returns this when unchanged. */
    public Tensor to(DType dtype) {
        return Views.to(this, dtype);
    }

    public Tensor float32() {
        return to(DType.FLOAT32);
    }

    public Tensor float64() {
        return to(DType.FLOAT64);
    }

    // ---------------------------------------------------------------------------------------------
    // Elementwise math (see Elementwise); binary ops broadcast like NumPy/PyTorch
    // ---------------------------------------------------------------------------------------------

    public Tensor neg() { return Elementwise.neg(this); }
    public Tensor add(Tensor other) { return Elementwise.add(this, other); }
    public Tensor add(double other) { return add(scalarLike(other)); }
    public Tensor sub(Tensor other) { return Elementwise.sub(this, other); }
    public Tensor sub(double other) { return sub(scalarLike(other)); }
    public Tensor mul(Tensor other) { return Elementwise.mul(this, other); }
    public Tensor mul(double other) { return mul(scalarLike(other)); }
    public Tensor div(Tensor other) { return Elementwise.div(this, other); }
    public Tensor div(double other) { return div(scalarLike(other)); }
    /** {@code this ^ exponent} elementwise, both broadcast. */
    public Tensor pow(Tensor exponent) { return Elementwise.pow(this, exponent); }
    /** {@code this ^ exponent} for a constant exponent. */
    public Tensor pow(double exponent) { return Elementwise.pow(this, exponent); }
    public Tensor square() { return mul(this); }
    public Tensor exp() { return Elementwise.exp(this); }
    public Tensor log() { return Elementwise.log(this); }
    public Tensor sqrt() { return Elementwise.sqrt(this); }
    public Tensor abs() { return Elementwise.abs(this); }
    public Tensor tanh() { return Elementwise.tanh(this); }
    public Tensor sigmoid() { return Elementwise.sigmoid(this); }
    public Tensor relu() { return Elementwise.relu(this); }
    /** GELU with the exact Gaussian CDF: {@code x * Phi(x)} (PyTorch's {@code approximate='none'}). */
    public Tensor gelu() { return Elementwise.gelu(this, false); }
    /** GELU, exact ({@code "none"}) or tanh approximation ({@code "tanh"}), as PyTorch's {@code approximate}. */
    public Tensor gelu(String approximate) {
        return switch (approximate) {
            case "none" -> Elementwise.gelu(this, false);
            case "tanh" -> Elementwise.gelu(this, true);
            default -> throw new IllegalArgumentException("gelu: approximate must be \"none\" or \"tanh\", got \"" + approximate + "\"");
        };
    }
    /** Elementwise maximum of two tensors (ties split the gradient equally, as PyTorch). */
    public Tensor maximum(Tensor other) { return Elementwise.maximum(this, other); }
    /** Elementwise minimum of two tensors. */
    public Tensor minimum(Tensor other) { return Elementwise.minimum(this, other); }
    /** Same as {@link #maximum} (PyTorch's {@code torch.max(a, b)}). */
    public Tensor max(Tensor other) { return maximum(other); }
    /** Same as {@link #minimum}. */
    public Tensor min(Tensor other) { return minimum(other); }
    /** Limits values to [min, max]; pass ±infinity for a one-sided clamp. */
    public Tensor clamp(double min, double max) { return Elementwise.clamp(this, min, max); }

    public Tensor eq(Tensor other) { return Elementwise.compare("eq", this, other); }
    public Tensor eq(double other) { return eq(scalarLike(other)); }
    public Tensor ne(Tensor other) { return Elementwise.compare("ne", this, other); }
    public Tensor ne(double other) { return ne(scalarLike(other)); }
    public Tensor lt(Tensor other) { return Elementwise.compare("lt", this, other); }
    public Tensor lt(double other) { return lt(scalarLike(other)); }
    public Tensor le(Tensor other) { return Elementwise.compare("le", this, other); }
    public Tensor le(double other) { return le(scalarLike(other)); }
    public Tensor gt(Tensor other) { return Elementwise.compare("gt", this, other); }
    public Tensor gt(double other) { return gt(scalarLike(other)); }
    public Tensor ge(Tensor other) { return Elementwise.compare("ge", this, other); }
    public Tensor ge(double other) { return ge(scalarLike(other)); }

    /** Picks {@code a} where {@code condition} is true, else {@code b}; all three broadcast. */
    public static Tensor where(Tensor condition, Tensor a, Tensor b) {
        return Elementwise.where(condition, a, b);
    }

    /** A copy with {@code value} wherever {@code mask} (broadcast to this shape) is true. */
    public Tensor maskedFill(Tensor mask, double value) {
        return Elementwise.maskedFill(this, mask, value);
    }

    /** A 0-dim tensor of this tensor's dtype (int64 tensors take a float scalar as the default dtype). */
    private Tensor scalarLike(double value) {
        DType type = dtype();
        if (!type.isFloatingPoint() && value != Math.rint(value)) {
            type = Jgrad.defaultDtype();
        } else if (type == DType.BOOL) {
            type = DType.INT64;
        }
        return scalar(value, type);
    }

    // ---------------------------------------------------------------------------------------------
    // Reductions (see Reductions and Softmax)
    // ---------------------------------------------------------------------------------------------

    /** Sum of all elements (a 0-dim tensor). */
    public Tensor sum() { return Reductions.sum(this, allDims(), false); }
    public Tensor sum(int dim) { return Reductions.sum(this, new int[] {dim}, false); }
    public Tensor sum(int dim, boolean keepdim) { return Reductions.sum(this, new int[] {dim}, keepdim); }
    public Tensor sum(int[] dims, boolean keepdim) { return Reductions.sum(this, dims, keepdim); }

    public Tensor mean() { return Reductions.mean(this, allDims(), false); }
    public Tensor mean(int dim) { return Reductions.mean(this, new int[] {dim}, false); }
    public Tensor mean(int dim, boolean keepdim) { return Reductions.mean(this, new int[] {dim}, keepdim); }
    public Tensor mean(int[] dims, boolean keepdim) { return Reductions.mean(this, dims, keepdim); }

    /** Largest element (0-dim); its gradient goes to the first position holding it. */
    public Tensor max() { return flatten().max(0, false).values(); }
    /** Largest values along {@code dim} and their positions. */
    public ValuesIndices max(int dim, boolean keepdim) { return Reductions.maxOrMin(this, dim, keepdim, true); }
    public Tensor min() { return flatten().min(0, false).values(); }
    public ValuesIndices min(int dim, boolean keepdim) { return Reductions.maxOrMin(this, dim, keepdim, false); }

    /** Position of the largest element in the flattened tensor (int64, 0-dim). */
    public Tensor argmax() { return flatten().argmax(0, false); }
    public Tensor argmax(int dim, boolean keepdim) { return max(dim, keepdim).indices(); }
    public Tensor argmin() { return flatten().argmin(0, false); }
    public Tensor argmin(int dim, boolean keepdim) { return min(dim, keepdim).indices(); }

    /** Variance over all elements; {@code unbiased} divides by N-1 (Bessel's correction) instead of N. */
    /** The unbiased variance of all elements (PyTorch's default {@code x.var()}). */
    public Tensor var() { return var(true); }
    /** The unbiased standard deviation of all elements (PyTorch's default {@code x.std()}). */
    public Tensor std() { return std(true); }
    public Tensor var(boolean unbiased) { return Reductions.var(this, allDims(), unbiased, false); }
    public Tensor var(int[] dims, boolean unbiased, boolean keepdim) { return Reductions.var(this, dims, unbiased, keepdim); }
    public Tensor std(boolean unbiased) { return var(unbiased).sqrt(); }
    public Tensor std(int[] dims, boolean unbiased, boolean keepdim) { return var(dims, unbiased, keepdim).sqrt(); }

    /** {@code log(sum(exp(x)))} along {@code dim}, computed without overflow. */
    public Tensor logsumexp(int dim, boolean keepdim) { return Reductions.logsumexp(this, dim, keepdim); }
    /** {@code exp(x_i) / sum_j exp(x_j)} along {@code dim}. */
    public Tensor softmax(int dim) { return Softmax.softmax(this, dim); }
    /** {@code x_i - logsumexp(x)} along {@code dim}. */
    public Tensor logSoftmax(int dim) { return Softmax.logSoftmax(this, dim); }

    private int[] allDims() {
        int[] dims = new int[shape.length];
        for (int d = 0; d < dims.length; d++) {
            dims[d] = d;
        }
        return dims;
    }

    // ---------------------------------------------------------------------------------------------
    // Matrix products and indexing (see MatMul and Indexing)
    // ---------------------------------------------------------------------------------------------

    /**
     * Matrix product with PyTorch's rules: 1-D·1-D is a dot product, 2-D·2-D a matrix product, a 1-D
     * operand gets a dim added (then removed), and leading batch dims broadcast.
     */
    public Tensor matmul(Tensor other) { return MatMul.matmul(this, other); }

    /** Values along {@code dim} picked by an int64 {@code index} of the same rank: {@code out[i][j] = x[i][index[i][j]]} for dim 1. */
    public Tensor gather(int dim, Tensor index) { return Indexing.gather(this, dim, index); }

    /** The slices along {@code dim} at the positions in the 1-D int64 {@code index}. */
    public Tensor indexSelect(int dim, Tensor index) { return Indexing.indexSelect(this, dim, index); }

    /** Joins tensors of equal shape except along {@code dim}. */
    public static Tensor cat(List<Tensor> tensors, int dim) { return Indexing.cat(tensors, dim); }

    /** Stacks tensors of equal shape along a new dim. */
    public static Tensor stack(List<Tensor> tensors, int dim) { return Indexing.stack(tensors, dim); }

    /** Splits into views of {@code splitSize} along {@code dim} (the last may be smaller). */
    public List<Tensor> split(int splitSize, int dim) { return Indexing.split(this, splitSize, dim); }

    /** Splits into {@code chunks} views along {@code dim}, as equal as possible (like PyTorch's chunk). */
    public List<Tensor> chunk(int chunks, int dim) { return Indexing.chunk(this, chunks, dim); }

    // ---------------------------------------------------------------------------------------------
    // Printing
    // ---------------------------------------------------------------------------------------------

    /** Prints like PyTorch: {@code tensor([[1.0000, 2.0000]], dtype=float64, grad_fn=<MulBackward>)}. */
    @Override
    public String toString() {
        return TensorFormat.format(this);
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------

    private static int[] shapeFor(String op, int length, int[] shape) {
        if (shape.length == 0) {
            return new int[] {length};
        }
        int[] s = Shape.checkSizes(op, shape);
        if (Shape.numel(s) != length) {
            throw new IllegalArgumentException(op + ": shape " + Shape.format(s) + " needs " + Shape.numel(s)
                    + " elements but the array has " + length);
        }
        return s;
    }

    private static void checkRow(int row, int length, int expected) {
        if (length != expected) {
            throw new IllegalArgumentException("Tensor.of: row " + row + " has " + length + " elements, expected "
                    + expected + " like row 0");
        }
    }

    static void requireFloating(String op, DType dtype) {
        if (!dtype.isFloatingPoint()) {
            throw new IllegalArgumentException(op + ": expected a floating dtype (float32 or float64), got " + dtype);
        }
    }

    int[] shapeRef() {
        return shape;
    }

    int[] stridesRef() {
        return strides;
    }
}
