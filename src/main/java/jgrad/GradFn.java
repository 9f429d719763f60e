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

    private final String name;
    private final Tensor[] inputs;
    final Backward backward;

    GradFn(String name, Tensor[] inputs, Backward backward) {
        this.name = name;
        this.inputs = inputs;
        this.backward = backward;
    }

    /** The op's name, e.g. {@code "AddBackward"}. */
    public String name() {
        return name;
    }

    /** The tensors this op read. */
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
