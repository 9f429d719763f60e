package jgrad.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Elementwise float32 kernels on contiguous arrays: binary ops (same shape, scalar, row
 * broadcast) and the unary activations. Each fast loop has its reference right below it.
 *
 * <p>The fast loops do full vectors, then the ragged tail with the scalar formula. A binary op is
 * a switch per vector (not per element): predictable, and it keeps every Vector API call on a
 * constant operator so the JIT turns it into one instruction; a unary op has a loop of its own.
 * Rows are split over threads.
 */
public final class ElementwiseKernels {

    /** {@code out = a ∘ b} for ∘ in + − × ÷. */
    public enum BinaryOp {
        ADD, SUB, MUL, DIV;

        /** The scalar definition; the reference kernels use only this. */
        public float apply(float a, float b) {
            return switch (this) {
                case ADD -> a + b;
                case SUB -> a - b;
                case MUL -> a * b;
                case DIV -> a / b;
            };
        }
    }

    /**
     * Activations. GELU is the tanh approximation (PyTorch {@code approximate='tanh'}):
     * {@code 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))}; sigmoid is {@code 1/(1 + e^(−x))}.
     */
    public enum UnaryOp {
        EXP, TANH, RELU, GELU, SIGMOID;

        /** The scalar definition (computed in double, rounded once); the reference kernels use only this. */
        public float apply(float x) {
            return switch (this) {
                case EXP -> (float) Math.exp(x);
                case TANH -> (float) Math.tanh(x);
                case RELU -> x < 0 ? 0f : x;   // NaN and -0.0 stay as they are, as in PyTorch
                case GELU -> (float) (0.5 * x * (1 + Math.tanh(GELU_SCALE * (x + 0.044715 * x * x * x))));
                case SIGMOID -> (float) (1 / (1 + Math.exp(-x)));
            };
        }
    }

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final double GELU_SCALE = Math.sqrt(2 / Math.PI);
    private static final float GELU_SCALE_FLOAT = (float) GELU_SCALE;
    /** Elements per thread chunk: below ~64 Ki floats a memory-bound loop is not worth a hand-off. */
    private static final int GRAIN = 1 << 16;

    private ElementwiseKernels() {
    }

    /** {@code out[i] = a[i] ∘ b[i]} for {@code i < n}. {@code out} may be {@code a} or {@code b} (in place). */
    public static void binary(BinaryOp op, float[] a, int aOffset, float[] b, int bOffset, float[] out, int outOffset, int n) {
        Parallel.forRange(0, n, GRAIN, (from, to) -> {
            int i = from;
            for (int end = from + S.loopBound(to - from); i < end; i += S.length()) {
                apply(op, FloatVector.fromArray(S, a, aOffset + i), FloatVector.fromArray(S, b, bOffset + i))
                        .intoArray(out, outOffset + i);
            }
            for (; i < to; i++) {
                out[outOffset + i] = op.apply(a[aOffset + i], b[bOffset + i]);
            }
        });
    }

    /** Reference for {@link #binary}. */
    public static void binaryReference(BinaryOp op, float[] a, int aOffset, float[] b, int bOffset, float[] out, int outOffset, int n) {
        for (int i = 0; i < n; i++) {
            out[outOffset + i] = op.apply(a[aOffset + i], b[bOffset + i]);
        }
    }

    /** {@code out[i] = a[i] ∘ s} for {@code i < n}. */
    public static void binaryScalar(BinaryOp op, float[] a, int aOffset, float s, float[] out, int outOffset, int n) {
        FloatVector scalar = FloatVector.broadcast(S, s);
        Parallel.forRange(0, n, GRAIN, (from, to) -> {
            int i = from;
            for (int end = from + S.loopBound(to - from); i < end; i += S.length()) {
                apply(op, FloatVector.fromArray(S, a, aOffset + i), scalar).intoArray(out, outOffset + i);
            }
            for (; i < to; i++) {
                out[outOffset + i] = op.apply(a[aOffset + i], s);
            }
        });
    }

    /** Reference for {@link #binaryScalar}. */
    public static void binaryScalarReference(BinaryOp op, float[] a, int aOffset, float s, float[] out, int outOffset, int n) {
        for (int i = 0; i < n; i++) {
            out[outOffset + i] = op.apply(a[aOffset + i], s);
        }
    }

