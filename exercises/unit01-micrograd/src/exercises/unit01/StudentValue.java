package exercises.unit01;

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
            // TODO(task 1): d(a+b)/da = 1 and d(a+b)/db = 1. Add each, times out.grad, into the
            // grads of this and other (see sub above).
            throw new UnsupportedOperationException("TODO task 1");
        };
        return out;
    }

    /** {@code this * other}. Task 1: its backward step. */
    public StudentValue mul(StudentValue other) {
        var out = new StudentValue(data * other.data, "*", List.of(this, other));
        out.backwardStep = () -> {
            // TODO(task 1): d(a*b)/da = b and d(a*b)/db = a.
            throw new UnsupportedOperationException("TODO task 1");
        };
        return out;
    }

    // ---- task 2: tanh and pow ------------------------------------------------------------------

    /** Hyperbolic tangent. Task 2: its backward step. */
    public StudentValue tanh() {
        var out = new StudentValue(Math.tanh(data), "tanh", List.of(this));
        out.backwardStep = () -> {
            // TODO(task 2): d(tanh x)/dx = 1 - tanh²x, and tanh x is already in out.data.
            throw new UnsupportedOperationException("TODO task 2");
        };
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
        out.backwardStep = () -> {
            // TODO(task 2): d(x^p)/dx = p·x^(p-1).
            throw new UnsupportedOperationException("TODO task 2");
        };
        return out;
    }

    // ---- task 3: backward ----------------------------------------------------------------------

    /**
     * Every value this one was computed from, and this one last, each listed once and after all of
     * its children. Task 3: without recursion (an explicit stack), so that a chain of a million
     * operations works.
     */
    public List<StudentValue> topologicalOrder() {
        // TODO(task 3): a depth-first search with an explicit stack (java.util.ArrayDeque) and a set
        // of visited values compared by identity. A value may enter the order only once all of its
        // children have; one way is to push it twice, first to expand its children, then (pushed
        // underneath them) to emit it.
        throw new UnsupportedOperationException("TODO task 3");
    }

    /**
     * Fills the grad of every value this one depends on with d(this)/d(that value). Task 3: set
     * this value's grad to 1, then run every backward step once, this value's first, in the
     * reverse of {@link #topologicalOrder()}. Like micrograd, it assumes every grad starts at 0.
     */
    public void backward() {
        // TODO(task 3): d(this)/d(this) = 1; then the steps, output first.
        throw new UnsupportedOperationException("TODO task 3");
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
