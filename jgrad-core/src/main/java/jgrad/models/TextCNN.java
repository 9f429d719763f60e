package jgrad.models;

import jgrad.Jgrad;
import jgrad.Tensor;
import jgrad.nn.Conv1d;
import jgrad.nn.Embedding;
import jgrad.nn.Linear;
import jgrad.nn.PaddedSequences;
import jgrad.nn.functional.F;
import jgrad.text.WordVocabulary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The convolutional sentence classifier of Kim (2014), "Convolutional Neural Networks for Sentence
 * Classification": filters of a few widths slide over the word vectors, each filter keeps its
 * largest response anywhere in the text (max-over-time pooling), and a linear layer reads the
 * pooled features:
 * <pre>
 *   X = E[x]                                   (B, T, dim), transposed to (B, dim, T)
 *   c_k = relu(conv1d_k(X))                    (B, filters, T - k + 1)   for each width k
 *   z = [max_t c_k[:, :, t] for each k]        (B, filters * widths)     t over windows inside the text
 *   logits = W dropout(z) + b                  (B, classes)
 * </pre>
 * Windows that would start past {@code length - k} lie in the padding and are masked out of the max;
 * a text shorter than {@code k} keeps its first window (padding embeds as zeros).
 *
 * <pre>{@code
 * var model = new TextCNN(vocabulary.size(), 64, 64, new int[] {3, 4, 5}, 6, 0.5, generator);
 * Tensor logits = model.logits(ids, lengths);    // ids (B, T) with T >= 5 -> (B, 6)
 * }</pre>
 */
public final class TextCNN extends TextClassifier {
    private final int[] widths;
    private final double dropout;
    private final RandomGenerator generator;

    public TextCNN(int vocabularySize, int dim, int filters, int[] widths, int classes, double dropout) {
        this(vocabularySize, dim, filters, widths, classes, dropout, Jgrad.generator());
    }

    public TextCNN(int vocabularySize, int dim, int filters, int[] widths, int classes, double dropout,
                   RandomGenerator generator) {
        super(classes);
        if (widths.length == 0) {
            throw new IllegalArgumentException("TextCNN: give at least one filter width, e.g. {3, 4, 5}");
        }
        this.widths = widths.clone();
        this.dropout = dropout;
        this.generator = generator;
        registerModule("embedding", new Embedding(vocabularySize, dim, WordVocabulary.PAD_ID, generator));
        for (int width : widths) {
            registerModule("conv" + width, new Conv1d(dim, filters, width, 1, 0, 1, 1, true, generator));
        }
        registerModule("fc", new Linear(filters * widths.length, classes, true, generator));
    }

    @Override
    public Tensor logits(Tensor ids, int[] lengths) {
        int steps = ids.size(1);
        int widest = Arrays.stream(widths).max().orElseThrow();
        if (steps < widest) {
            throw new IllegalArgumentException("TextCNN: pad the batch to at least " + widest
                    + " tokens (the widest filter), got T = " + steps);
        }
        Tensor embedded = child("embedding").forward(ids).transpose(1, 2);       // (B, dim, T)
        List<Tensor> pooled = new ArrayList<>();
        for (int width : widths) {
            Tensor responses = child("conv" + width).forward(embedded).relu();   // (B, filters, T - k + 1)
            int[] windows = new int[lengths.length];
            for (int b = 0; b < lengths.length; b++) windows[b] = Math.max(1, lengths[b] - width + 1);
            Tensor keep = PaddedSequences.lengthMask(windows, steps - width + 1).unsqueeze(1);  // (B, 1, T - k + 1)
            pooled.add(PaddedSequences.maskedMax(responses, keep, 2));                          // (B, filters)
        }
        Tensor features = F.dropout(Tensor.cat(pooled, 1), dropout, isTraining(), generator);
        return child("fc").forward(features);
    }
}
