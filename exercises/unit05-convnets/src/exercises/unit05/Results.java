package exercises.unit05;

/** The values the exercise returns, as plain records (given). */
public final class Results {
    private Results() {
    }

    /**
     * Max pooling's output (N, C, Ho, Wo) and, for each output, where its maximum came from: the flat
     * position {@code h * W + w} inside its own input plane (N, C, Ho, Wo).
     */
    public record MaxPool(double[][][][] output, int[][][][] argmax) {
    }

    /** A convolution's gradients: dL/dx (N, C, H, W), dL/dW (O, C, kH, kW), dL/db (O). */
    public record ConvGradients(double[][][][] inputGrad, double[][][][] weightGrad, double[] biasGrad) {
    }
}
