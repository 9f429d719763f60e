package jgrad;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

import jgrad.kernels.ElementwiseKernels;
import jgrad.kernels.ElementwiseKernels.BinaryOp;
import jgrad.kernels.ElementwiseKernels.UnaryOp;
import jgrad.kernels.GeluKernels;

/**
 * Elementwise ops, each forward followed by its backward.
 *
 * <p>Each op is written once as its reference loop ({@link #map}, {@link #zip}: the formula per
 * element, in double); where {@link KernelChoice#fastFloat32} says so, float32 runs the SIMD loops
 * of {@link ElementwiseKernels} (and {@link GeluKernels}) instead, on the same inputs.
 *
 * <p>Binary ops broadcast (see {@link Shape#broadcast}); their backward sums the gradient back to
 * each input's shape with {@link Reductions#sumToShape}, because an input element that was seen
 * many times by broadcasting receives the sum of the gradients of all the places it was seen.
 */
final class Elementwise {

    private Elementwise() {
    }

    // ---------------------------------------------------------------------------------------------
    // Unary
    // ---------------------------------------------------------------------------------------------

    // y = -x;  dx = -g
    static Tensor neg(Tensor x) {
        Tensor y = map(x, arithmeticType(x.dtype()), v -> -v);
        return Grad.record(y, "NegBackward", g -> new Tensor[] {g.neg()}, x);
    }

    // y = e^x;  dx = g * y
    static Tensor exp(Tensor x) {
        Tensor y = activation(x, floatingType(x.dtype()), Math::exp, UnaryOp.EXP);
        return Grad.record(y, "ExpBackward", g -> new Tensor[] {g.mul(y)}, x);
    }

    // y = ln x;  dx = g / x
    static Tensor log(Tensor x) {
        Tensor y = map(x, floatingType(x.dtype()), Math::log);
        return Grad.record(y, "LogBackward", g -> new Tensor[] {g.div(x)}, x);
    }

    // y = sqrt x;  dx = g / (2 y)
    static Tensor sqrt(Tensor x) {
        Tensor y = map(x, floatingType(x.dtype()), Math::sqrt);
        return Grad.record(y, "SqrtBackward", g -> new Tensor[] {g.div(y.mul(2.0))}, x);
    }

    // y = |x|;  dx = g * sign(x)   (0 at x = 0, as PyTorch)
    static Tensor abs(Tensor x) {
        Tensor y = map(x, arithmeticType(x.dtype()), Math::abs);
        return Grad.record(y, "AbsBackward", g -> new Tensor[] {g.mul(map(x, x.dtype(), Math::signum))}, x);
    }

    // y = tanh x;  dx = g * (1 - y^2)
    static Tensor tanh(Tensor x) {
        Tensor y = activation(x, floatingType(x.dtype()), Math::tanh, UnaryOp.TANH);
        return Grad.record(y, "TanhBackward", g -> new Tensor[] {g.mul(map(y, y.dtype(), v -> 1 - v * v))}, x);
    }

    // y = 1 / (1 + e^-x);  dx = g * y * (1 - y)
    static Tensor sigmoid(Tensor x) {
        Tensor y = activation(x, floatingType(x.dtype()), Elementwise::sigmoid, UnaryOp.SIGMOID);
        return Grad.record(y, "SigmoidBackward", g -> new Tensor[] {g.mul(map(y, y.dtype(), v -> v * (1 - v)))}, x);
    }

    /** The logistic function, written so that neither branch overflows. */
    static double sigmoid(double v) {
        if (v >= 0) {
            return 1.0 / (1.0 + Math.exp(-v));
        }
        double e = Math.exp(v);
        return e / (1.0 + e);
    }

    // y = max(x, 0);  dx = g * [x > 0]
    // NaN as PyTorch: the test is "x < 0" forward and "x <= 0" backward, both false for NaN, so
    // relu(NaN) = NaN and its gradient passes through (and relu(-0.0) = -0.0).
    static Tensor relu(Tensor x) {
        Tensor y;
        if (KernelChoice.fastFloat32(x)) {
            Tensor input = x.contiguous();
            y = Tensor.empty(DType.FLOAT32, x.shape());
            float[] out = floats(y);
            ElementwiseKernels.relu(floats(input), input.storageOffset(), out, 0, out.length);
        } else {
            y = map(x, arithmeticType(x.dtype()), v -> v < 0 ? 0.0 : v);
        }
        return Grad.record(y, "ReluBackward", g -> new Tensor[] {reluBackward(g, x)}, x);
    }

