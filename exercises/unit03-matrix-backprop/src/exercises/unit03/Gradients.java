package exercises.unit03;

/** The gradients the exercise returns, as plain records (given). */
public final class Gradients {
    private Gradients() {
    }

    /** Gradients of a linear layer {@code Y = X W + b}: dL/dX (N, D), dL/dW (D, M), dL/db (M). */
    public record Linear(double[][] inputGrad, double[][] weightGrad, double[] biasGrad) {
    }

    /** Gradients of the two-layer network's parameters: W1 (D, H), b1 (H), W2 (H, C), b2 (C). */
    public record Mlp(double[][] w1Grad, double[] b1Grad, double[][] w2Grad, double[] b2Grad) {
    }
}
