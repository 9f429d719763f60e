package jgrad.models;

import jgrad.Tensor;
import jgrad.nn.Module;
import jgrad.nn.PaddedSequences;
import jgrad.text.WordVocabulary;

/**
 * A model that reads a padded batch of token ids and scores every class. {@link BagOfEmbeddings},
 * {@link TextCNN} and {@link BiLSTMClassifier} extend it, so one training loop serves all three.
 */
public abstract class TextClassifier extends Module {
    private final int classes;

    protected TextClassifier(int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": needs at least 2 classes, got " + classes);
        }
        this.classes = classes;
    }

    /**
     * Class scores (logits) {@code (B, classes)} for ids {@code (B, T)} (int64, padding id 0 after each
     * sequence's end) whose row {@code b} has {@code lengths[b]} real tokens.
     */
    public abstract Tensor logits(Tensor ids, int[] lengths);

    /** Logits with the lengths read off the padding ({@link WordVocabulary#PAD_ID}). */
    @Override
    public Tensor forward(Tensor ids) {
        return logits(ids, PaddedSequences.lengthsOf(ids, WordVocabulary.PAD_ID));
    }

    /** The number of classes scored. */
    public int classes() {
        return classes;
    }
}
