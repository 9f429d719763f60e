package jgrad.explain;

import jgrad.Tensor;

/**
 * Token attributions for a {@link TextClassifier}: the embedding-level attributions of
 * {@link Attributions}, summed over the embedding dimension so each token gets one number
 * {@code (B, T)}; positive speaks for the target class, negative against it.
 */
public final class TokenAttributions {
    private TokenAttributions() {
    }

    /** Gradient × input on the embeddings, summed over d. */
    public static Tensor gradientTimesInput(TextClassifier model, Tensor ids, long[] targets) {
        return Attributions.gradientTimesInput(model::fromEmbeddings, model.embed(ids).detach(), targets).sum(-1);
    }

    /** Integrated gradients from the all-zero embedding, summed over d: they add up to f_c(x) − f_c(0). */
    public static Tensor integratedGradients(TextClassifier model, Tensor ids, long[] targets, int steps) {
        Tensor embeddings = model.embed(ids).detach();
        return Attributions.integratedGradients(model::fromEmbeddings, embeddings, Tensor.zerosLike(embeddings), targets, steps).sum(-1);
    }
}
