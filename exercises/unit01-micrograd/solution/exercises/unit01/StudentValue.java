package exercises.unit01;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * Unit 1 exercise: a scalar autograd engine that you finish yourself.
 *
 * <p>Read {@code lectures/01-micrograd.md} first. A {@code StudentValue} holds a number
 * ({@code data}), the derivative of the final output with respect to it ({@code grad}), the
 * values it was computed from ({@code children}) and a backward step. The backward step of
 * {@code out = f(a, b)} adds {@code ∂f/∂a · out.grad} to {@code a.grad} and
 * {@code ∂f/∂b · out.grad} to {@code b.grad}: always add ({@code +=}), because a value used
 * twice must receive the gradient of both uses.
 *
 * <p>{@link #sub}, {@link #exp} and {@link #relu} are written for you as examples. Grade one
 * task at a time, from the repository root:
 * <pre>
 * ./mvnw -q compile exec:exec -Djgrad.main=jgrad.grading.Grader -Djgrad.args="exercises/unit01-micrograd --task task1"
 * </pre>
 * The graded tests compare your gradients with jgrad's own {@code jgrad.micro.Value} and with
 * finite differences.
 */
public final class StudentValue {
    private double data;
    private double grad;
    private final List<StudentValue> children;
    private final String op;
    /** Pushes this value's grad into its children's grads; a no-op for leaves. */
    private Runnable backwardStep = () -> {
    };

    /** A leaf: an input or a parameter. */
    public StudentValue(double data) {
        this(data, "", List.of());
    }

    private StudentValue(double data, String op, List<StudentValue> children) {
        this.data = data;
        this.op = op;
        this.children = children;
    }

    // ---- given: worked examples --------------------------------------------------------------

    /** {@code this - other}. Local derivatives: d(a-b)/da = 1, d(a-b)/db = -1. */
    public StudentValue sub(StudentValue other) {
        var out = new StudentValue(data - other.data, "-", List.of(this, other));
        out.backwardStep = () -> {
            this.grad += out.grad;
            other.grad -= out.grad;
        };
        return out;
    }

    /** {@code e^this}. Local derivative: d(e^x)/dx = e^x, which is {@code out.data}. */
    public StudentValue exp() {
        var out = new StudentValue(Math.exp(data), "exp", List.of(this));
        out.backwardStep = () -> this.grad += out.data * out.grad;
        return out;
    }

    /** {@code max(0, this)}. Local derivative: 1 where x > 0, else 0 (0 at the kink x = 0). */
    public StudentValue relu() {
        var out = new StudentValue(Math.max(0.0, data), "relu", List.of(this));
        out.backwardStep = () -> this.grad += (data > 0 ? 1.0 : 0.0) * out.grad;
        return out;
    }

    // ---- task 1: add and mul -------------------------------------------------------------------

    /** {@code this + other}. Task 1: its backward step. */
    public StudentValue add(StudentValue other) {
        var out = new StudentValue(data + other.data, "+", List.of(this, other));
        out.backwardStep = () -> {
            this.grad += out.grad;
            other.grad += out.grad;
        };
        return out;
    }

    /** {@code this * other}. Task 1: its backward step. */
    public StudentValue mul(StudentValue other) {
        var out = new StudentValue(data * other.data, "*", List.of(this, other));
        out.backwardStep = () -> {
            this.grad += other.data * out.grad;
            other.grad += this.data * out.grad;
        };
        return out;
    }

    // ---- task 2: tanh and pow ------------------------------------------------------------------

    /** Hyperbolic tangent. Task 2: its backward step. */
    public StudentValue tanh() {
        var out = new StudentValue(Math.tanh(data), "tanh", List.of(this));
        out.backwardStep = () -> this.grad += (1 - out.data * out.data) * out.grad;
        return out;
    }

    /** {@code this} to the constant power {@code p}. Task 2: its backward step. */
    public StudentValue pow(double p) {
        if (data < 0 && p != Math.rint(p)) {
            throw new ArithmeticException("pow: negative base " + data + " with fractional exponent " + p);
        }
        if (data == 0 && p < 0) {
            throw new ArithmeticException("pow: base 0.0 with negative exponent " + p);
        }
        var out = new StudentValue(Math.pow(data, p), "^" + p, List.of(this));
        out.backwardStep = () -> this.grad += p * Math.pow(data, p - 1) * out.grad;
        return out;
    }

    // ---- task 3: backward ----------------------------------------------------------------------

    /**
     * Every value this one was computed from, and this one last, each listed once and after all of
     * its children. Task 3: without recursion (an explicit stack), so that a chain of a million
     * operations works.
     */
    public List<StudentValue> topologicalOrder() {
        record Visit(StudentValue node, boolean childrenDone) {
        }
        var order = new ArrayList<StudentValue>();
        var seen = Collections.newSetFromMap(new IdentityHashMap<StudentValue, Boolean>());
        var stack = new ArrayDeque<Visit>();
        stack.push(new Visit(this, false));
        while (!stack.isEmpty()) {
            Visit visit = stack.pop();
            if (visit.childrenDone()) {
                order.add(visit.node());
            } else if (seen.add(visit.node())) {
                stack.push(new Visit(visit.node(), true));
                for (StudentValue child : visit.node().children) {
                    if (!seen.contains(child)) {
                        stack.push(new Visit(child, false));
                    }
                }
            }
        }
        return order;
    }

    /**
     * Fills the grad of every value this one depends on with d(this)/d(that value). Task 3: set
     * this value's grad to 1, then run every backward step once, this value's first, in the
     * reverse of {@link #topologicalOrder()}. Like micrograd, it assumes every grad starts at 0.
     */
    public void backward() {
        List<StudentValue> order = topologicalOrder();
        grad = 1.0;
        for (int i = order.size() - 1; i >= 0; i--) {
            order.get(i).backwardStep.run();
        }
    }

    // ---- given: accessors ----------------------------------------------------------------------

    /** Runs this value's own backward step only (what {@link #backward()} does for every value). */
    public void runBackwardStep() {
        backwardStep.run();
    }

    /** The number this value holds. */
    public double data() {
        return data;
    }

    /** Overwrites the number, e.g. for a gradient-descent step. */
    public void setData(double data) {
        this.data = data;
    }

    /** d(output)/d(this), filled by {@link #backward()}; 0 before. */
    public double grad() {
        return grad;
    }

    /** Sets the grad, e.g. to an upstream gradient before {@link #runBackwardStep()}. */
    public void setGrad(double grad) {
        this.grad = grad;
    }

    /** Sets the grad back to 0. */
    public void zeroGrad() {
        grad = 0.0;
    }

    /** The inputs of the operation that made this value; empty for a leaf. */
    public List<StudentValue> children() {
        return children;
    }

    /** The operation that made this value, e.g. {@code "*"}; {@code ""} for a leaf. */
    public String op() {
        return op;
    }

    @Override
    public String toString() {
        return "StudentValue(data=" + data + ", grad=" + grad + ")";
    }
}
