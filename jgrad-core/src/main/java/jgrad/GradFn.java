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

    private static final Tensor[] FREED = new Tensor[0];

    private final String name;
    /** The edges of the graph, to the tensors this op read; {@link #FREED} once freed. */
    private Tensor[] inputs;

    /**
     * The closure, and with it every tensor it saved for backward (activations, masks, softmax
     * outputs). Set to null by {@link #freeSavedTensors()} once a backward has used it without
     * {@code retainGraph}, so those tensors can be collected, as PyTorch frees saved variables.
     */
    private Backward backward;

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
     * Runs this node's backward.
     *
     * @throws IllegalStateException when an earlier backward already freed what this node saved
     */
    Tensor[] apply(Tensor gradOutput) {
        checkNotFreed();
        return backward.apply(gradOutput);
    }

    /**
     * Drops the closure with the tensors it saved, and the edges to the inputs (in jgrad the edges
     * are the input tensors themselves, activations included, so keeping them would keep every
     * activation reachable from the output until the output itself is dropped). The name stays, so
     * the tensor still says which op made it; a later backward through this node fails clearly.
     */
    void freeSavedTensors() {
        backward = null;
        inputs = FREED;
    }

    /** Whether a backward without {@code retainGraph} already ran through this node. */
    boolean isFreed() {
        return backward == null;
    }

    /**
     * A second backward through a freed node would otherwise have nothing to compute with (or, before
     * the graph was freed, silently add the same gradient again), so it fails with PyTorch's advice.
     */
    void checkNotFreed() {
        if (isFreed()) {
            throw new IllegalStateException("backward: trying to backward through " + name + " a second time, but its saved"
                    + " tensors were freed by the first backward(); pass retainGraph (backward(true) or"
                    + " backward(gradient, true)) to the first call to backward through the graph again");
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
