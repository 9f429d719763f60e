package jgrad.models;

import java.util.random.RandomGenerator;
import jgrad.Jgrad;
import jgrad.Tensor;
import jgrad.nn.Dropout;
import jgrad.nn.Linear;
import jgrad.nn.Module;

/**
 * A text classifier on BERT, Hugging Face's {@code BertForSequenceClassification}:
 * <pre>
 *   logits = classifier(dropout(bert(ids, types, mask).pooled))      (B, numLabels)
 * </pre>
 * Parameter names {@code bert.*} (a {@link BertModel} with pooler) and {@code classifier.weight},
 * {@code classifier.bias}; the classifier starts from N(0, 0.02) and zero bias. Fine-tuning
 * loads a pretrained {@code bert.*} and trains everything with a small learning rate (see
 * {@code jgrad.examples.BertFineTune}).
 *
 * <pre>{@code
 * var model = new BertForSequenceClassification(config, 4, new SplittableRandom(0));
 * HuggingFaceCheckpoints.loadBert(model, Path.of("pretrained/model.safetensors")).print();
 * Tensor logits = model.forward(batch.inputIds(), batch.tokenTypeIds(), batch.attentionMask());
 * }</pre>
 */
public final class BertForSequenceClassification extends Module {
    /**
     * Which vector the pooler reads. {@code CLS} is Hugging Face's (the first position); {@code MEAN}
     * averages the real (unpadded) positions instead, for encoders pretrained by MLM alone, whose
     * {@code [CLS]} output was never trained to say anything (BERT's also had next-sentence prediction).
     * Same parameters and names either way.
     */
    public enum Pooling { CLS, MEAN }

    private final int numLabels;
    private final Pooling pooling;

    public BertForSequenceClassification(BertConfig config, int numLabels) {
        this(config, numLabels, Jgrad.generator());
    }

    public BertForSequenceClassification(BertConfig config, int numLabels, RandomGenerator generator) {
        this(config, numLabels, Pooling.CLS, generator);
    }

    public BertForSequenceClassification(BertConfig config, int numLabels, Pooling pooling, RandomGenerator generator) {
        if (numLabels <= 0) {
            throw new IllegalArgumentException("BertForSequenceClassification: numLabels must be positive, got " + numLabels);
        }
        this.numLabels = numLabels;
        this.pooling = pooling;
        registerModule("bert", new BertModel(config, true, generator));
        registerModule("dropout", new Dropout(config.hiddenDropoutProb(), generator));
        registerModule("classifier", new Linear(config.hiddenSize(), numLabels, true, generator));
        BertModel.initialize(child("classifier"), config, generator);
    }

    public BertModel bert() {
        return (BertModel) child("bert");
    }

    public int numLabels() {
        return numLabels;
    }

    /** Logits {@code (B, numLabels)} of ids {@code (B, T)} with all token types 0 and no padding. */
    @Override
    public Tensor forward(Tensor inputIds) {
        return forward(inputIds, null, null);
    }

    /** Logits {@code (B, numLabels)}; see {@link BertModel#forward(Tensor, Tensor, Tensor)} for the inputs. */
    public Tensor forward(Tensor inputIds, Tensor tokenTypeIds, Tensor attentionMask) {
        var out = bert().forward(inputIds, tokenTypeIds, attentionMask);
        Tensor pooled = pooling == Pooling.CLS ? out.poolerOutput() : meanPooled(out.lastHiddenState(), attentionMask);
        return child("classifier").forward(child("dropout").forward(pooled));
    }

    /** {@code tanh(pooler.dense(mean of the real positions))}, {@code (B, C)}. */
    private Tensor meanPooled(Tensor hidden, Tensor attentionMask) {
        Tensor keep = attentionMask == null ? Tensor.onesLike(hidden.select(2, 0)) : attentionMask.to(hidden.dtype());   // (B, T)
        Tensor mean = hidden.mul(keep.unsqueeze(2)).sum(1).div(keep.sum(1, true));                                 // (B, C)
        return bert().getSubmodule("pooler.dense").forward(mean).tanh();
    }
}
