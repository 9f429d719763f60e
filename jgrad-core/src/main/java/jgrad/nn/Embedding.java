package jgrad.nn;

import jgrad.Grad;
import jgrad.Jgrad;
import jgrad.Tensor;
import jgrad.nn.functional.F;

import java.util.random.RandomGenerator;

/**
 * A lookup table: {@code y[..., :] = weight[index[...], :]}.
 * Shapes: int64 input of any shape {@code (*)}, weight {@code (num, dim)}, output {@code (*, dim)}.
 * Initialised from N(0, 1) as in PyTorch; the row {@code paddingIdx} (if given) starts at zero and
 * receives no gradient.
 */
public final class Embedding extends Module {
    private final int numEmbeddings;
    private final int embeddingDim;
    private final int paddingIdx;

    public Embedding(int numEmbeddings, int embeddingDim) {
        this(numEmbeddings, embeddingDim, -1, Jgrad.generator());
    }

    /** {@code paddingIdx < 0} means none. */
    public Embedding(int numEmbeddings, int embeddingDim, int paddingIdx, RandomGenerator generator) {
        if (numEmbeddings <= 0 || embeddingDim <= 0) {
            throw new IllegalArgumentException("Embedding: num_embeddings and embedding_dim must be positive, got "
                    + numEmbeddings + " and " + embeddingDim);
        }
        if (paddingIdx >= numEmbeddings) {
            throw new IllegalArgumentException("Embedding: paddingIdx " + paddingIdx + " must be below num_embeddings " + numEmbeddings);
        }
        this.numEmbeddings = numEmbeddings;
        this.embeddingDim = embeddingDim;
        this.paddingIdx = paddingIdx;
        Tensor w = Init.normal_(Tensor.zeros(numEmbeddings, embeddingDim), 0, 1, generator);
        if (paddingIdx >= 0) {
            try (var ignored = Grad.noGrad()) {
                w.select(0, paddingIdx).zero_();
            }
        }
        registerParameter("weight", w);
    }

    public Tensor weight() {
        return parameter("weight");
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.embedding(input, weight(), paddingIdx);
    }

    @Override
    protected String extraRepr() {
        return numEmbeddings + ", " + embeddingDim + (paddingIdx >= 0 ? ", padding_idx=" + paddingIdx : "");
    }
}
