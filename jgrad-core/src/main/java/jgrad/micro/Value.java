package jgrad.micro;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * A scalar that remembers how it was computed, so that {@link #backward()} can find
 * d(output)/d(every input) by the chain rule: reverse-mode automatic differentiation
 * on single numbers.
 *
 * <p>Every operation returns a new {@code Value} that records its inputs ("children")
 * and a small backward step. The backward step of {@code out = f(a, b)} adds
 * {@code df/da * out.grad} to {@code a.grad} and {@code df/db * out.grad} to
 * {@code b.grad}; running the steps from the output back to the leaves is the chain rule.
 *
 * <pre>{@code
 * var a = new Value(2.0, "a");
 * var b = new Value(-3.0, "b");
 * var c = a.mul(b).add(a.exp());   // c = a*b + e^a
 * c.backward();
 * a.grad();                        // dc/da = b + e^a = -3 + e^2
 * b.grad();                        // dc/db = a       =  2
 * }</pre>
 *
 * <p>Gradients accumulate into leaves (values with no children) across calls to
 * {@code backward()}, as in PyTorch; reset them with {@link #zeroGrad()}.
 * Values compare by identity: two values with equal data are still different nodes.
 */
public final class Value {

    private double data;
    private double grad;
    private final List<Value> children;
    private final String op;
    private String label;
    /** Pushes this value's grad into its children's grads; a no-op for leaves. */
    private Runnable backwardStep = () -> {};

    /** A leaf: an input or a parameter. */
    public Value(double data) {
        this(data, "");
    }

    /** A leaf with a name, shown in graph pictures (see {@code jgrad.viz.Dot}). */
    public Value(double data, String label) {
        this(data, "", List.of());
        this.label = label;
    }

    private Value(double data, String op, List<Value> children) {
        this.data = data;
        this.op = op;
        this.children = children;
        this.label = "";
    }

    // ---------------------------------------------------------------- binary ops

    /** {@code this + other}. */
    public Value add(Value other) {
        var out = new Value(data + other.data, "+", List.of(this, other));
        // d(a+b)/da = 1, d(a+b)/db = 1
        out.backwardStep = () -> {
            this.grad += out.grad;
            other.grad += out.grad;
        };
        return out;
    }

    /** {@code this - other}. */
    public Value sub(Value other) {
        var out = new Value(data - other.data, "-", List.of(this, other));
        // d(a-b)/da = 1, d(a-b)/db = -1
        out.backwardStep = () -> {
            this.grad += out.grad;
            other.grad -= out.grad;
        };
        return out;
    }

    /** {@code this * other}. */
    public Value mul(Value other) {
        var out = new Value(data * other.data, "*", List.of(this, other));
        // d(a*b)/da = b, d(a*b)/db = a
        out.backwardStep = () -> {
            this.grad += other.data * out.grad;
            other.grad += this.data * out.grad;
        };
        return out;
    }

    /** {@code this / other}; throws {@link ArithmeticException} if {@code other} is 0. */
    public Value div(Value other) {
        if (other.data == 0.0) {
            throw new ArithmeticException("div: division by zero (" + data + " / 0.0)");
        }
        var out = new Value(data / other.data, "/", List.of(this, other));
        // d(a/b)/da = 1/b, d(a/b)/db = -a/b²
        out.backwardStep = () -> {
            this.grad += out.grad / other.data;
            other.grad -= this.data / (other.data * other.data) * out.grad;
        };
        return out;
    }

    /** {@code this + c} for a constant {@code c}. */
    public Value add(double c) {
        return add(new Value(c));
    }

    /** {@code this - c} for a constant {@code c}. */
    public Value sub(double c) {
        return sub(new Value(c));
    }

    /** {@code this * c} for a constant {@code c}. */
    public Value mul(double c) {
        return mul(new Value(c));
    }

    /** {@code this / c} for a constant {@code c}. */
    public Value div(double c) {
        return div(new Value(c));
    }

    // ----------------------------------------------------------------- unary ops

    /**
     * {@code this} raised to a constant power {@code p}. Throws
     * {@link ArithmeticException} where the result is not a real number
     * (negative base, fractional {@code p}) or is infinite (base 0, {@code p < 0}).
     */
    public Value pow(double p) {
        if (data < 0 && p != Math.rint(p)) {
            throw new ArithmeticException("pow: negative base " + data + " with fractional exponent " + p);
        }
        if (data == 0 && p < 0) {
            throw new ArithmeticException("pow: base 0.0 with negative exponent " + p);
        }
        var out = new Value(Math.pow(data, p), "^" + formatExponent(p), List.of(this));
        // d(x^p)/dx = p·x^(p-1)
        out.backwardStep = () -> this.grad += p * Math.pow(data, p - 1) * out.grad;
        return out;
    }

    /** {@code -this}. */
    public Value neg() {
        var out = new Value(-data, "neg", List.of(this));
        // d(-x)/dx = -1
        out.backwardStep = () -> this.grad -= out.grad;
        return out;
    }

    /** {@code e^this}. */
    public Value exp() {
        var out = new Value(Math.exp(data), "exp", List.of(this));
        // d(e^x)/dx = e^x, which is out.data
        out.backwardStep = () -> this.grad += out.data * out.grad;
        return out;
    }

    /** Natural logarithm; throws {@link ArithmeticException} unless {@code this > 0}. */
    public Value log() {
        if (!(data > 0)) {
            throw new ArithmeticException("log: argument must be positive, got " + data);
        }
        var out = new Value(Math.log(data), "log", List.of(this));
        // d(ln x)/dx = 1/x
        out.backwardStep = () -> this.grad += out.grad / data;
        return out;
    }

    /** Hyperbolic tangent, a squashing nonlinearity with outputs in (-1, 1). */
    public Value tanh() {
        var out = new Value(Math.tanh(data), "tanh", List.of(this));
        // d(tanh x)/dx = 1 - tanh²x, and tanh x is out.data
        out.backwardStep = () -> this.grad += (1 - out.data * out.data) * out.grad;
        return out;
    }

    /** Rectified linear unit {@code max(0, this)}; its derivative at 0 is taken as 0. */
    public Value relu() {
        var out = new Value(Math.max(0.0, data), "relu", List.of(this));
        // d(relu x)/dx = 1 if x > 0 else 0
        out.backwardStep = () -> this.grad += (data > 0 ? 1.0 : 0.0) * out.grad;
        return out;
    }

    // ------------------------------------------------------------------ backward

    /**
     * Fills {@link #grad()} of every value this one depends on with
     * d(this)/d(that value).
     *
     * <p>The backward steps must run parent-before-child, so that a value's grad is
     * complete (summed over all its uses) before it is pushed further down. That is
     * the reverse of a topological order, found here with an explicit stack rather
     * than recursion so that graphs of any depth work.
     *
     * <p>Grads of intermediate values are recomputed from zero on every call; grads
     * of leaves accumulate.
     */
    public void backward() {
        List<Value> order = topologicalOrder();
        for (Value node : order) {
            if (!node.children.isEmpty()) {
                node.grad = 0.0;
            }
        }
        grad = 1.0; // d(this)/d(this)
        for (int i = order.size() - 1; i >= 0; i--) {
            order.get(i).backwardStep.run();
        }
    }

    /**
     * Every value reachable from this one, each after all of its children (post-order
     * depth-first search). A node is pushed twice: once to expand its children, once
     * more underneath them to be emitted after they are done.
     */
    private List<Value> topologicalOrder() {
        record Visit(Value node, boolean childrenDone) {}
        var order = new ArrayList<Value>();
        var seen = Collections.newSetFromMap(new IdentityHashMap<Value, Boolean>());
        var stack = new ArrayDeque<Visit>();
        stack.push(new Visit(this, false));
        while (!stack.isEmpty()) {
            Visit visit = stack.pop();
            if (visit.childrenDone()) {
                order.add(visit.node());
            } else if (seen.add(visit.node())) {
                stack.push(new Visit(visit.node(), true));
                for (Value child : visit.node().children) {
                    if (!seen.contains(child)) {
                        stack.push(new Visit(child, false));
                    }
                }
            }
        }
        return order;
    }

    // ---------------------------------------------------------------- accessors

    /** The number this value holds. */
    public double data() {
        return data;
    }

    /** Overwrites the number, e.g. for a gradient-descent step {@code p.setData(p.data() - lr * p.grad())}. */
    public void setData(double data) {
        this.data = data;
    }

    /** d(output)/d(this) from the last {@link #backward()} call(s); 0 before any. */
    public double grad() {
        return grad;
    }

    /** Sets the grad back to 0. */
    public void zeroGrad() {
        grad = 0.0;
    }

    /** The inputs of the operation that made this value; empty for a leaf. */
    public List<Value> children() {
        return children;
    }

    /** The operation that made this value, e.g. {@code "*"} or {@code "tanh"}; {@code ""} for a leaf. */
    public String op() {
        return op;
    }

    /** The name shown in graph pictures; {@code ""} if none. */
    public String label() {
        return label;
    }

    /** Names this value for graph pictures and returns it, e.g. {@code a.mul(b).named("e")}. */
    public Value named(String label) {
        this.label = label;
        return this;
    }

    @Override
    public String toString() {
        return "Value(data=" + data + ", grad=" + grad + ")";
    }

    /** "2" rather than "2.0" for whole exponents, so the op label reads {@code ^2}. */
    private static String formatExponent(double p) {
        return p == Math.rint(p) && Math.abs(p) < 1e15 ? Long.toString((long) p) : Double.toString(p);
    }
}
