package exercises.unit04;

/** The values the exercise returns, as plain records (given). */
public final class Results {
    private Results() {
    }

    /** A mean loss and its gradient with respect to the logits (N, C). */
    public record LossAndGradient(double loss, double[][] gradient) {
    }

    /** Batch norm's output y (N, C) and its cache for the backward pass: xHat (N, C) and invStd (C). */
    public record BatchNormForward(double[][] output, double[][] normalized, double[] invStd) {
    }

    /** Batch norm's gradients: dL/dx (N, C), dL/dgamma (C), dL/dbeta (C). */
    public record BatchNormGradients(double[][] inputGrad, double[] gammaGrad, double[] betaGrad) {
    }
}
