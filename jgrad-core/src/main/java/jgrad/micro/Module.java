package jgrad.micro;

import java.util.List;

/** Something with trainable parameters: a {@link Neuron}, a {@link Layer} or an {@link MLP}. */
public sealed interface Module permits Neuron, Layer, MLP {

    /** Every trainable value, in a fixed order. */
    List<Value> parameters();

    /** Sets the grad of every parameter to 0; call before each {@code backward()} in a training loop. */
    default void zeroGrad() {
        parameters().forEach(Value::zeroGrad);
    }
}