    /** dx = g * [not x <= 0] (NaN passes); the fast side is one SIMD pass (ElementwiseKernels.reluBackward) without a mask tensor. */
    private static Tensor reluBackward(Tensor g, Tensor x) {
        if (!KernelChoice.fastFloat32(g, x)) {
            return g.mul(map(x, g.dtype(), v -> v <= 0 ? 0.0 : 1.0));
        }
        Tensor gradient = g.contiguous();
        Tensor input = x.contiguous();
        Tensor dx = Tensor.empty(DType.FLOAT32, x.shape());
        float[] out = floats(dx);
        ElementwiseKernels.reluBackward(floats(input), input.storageOffset(), floats(gradient), gradient.storageOffset(),
                out, 0, out.length);
        return dx;
    }

    // exact:  y = x Phi(x);                         dx = g * (Phi(x) + x phi(x))
    // tanh:   y = x/2 (1 + tanh u), u = sqrt(2/pi) (x + 0.044715 x^3)
    //         dx = g * (1/2 (1 + tanh u) + x/2 (1 - tanh^2 u) sqrt(2/pi) (1 + 3*0.044715 x^2))
    static Tensor gelu(Tensor x, boolean tanhApproximation) {
        DType type = floatingType(x.dtype());
        if (tanhApproximation) {
            Tensor y = activation(x, type, v -> 0.5 * v * (1 + Math.tanh(geluInner(v))), UnaryOp.GELU);
            return Grad.record(y, "GeluBackward", g -> new Tensor[] {g.mul(map(x, type, Elementwise::geluTanhDerivative))}, x);
        }
        if (KernelChoice.fastFloat32(x)) {
            return erfGeluFloat32(x);
        }
        Tensor y = map(x, type, v -> v * SpecialFunctions.normalCdf(v));
        return Grad.record(y, "GeluBackward", g -> new Tensor[] {g.mul(map(x, type,
                v -> SpecialFunctions.normalCdf(v) + v * SpecialFunctions.normalPdf(v)))}, x);
    }

