package jgrad.explain;

import jgrad.Tensor;
import jgrad.nn.Embedding;
import jgrad.nn.Linear;
import jgrad.nn.Module;

import java.util.random.RandomGenerator;

/**
 * A small text classifier whose token attributions are easy to read: word embeddings, averaged,
 * then a tanh hidden layer and class logits.
 * <pre>
 *   e = E[ids]                  (B, T, d)
 *   h = tanh(W1 · mean_t e + b1)  (B, h)
 *   logits = W2 · h + b2        (B, K)
 * </pre>
 * {@link #fromEmbeddings} runs the same network from given embeddings, so gradients can be taken
 * with respect to them: a token's attribution is its embedding's gradient × input, summed over d.
 */
public final class TextClassifier extends Module {
    private final Embedding embedding;
    private final Linear hidden;
    private final Linear output;

    public TextClassifier(int vocabSize, int dim, int hiddenSize, int classes, RandomGenerator generator) {
        embedding = registerModule("embedding", new Embedding(vocabSize, dim, -1, generator));
        hidden = registerModule("hidden", new Linear(dim, hiddenSize, true, generator));
        output = registerModule("output", new Linear(hiddenSize, classes, true, generator));
    }

    /** Token ids {@code (B, T)} int64 to logits {@code (B, K)}. */
    @Override
    public Tensor forward(Tensor ids) {
        return fromEmbeddings(embed(ids));
    }

    /** {@code (B, T)} ids to {@code (B, T, d)} embeddings. */
    public Tensor embed(Tensor ids) {
        return embedding.forward(ids);
    }

    /** Embeddings {@code (B, T, d)} to logits {@code (B, K)}. */
    public Tensor fromEmbeddings(Tensor embeddings) {
        return output.forward(hidden.forward(embeddings.mean(1)).tanh());
    }
}