    /**
     * Row broadcast, {@code (rows, cols) ∘ (cols)}: {@code out[r][j] = a[r][j] ∘ row[j]}, e.g. adding a
     * bias to every row of a batch.
     */
    public static void binaryRow(BinaryOp op, float[] a, int aOffset, float[] row, int rowOffset,
                                 float[] out, int outOffset, int rows, int cols) {
        Parallel.forRange(0, rows, Math.max(1, GRAIN / Math.max(1, cols)), (from, to) -> {
            int vectorEnd = S.loopBound(cols);
            for (int r = from; r < to; r++) {
                int aRow = aOffset + r * cols;
                int outRow = outOffset + r * cols;
                int j = 0;
                for (; j < vectorEnd; j += S.length()) {
                    apply(op, FloatVector.fromArray(S, a, aRow + j), FloatVector.fromArray(S, row, rowOffset + j))
                            .intoArray(out, outRow + j);
                }
                for (; j < cols; j++) {
                    out[outRow + j] = op.apply(a[aRow + j], row[rowOffset + j]);
                }
            }
        });
    }

    /** Reference for {@link #binaryRow}. */
    public static void binaryRowReference(BinaryOp op, float[] a, int aOffset, float[] row, int rowOffset,
                                          float[] out, int outOffset, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                out[outOffset + r * cols + j] = op.apply(a[aOffset + r * cols + j], row[rowOffset + j]);
            }
        }
    }

    /**
     * {@code out[i] = f(x[i])} in float: exp and tanh are {@link FloatMath}'s (within a few ulp of
     * the double-precision reference, {@link #unaryReference}), and whole vectors and the scalar tail
     * give the same bits, so where threads cut the range does not matter.
     */
    public static void unary(UnaryOp op, float[] x, int xOffset, float[] out, int outOffset, int n) {
        Parallel.forRange(0, n, GRAIN / 4, (from, to) -> {
            int end = from + S.loopBound(to - from);
            // A loop of its own per op, in a small method: the JIT inlines a function of FloatMath's size
            // only into a hot loop of a small method (from one shared loop it did not: 16x slower).
            switch (op) {
                case EXP -> expVectors(x, xOffset, out, outOffset, from, end);
                case TANH -> tanhVectors(x, xOffset, out, outOffset, from, end);
                case RELU -> reluVectors(x, xOffset, out, outOffset, from, end);
                case GELU -> geluTanhVectors(x, xOffset, out, outOffset, from, end);
                case SIGMOID -> sigmoidVectors(x, xOffset, out, outOffset, from, end);
            }
            for (int i = end; i < to; i++) {
                out[outOffset + i] = apply(op, x[xOffset + i]);
            }
        });
    }

    /** Reference for {@link #unary}. */
    public static void unaryReference(UnaryOp op, float[] x, int xOffset, float[] out, int outOffset, int n) {
        for (int i = 0; i < n; i++) {
            out[outOffset + i] = op.apply(x[xOffset + i]);
        }
    }

    /**
     * {@code out[i] = x[i] < 0 ? 0 : x[i]} (NaN and -0.0 stay as they are): {@link #unary} with {@link UnaryOp#RELU}, as its own
     * loop. In a W3 training run the shared {@code unary} loop, when it switched on its op per vector,
     * spent 3x longer on ReLU than this loop (JFR, steady state: 12% of a step against 4%).
     */
    public static void relu(float[] x, int xOffset, float[] out, int outOffset, int n) {
        FloatVector zero = FloatVector.zero(S);
        Parallel.forRange(0, n, GRAIN, (from, to) -> {
            int i = from;
            for (int end = from + S.loopBound(to - from); i < end; i += S.length()) {
                var v = FloatVector.fromArray(S, x, xOffset + i);
                v.blend(zero, v.compare(VectorOperators.LT, 0f)).intoArray(out, outOffset + i);   // NaN < 0 and -0.0 < 0 are false: kept
            }
            for (; i < to; i++) {
                out[outOffset + i] = UnaryOp.RELU.apply(x[xOffset + i]);
            }
        });
    }

    /**
     * ReLU's backward, {@code out[i] = x[i] <= 0 ? 0 : g[i]} (as PyTorch's threshold backward: a
     * NaN input passes its gradient through): a compare and a blend per vector instead of a branch
     * per element, which mispredicts on random signs.
     */
    public static void reluBackward(float[] x, int xOffset, float[] g, int gOffset, float[] out, int outOffset, int n) {
        FloatVector zero = FloatVector.zero(S);
        Parallel.forRange(0, n, GRAIN, (from, to) -> {
            int i = from;
            for (int end = from + S.loopBound(to - from); i < end; i += S.length()) {
                var blocked = FloatVector.fromArray(S, x, xOffset + i).compare(VectorOperators.LE, 0f);
                FloatVector.fromArray(S, g, gOffset + i).blend(zero, blocked).intoArray(out, outOffset + i);
            }
            for (; i < to; i++) {
                out[outOffset + i] = x[xOffset + i] <= 0 ? 0f : g[gOffset + i];
            }
        });
    }

    /** Reference for {@link #reluBackward}. */
    public static void reluBackwardReference(float[] x, int xOffset, float[] g, int gOffset, float[] out, int outOffset, int n) {
        for (int i = 0; i < n; i++) {
            out[outOffset + i] = x[xOffset + i] <= 0 ? 0f : g[gOffset + i];
        }
    }

    private static FloatVector apply(BinaryOp op, FloatVector a, FloatVector b) {
        return switch (op) {
            case ADD -> a.add(b);
            case SUB -> a.sub(b);
            case MUL -> a.mul(b);
            case DIV -> a.div(b);
        };
    }

    private static void expVectors(float[] x, int xOffset, float[] out, int outOffset, int from, int end) {
        for (int i = from; i < end; i += S.length()) {
            FloatMath.exp(FloatVector.fromArray(S, x, xOffset + i)).intoArray(out, outOffset + i);
        }
    }

    private static void tanhVectors(float[] x, int xOffset, float[] out, int outOffset, int from, int end) {
        for (int i = from; i < end; i += S.length()) {
            FloatMath.tanh(FloatVector.fromArray(S, x, xOffset + i)).intoArray(out, outOffset + i);
        }
    }

    private static void reluVectors(float[] x, int xOffset, float[] out, int outOffset, int from, int end) {
        for (int i = from; i < end; i += S.length()) {
            // x < 0 ? 0 : x, not max(x, 0): NaN and -0.0 pass through unchanged, as in PyTorch
            FloatVector v = FloatVector.fromArray(S, x, xOffset + i);
            v.blend(0f, v.compare(VectorOperators.LT, 0f)).intoArray(out, outOffset + i);
        }
    }

    private static void sigmoidVectors(float[] x, int xOffset, float[] out, int outOffset, int from, int end) {
        for (int i = from; i < end; i += S.length()) {
            FloatMath.sigmoid(FloatVector.fromArray(S, x, xOffset + i)).intoArray(out, outOffset + i);
        }
    }

    /**
     * GELU's tanh approximation on whole vectors, as {@code x·sigmoid(2u) = x / (1 + e^(−2u))},
     * {@code u = √(2/π)·(x + 0.044715·x³)}: the same function as {@code 0.5·x·(1 + tanh(u))}
     * (since {@code (1 + tanh u)/2 = sigmoid(2u)}), with one exp and no cancellation for negative x.
     */
    private static void geluTanhVectors(float[] x, int xOffset, float[] out, int outOffset, int from, int end) {
        for (int i = from; i < end; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, xOffset + i);
            FloatVector minusTwoU = v.mul(v).mul(v).mul(0.044715f).add(v).mul(-2 * GELU_SCALE_FLOAT);
            v.div(FloatMath.exp(minusTwoU).add(1f)).intoArray(out, outOffset + i);
        }
    }

    /** The scalar twin of the vector loops of {@link #unary} for the tails: the same float steps, so the same bits. */
    private static float apply(UnaryOp op, float x) {
        return switch (op) {
            case EXP -> FloatMath.exp(x);
            case TANH -> FloatMath.tanh(x);
            case RELU -> x < 0 ? 0f : x;
            case GELU -> x / (FloatMath.exp((x * x * x * 0.044715f + x) * (-2 * GELU_SCALE_FLOAT)) + 1f);
            case SIGMOID -> FloatMath.sigmoid(x);
        };
    }
}