    /** The exact GELU above on the SIMD kernels of {@link GeluKernels}, forward and backward (erf by a polynomial). */
    private static Tensor erfGeluFloat32(Tensor x) {
        Tensor input = x.detach().contiguous();
        Tensor y = Tensor.empty(DType.FLOAT32, x.shape());
        GeluKernels.erfGelu(floats(input), input.storageOffset(), floats(y), 0, y.numel());
        return Grad.record(y, "GeluBackward", g -> {
            Tensor gradient = g.float32().contiguous();
            Tensor dx = Tensor.empty(DType.FLOAT32, x.shape());
            GeluKernels.erfGeluBackward(floats(input), input.storageOffset(), floats(gradient), gradient.storageOffset(),
                    floats(dx), 0, dx.numel());
            return new Tensor[] {dx};
        }, x);
    }

    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);
    private static final double GELU_CUBIC = 0.044715;

    private static double geluInner(double v) {
        return SQRT_2_OVER_PI * (v + GELU_CUBIC * v * v * v);
    }

    private static double geluTanhDerivative(double v) {
        double t = Math.tanh(geluInner(v));
        return 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * SQRT_2_OVER_PI * (1 + 3 * GELU_CUBIC * v * v);
    }

    // y = x^p for a constant p;  dx = g * p * x^(p-1)
    static Tensor pow(Tensor x, double p) {
        Tensor y = map(x, floatingType(x.dtype()), v -> Math.pow(v, p));
        return Grad.record(y, "PowBackward", g -> new Tensor[] {g.mul(map(x, y.dtype(), v -> p * Math.pow(v, p - 1)))}, x);
    }

    // y = min(max(x, lo), hi);  dx = g * [lo <= x <= hi]   (PyTorch's convention at the edges)
    static Tensor clamp(Tensor x, double lo, double hi) {
        if (lo > hi) {
            throw new IllegalArgumentException("clamp: min " + lo + " is greater than max " + hi);
        }
        Tensor y = map(x, arithmeticType(x.dtype()), v -> Math.min(Math.max(v, lo), hi));
        return Grad.record(y, "ClampBackward",
                g -> new Tensor[] {g.mul(map(x, g.dtype(), v -> v >= lo && v <= hi ? 1.0 : 0.0))}, x);
    }

    // ---------------------------------------------------------------------------------------------
    // Binary, broadcasting
    // ---------------------------------------------------------------------------------------------

    // y = a + b;  da = g,  db = g
    static Tensor add(Tensor a, Tensor b) {
        Tensor y = arithmetic("add", a, b, arithmeticType(DType.promote(a.dtype(), b.dtype())), Double::sum, BinaryOp.ADD);
        return Grad.record(y, "AddBackward", g -> new Tensor[] {
                Reductions.sumToShape(g, a.shapeRef()), Reductions.sumToShape(g, b.shapeRef())}, a, b);
    }

    // y = a - b;  da = g,  db = -g
    static Tensor sub(Tensor a, Tensor b) {
        Tensor y = arithmetic("sub", a, b, arithmeticType(DType.promote(a.dtype(), b.dtype())), (u, v) -> u - v, BinaryOp.SUB);
        return Grad.record(y, "SubBackward", g -> new Tensor[] {
                Reductions.sumToShape(g, a.shapeRef()), Reductions.sumToShape(g.neg(), b.shapeRef())}, a, b);
    }

    // y = a * b;  da = g * b,  db = g * a
    static Tensor mul(Tensor a, Tensor b) {
        Tensor y = arithmetic("mul", a, b, arithmeticType(DType.promote(a.dtype(), b.dtype())), (u, v) -> u * v, BinaryOp.MUL);
        return Grad.record(y, "MulBackward", g -> new Tensor[] {
                a.requiresGrad() ? Reductions.sumToShape(g.mul(b), a.shapeRef()) : null,
                b.requiresGrad() ? Reductions.sumToShape(g.mul(a), b.shapeRef()) : null}, a, b);
    }

    // y = a / b;  da = g / b,  db = -g * a / b^2 = -g * y / b   (true division: ints give floats)
    static Tensor div(Tensor a, Tensor b) {
        Tensor y = arithmetic("div", a, b, floatingType(DType.promote(a.dtype(), b.dtype())), (u, v) -> u / v, BinaryOp.DIV);
        return Grad.record(y, "DivBackward", g -> new Tensor[] {
                a.requiresGrad() ? Reductions.sumToShape(g.div(b), a.shapeRef()) : null,
                b.requiresGrad() ? Reductions.sumToShape(g.mul(y).div(b).neg(), b.shapeRef()) : null}, a, b);
    }

    // y = a^b;  da = g * b * a^(b-1),  db = g * y * ln a   (taken as 0 where a = 0, as PyTorch)
    static Tensor pow(Tensor a, Tensor b) {
        Tensor y = zip("pow", a, b, floatingType(DType.promote(a.dtype(), b.dtype())), Math::pow);
        return Grad.record(y, "PowBackward", g -> new Tensor[] {
                a.requiresGrad() ? Reductions.sumToShape(g.mul(zip("pow", a, b, y.dtype(), (u, v) -> v * Math.pow(u, v - 1))), a.shapeRef()) : null,
                b.requiresGrad() ? Reductions.sumToShape(g.mul(y).mul(map(a, y.dtype(), u -> u == 0 ? 0.0 : Math.log(u))), b.shapeRef()) : null},
                a, b);
    }

    // y = max(a, b);  the larger input gets g, ties give g/2 to each (as PyTorch's maximum)
    static Tensor maximum(Tensor a, Tensor b) {
        return extremum("maximum", "MaximumBackward", a, b, (u, v) -> u > v ? 1.0 : u == v ? 0.5 : 0.0);
    }

    // y = min(a, b);  the smaller input gets g, ties split it
    static Tensor minimum(Tensor a, Tensor b) {
        return extremum("minimum", "MinimumBackward", a, b, (u, v) -> u < v ? 1.0 : u == v ? 0.5 : 0.0);
    }

    /** {@code shareOfA(u, v)} is the fraction of the gradient that goes to {@code a}; the rest goes to {@code b}. */
    private static Tensor extremum(String op, String name, Tensor a, Tensor b, DoubleBinaryOperator shareOfA) {
        Tensor y = zip(op, a, b, arithmeticType(DType.promote(a.dtype(), b.dtype())),
                (u, v) -> Double.isNaN(u) || Double.isNaN(v) ? Double.NaN : shareOfA.applyAsDouble(u, v) >= 0.5 ? u : v);
        return Grad.record(y, name, g -> {
            Tensor share = zip(op, a, b, g.dtype(), shareOfA);
            return new Tensor[] {
                    Reductions.sumToShape(g.mul(share), a.shapeRef()),
                    Reductions.sumToShape(g.mul(share.neg().add(1.0)), b.shapeRef())};
        }, a, b);
    }

    /** eq, ne, lt, le, gt, ge: a bool mask, not differentiable. */
    static Tensor compare(String op, Tensor a, Tensor b) {
        DoubleBinaryOperator test = switch (op) {
            case "eq" -> (u, v) -> u == v ? 1 : 0;
            case "ne" -> (u, v) -> u != v ? 1 : 0;
            case "lt" -> (u, v) -> u < v ? 1 : 0;
            case "le" -> (u, v) -> u <= v ? 1 : 0;
            case "gt" -> (u, v) -> u > v ? 1 : 0;
            case "ge" -> (u, v) -> u >= v ? 1 : 0;
            default -> throw new IllegalArgumentException("compare: unknown comparison " + op);
        };
        return zip(op, a, b, DType.BOOL, test);
    }

    // y = cond ? a : b;  da = g * cond,  db = g * !cond   (each summed back to its shape)
    static Tensor where(Tensor condition, Tensor a, Tensor b) {
        if (condition.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("where: condition must be a bool tensor (e.g. from x.gt(0)), got " + condition.dtype());
        }
        int[] shape = Shape.broadcast("where", Shape.broadcast("where", condition.shapeRef(), a.shapeRef()), b.shapeRef());
        DType type = DType.promote(a.dtype(), b.dtype());
        Tensor y = Tensor.empty(type, shape);
        int[] c = Views.broadcastView(condition, shape).elementOffsets();
        int[] ia = Views.broadcastView(a, shape).elementOffsets();
        int[] ib = Views.broadcastView(b, shape).elementOffsets();
        boolean[] mask = ((Storage.Bool) condition.storage()).data;
        Storage out = y.storage();
        for (int i = 0; i < c.length; i++) {
            out.set(i, mask[c[i]] ? a.storage().get(ia[i]) : b.storage().get(ib[i]));
        }
        return Grad.record(y, "WhereBackward", g -> {
            Tensor zero = Tensor.scalar(0.0, g.dtype());
            return new Tensor[] {
                    Reductions.sumToShape(where(condition, g, zero), a.shapeRef()),
                    Reductions.sumToShape(where(condition, zero, g), b.shapeRef())};
        }, a, b);
    }

    // y = mask ? value : x, with mask broadcast to x's shape;  dx = g * !mask
    static Tensor maskedFill(Tensor x, Tensor mask, double value) {
        int[] shape = Shape.broadcast("maskedFill", x.shapeRef(), mask.shapeRef());
        if (shape.length != x.dim() || !java.util.Arrays.equals(shape, x.shapeRef())) {
            throw new IllegalArgumentException("maskedFill: mask of shape " + Shape.format(mask.shapeRef())
                    + " must broadcast to the input's shape " + Shape.format(x.shapeRef()));
        }
        return where(mask, Tensor.scalar(value, x.dtype()), x);
    }

    // ---------------------------------------------------------------------------------------------
    // The two loops every op above is built on (reference kernels)
    // ---------------------------------------------------------------------------------------------

    /** {@code out[i] = f(x[i])} over all elements, into a new contiguous tensor of {@code outType}. */
    static Tensor map(Tensor x, DType outType, DoubleUnaryOperator f) {
        Tensor y = Tensor.empty(outType, x.shape());
        Storage in = x.storage();
        Storage out = y.storage();
        if (in instanceof Storage.F32 src && out instanceof Storage.F32 dst && x.isContiguous()) {
            int base = x.storageOffset();
            for (int i = 0; i < dst.data.length; i++) {
                dst.data[i] = (float) f.applyAsDouble(src.data[base + i]);
            }
            return y;
        }
        int[] offsets = x.elementOffsets();
        for (int i = 0; i < offsets.length; i++) {
            out.set(i, f.applyAsDouble(in.get(offsets[i])));
        }
        return y;
    }

    /** {@code out[i] = f(a[i], b[i])} after broadcasting both to their common shape. */
    static Tensor zip(String op, Tensor a, Tensor b, DType outType, DoubleBinaryOperator f) {
        int[] shape = Shape.broadcast(op, a.shapeRef(), b.shapeRef());
        Tensor y = Tensor.empty(outType, shape);
        int[] ia = Views.broadcastView(a, shape).elementOffsets();
        int[] ib = Views.broadcastView(b, shape).elementOffsets();
        Storage sa = a.storage();
        Storage sb = b.storage();
        Storage out = y.storage();
        for (int i = 0; i < ia.length; i++) {
            out.set(i, f.applyAsDouble(sa.get(ia[i]), sb.get(ib[i])));
        }
        return y;
    }

    // ---------------------------------------------------------------------------------------------
    // The fast side: the same ops through the SIMD kernels of jgrad.kernels.ElementwiseKernels
    // ---------------------------------------------------------------------------------------------

    /** {@link #zip} for + - * /, sent to the SIMD kernel when {@link KernelChoice#fastFloat32} says so. */
    private static Tensor arithmetic(String op, Tensor a, Tensor b, DType outType, DoubleBinaryOperator f, BinaryOp simd) {
        if (!KernelChoice.fastFloat32(a, b)) {
            return zip(op, a, b, outType, f);
        }
        int[] shape = Shape.broadcast(op, a.shapeRef(), b.shapeRef());
        Tensor y = Tensor.empty(DType.FLOAT32, shape);
        float[] out = ((Storage.F32) y.storage()).data;
        boolean commutes = simd == BinaryOp.ADD || simd == BinaryOp.MUL;
        if (b.numel() == 1 && out.length > 0) {
            Tensor dense = dense(a, shape);
            ElementwiseKernels.binaryScalar(simd, floats(dense), dense.storageOffset(), (float) b.item(), out, 0, out.length);
        } else if (a.numel() == 1 && commutes && out.length > 0) {
            Tensor dense = dense(b, shape);
            ElementwiseKernels.binaryScalar(simd, floats(dense), dense.storageOffset(), (float) a.item(), out, 0, out.length);
        } else {
            Tensor left = dense(a, shape);
            Tensor right = dense(b, shape);
            ElementwiseKernels.binary(simd, floats(left), left.storageOffset(), floats(right), right.storageOffset(), out, 0, out.length);
        }
        return y;
    }

    /**
     * {@code acc += g} in place, both of one shape and dtype: the autograd engine's accumulation of a
     * leaf gradient into a buffer it made itself. Same bits as {@code acc.add(g)}.
     */
    static void addInPlace(Tensor acc, Tensor g) {
        if (KernelChoice.fastFloat32(acc, g) && acc.isContiguous()) {
            Tensor right = g.contiguous();
            float[] out = floats(acc);
            ElementwiseKernels.binary(BinaryOp.ADD, out, acc.storageOffset(), floats(right), right.storageOffset(), out,
                    acc.storageOffset(), acc.numel());
            return;
        }
        int[] to = acc.elementOffsets();
        int[] from = g.elementOffsets();
        Storage sa = acc.storage(), sg = g.storage();
        for (int i = 0; i < to.length; i++) {
            sa.set(to[i], sa.get(to[i]) + sg.get(from[i]));
        }
    }

    /** {@link #map} for the activations, sent to the SIMD kernel when {@link KernelChoice#fastFloat32} says so. */
    private static Tensor activation(Tensor x, DType outType, DoubleUnaryOperator f, UnaryOp simd) {
        if (!KernelChoice.fastFloat32(x)) {
            return map(x, outType, f);
        }
        Tensor input = x.contiguous();
        Tensor y = Tensor.empty(DType.FLOAT32, x.shape());
        float[] out = ((Storage.F32) y.storage()).data;
        ElementwiseKernels.unary(simd, floats(input), input.storageOffset(), out, 0, out.length);
        return y;
    }

    /** {@code t} broadcast to {@code shape} as a contiguous tensor: itself when it already is one. */
    private static Tensor dense(Tensor t, int[] shape) {
        if (t.isContiguous() && java.util.Arrays.equals(t.shapeRef(), shape)) {
            return t;
        }
        Tensor copy = Tensor.empty(t.dtype(), shape.clone());
        Views.copyInto(copy, Views.broadcastView(t, shape));
        return copy;
    }

    private static float[] floats(Tensor t) {
        return ((Storage.F32) t.storage()).data;
    }

    /** Ops like exp on an integer tensor compute in the default floating dtype, as PyTorch does. */
    private static DType floatingType(DType type) {
        return type.isFloatingPoint() ? type : Jgrad.defaultDtype();
    }

    /** Arithmetic on bools happens in int64. */
    private static DType arithmeticType(DType type) {
        return type == DType.BOOL ? DType.INT64 : type;
    }
}
