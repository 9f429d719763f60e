package exercises.unit01;

import java.util.List;

/**
 * One unit {@code out = φ(w·x + b)} built from {@link StudentValue} operations, where φ is relu
 * for a hidden neuron and the identity for an output neuron (as {@code jgrad.micro.Neuron}).
 *
 * @param weights   one weight {@code w_i} per input
 * @param bias      the bias {@code b}
 * @param nonlinear true to apply relu to the output
 */
public record StudentNeuron(List<StudentValue> weights, StudentValue bias, boolean nonlinear) {

    /**
     * Task 4: {@code φ(Σ_i w_i·x_i + b)} as a graph of {@link StudentValue} operations, so that
     * {@code backward()} on the result reaches every weight, the bias and every input.
     *
     * @throws IllegalArgumentException when {@code x} has not one value per weight
     */
    public StudentValue forward(List<StudentValue> x) {
        // TODO(task 4): check the number of inputs, start from the bias, add w_i·x_i for each input
        // with add and mul, then apply relu if nonlinear.
        throw new UnsupportedOperationException("TODO task 4");
    }
}
