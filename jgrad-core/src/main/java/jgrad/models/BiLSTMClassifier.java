package jgrad.models;

import jgrad.Jgrad;
import jgrad.Tensor;
import jgrad.nn.BiLSTM;
import jgrad.nn.Embedding;
import jgrad.nn.Linear;
import jgrad.nn.PaddedSequences;
import jgrad.nn.functional.F;
import jgrad.text.WordVocabulary;

import java.util.random.RandomGenerator;

/**
 * A bidirectional LSTM text classifier over padded batches with length masks:
 * <pre>
 *   H = BiLSTM(E[x], lengths)                    (B, T, 2 hidden)   padding never read
 *   z = max over real steps t of H[:, t, :]      (B, 2 hidden)
 *   logits = W dropout(z) + b                    (B, classes)
 * </pre>
 * Max pooling over the states (as in InferSent, Conneau et al. 2017) rather than only the last
 * states lets every position of a long fortune speak.
 *
 * <pre>{@code
 * var model = new BiLSTMClassifier(vocabulary.size(), 64, 64, 6, 0.3, generator);
 * Tensor logits = model.logits(ids, lengths);    // (B, 6)
 * }</pre>
 */
public final class BiLSTMClassifier extends TextClassifier {
    private final double dropout;
    private final RandomGenerator generator;

    public BiLSTMClassifier(int vocabularySize, int dim, int hidden, int classes, double dropout) {
        this(vocabularySize, dim, hidden, classes, dropout, Jgrad.generator());
    }

    public BiLSTMClassifier(int vocabularySize, int dim, int hidden, int classes, double dropout, RandomGenerator generator) {
        super(classes);
        this.dropout = dropout;
        this.generator = generator;
        registerModule("embedding", new Embedding(vocabularySize, dim, WordVocabulary.PAD_ID, generator));
        registerModule("bilstm", new BiLSTM(dim, hidden, generator));
        registerModule("fc", new Linear(2 * hidden, classes, true, generator));
    }

    @Override
    public Tensor logits(Tensor ids, int[] lengths) {
        Tensor embedded = F.dropout(child("embedding").forward(ids), dropout, isTraining(), generator);
        Tensor states = ((BiLSTM) child("bilstm")).forward(embedded, lengths).output();   // (B, T, 2H)
        Tensor keep = PaddedSequences.lengthMask(lengths, ids.size(1)).unsqueeze(-1);
        Tensor pooled = PaddedSequences.maskedMax(states, keep, 1);                                       // (B, 2H)
        return child("fc").forward(F.dropout(pooled, dropout, isTraining(), generator));
    }
}
