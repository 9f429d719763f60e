package jgrad;

import java.util.List;

/**
 * The node that produced a tensor in the autograd graph: the op's name, the inputs it read, and the
 * closure that maps the gradient of the output to gradients of the inputs.
 *
 * <p>Named like PyTorch's {@code grad_fn}: {@code y = a.mul(b)} has {@code y.gradFn().name()} equal to
 * {@code "MulBackward"}.
 */
public final class GradFn {

    /**
     * Maps dL/d(output) to dL/d(input) for each input; an entry may be null when that input needs no
     * gradient. It runs with grad mode off, so it may use any tensor op.
     */
    @FunctionalInterface
    public interface Backward {
        Tensor[] apply(Tensor gradOutput);
    }

    private static final Tensor[] RELEASED = new Tensor[0];

    private final String name;
    /** The edges of the graph; {@link #RELEASED} once {@link #release()} ran. */
    private Tensor[] inputs;
    /** The closure with the tensors it saved; null once released. */
    Backward backward;

    /** Each input's storage version when the op ran (see {@link #checkInputsUnchanged}). */
    private final int[] inputVersions;

    GradFn(String name, Tensor[] inputs, Backward backward) {
        this.name = name;
        this.inputs = inputs;
        this.backward = backward;
        this.inputVersions = new int[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            inputVersions[i] = inputs[i].storage().version;
        }
    }

    /**
     * Backward reads the inputs as they were when the op ran (mul's gradient for {@code w} is
     * {@code g * x}). An input changed in place since then would give a silently wrong gradient, so
     * backward fails instead, naming the op and the input, as PyTorch does with its version counter.
     */
    void checkInputsUnchanged() {
        for (int i = 0; i < inputs.length; i++) {
            int now = inputs[i].storage().version;
            if (now != inputVersions[i]) {
                throw new IllegalStateException("backward: " + name + " needs its input " + i + " (shape "
                        + Shape.format(inputs[i].shape()) + ", " + inputs[i].dtype() + ") as it was when the op ran, but it was"
                        + " modified in place since (version " + now + ", expected " + inputVersions[i] + "); change it after"
                        + " backward(), or give the op a copy");
            }
        }
    }

    /**
     * Frees what backward needed: the closure (with every tensor it saved) and the edges to the
     * inputs (the activations), once backward has run through this node without retaining the
     * graph. The name stays, so the tensor still says which op made it.
     */
    void release() {
        inputs = RELEASED;
        backward = null;
    }

    /** Whether {@link #release()} freed this node. */
    public boolean isReleased() {
        return backward == null;
    }

    void checkNotReleased() {
        if (isReleased()) {
            throw new IllegalStateException("backward: " + name + " was already backpropagated through and its saved tensors"
                    + " were freed; to run backward through the same graph again, call backward(gradient, true) the first"
                    + " time (retain the graph), or recompute the forward pass");
        }
    }

    /** The op's name, e.g. {@code "AddBackward"}. */
    public String name() {
        return name;
    }

    /** The tensors this op read; empty once backward has released the node. */
    public List<Tensor> inputs() {
        return List.of(inputs);
    }

    Tensor input(int i) {
        return inputs[i];
    }

    int inputCount() {
        return inputs.length;
    }

    @Override
    public String toString() {
        return "<" + name + ">";
    }
}
