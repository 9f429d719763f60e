package exercises.unit07;

import jgrad.Tensor;

/** The values the exercise takes and returns, as plain records (given). */
public final class Results {
    private Results() {
    }

    /** Attention's output Y (L, Ev) and its weights A (L, S), the softmax of the scores: the cache for the backward pass. */
    public record AttentionForward(double[][] output, double[][] weights) {
    }

    /** Attention's gradients: dL/dQ (L, E), dL/dK (S, E), dL/dV (S, Ev). */
    public record AttentionGradients(double[][] queryGrad, double[][] keyGrad, double[][] valueGrad) {
    }

    /**
     * The parameters of one pre-LN transformer block of width C with a feed-forward width F, named
     * and laid out as in PyTorch's {@code nn.TransformerEncoderLayer} (linear weights are (out, in),
     * applied as {@code x W^T + b}):
     *
     * @param norm1Weight   (C) and norm1Bias (C): the layer norm before attention
     * @param inProjWeight  (3C, C) and inProjBias (3C): rows 0..C-1 make the queries, C..2C-1 the keys, 2C..3C-1 the values
     * @param outProjWeight (C, C) and outProjBias (C): mixes the concatenated heads
     * @param norm2Weight   (C) and norm2Bias (C): the layer norm before the feed-forward part
     * @param linear1Weight (F, C) and linear1Bias (F); linear2Weight (C, F) and linear2Bias (C)
     */
    public record BlockWeights(Tensor norm1Weight, Tensor norm1Bias, Tensor inProjWeight, Tensor inProjBias,
                               Tensor outProjWeight, Tensor outProjBias, Tensor norm2Weight, Tensor norm2Bias,
                               Tensor linear1Weight, Tensor linear1Bias, Tensor linear2Weight, Tensor linear2Bias) {
    }
}
