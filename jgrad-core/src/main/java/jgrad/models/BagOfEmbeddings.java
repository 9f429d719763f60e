package jgrad.models;

import jgrad.Jgrad;
import jgrad.Tensor;
import jgrad.nn.Embedding;
import jgrad.nn.Linear;
import jgrad.nn.PaddedSequences;
import jgrad.text.WordVocabulary;

import java.util.random.RandomGenerator;

/**
 * The fastText classifier (Joulin et al., 2016, "Bag of Tricks for Efficient Text Classification"):
 * average the embeddings of a text's tokens and apply one linear layer,
 * <pre>
 *   h = (1/n) sum_{t &lt; n} E[x_t]        (B, dim)     padding left out of the mean
 *   logits = W h + b                     (B, classes)
 * </pre>
 * Word order is lost, except what the token ids themselves carry (fastText adds hashed word bigrams
 * as extra tokens for that; see {@code FortuneClassification.withBigrams}).
 *
 * <pre>{@code
 * var model = new BagOfEmbeddings(vocabulary.size(), 64, 6, generator);
 * Tensor logits = model.logits(ids, lengths);    // ids (B, T) -> (B, 6)
 * }</pre>
 */
public final class BagOfEmbeddings extends TextClassifier {

    public BagOfEmbeddings(int vocabularySize, int dim, int classes) {
        this(vocabularySize, dim, classes, Jgrad.generator());
    }

    public BagOfEmbeddings(int vocabularySize, int dim, int classes, RandomGenerator generator) {
        super(classes);
        registerModule("embedding", new Embedding(vocabularySize, dim, WordVocabulary.PAD_ID, generator));
        registerModule("fc", new Linear(dim, classes, true, generator));
    }

    @Override
    public Tensor logits(Tensor ids, int[] lengths) {
        Tensor embedded = child("embedding").forward(ids);                            // (B, T, dim)
        Tensor keep = PaddedSequences.lengthMask(lengths, ids.size(1)).unsqueeze(-1);               // (B, T, 1)
        return child("fc").forward(PaddedSequences.maskedMean(embedded, keep, 1));
    }
}
