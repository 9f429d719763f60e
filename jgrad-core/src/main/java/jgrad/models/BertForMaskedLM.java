package jgrad.models;

import java.util.random.RandomGenerator;
import jgrad.Jgrad;
import jgrad.Tensor;
import jgrad.nn.LayerNorm;
import jgrad.nn.Linear;
import jgrad.nn.Module;
import jgrad.nn.functional.F;

/**
 * BERT with its masked-language-model head, Hugging Face's {@code BertForMaskedLM}:
 * <pre>
 *   h = bert(ids, types, mask)                                        (B, T, C)   no pooler
 *   logits = LayerNorm(gelu(transform.dense(h))) · word_embeddingsᵀ + bias     (B, T, V)
 * </pre>
 * The decoder is tied to the word embeddings, as in BERT, so it has no tensor of its own; names
 * {@code bert.*}, {@code cls.predictions.transform.dense.*}, {@code cls.predictions.transform.LayerNorm.*}
 * and {@code cls.predictions.bias}. Checkpoints from Hugging Face also list the tied
 * {@code cls.predictions.decoder.weight} and {@code decoder.bias}; {@link HuggingFaceCheckpoints}
 * knows they are the same tensors.
 */
public final class BertForMaskedLM extends Module {

    public BertForMaskedLM(BertConfig config) {
        this(config, Jgrad.generator());
    }

    public BertForMaskedLM(BertConfig config, RandomGenerator generator) {
        registerModule("bert", new BertModel(config, false, generator));
        var cls = registerModule("cls", new Group());
        var predictions = cls.add("predictions", new Predictions(config, generator));
        BertModel.initialize(predictions, config, generator);
    }

    public BertModel bert() {
        return (BertModel) child("bert");
    }

    /** Logits {@code (B, T, V)} of ids {@code (B, T)} with all token types 0 and no padding. */
    @Override
    public Tensor forward(Tensor inputIds) {
        return forward(inputIds, null, null);
    }

    /** Logits over the vocabulary at every position, {@code (B, T, V)}. */
    public Tensor forward(Tensor inputIds, Tensor tokenTypeIds, Tensor attentionMask) {
        Tensor hidden = bert().forward(inputIds, tokenTypeIds, attentionMask).lastHiddenState();
        var predictions = (Predictions) child("cls").getSubmodule("predictions");
        return predictions.forward(hidden, ((BertModel.Embeddings) bert().getSubmodule("embeddings")).wordEmbeddings().weight());
    }

    /**
     * Mean cross-entropy over the positions whose label is not -100: the MLM loss, with labels
     * holding the original id at masked positions and -100 elsewhere (see {@code jgrad.data.MaskedLanguageModeling}).
     * Only the predicted positions (about 15%) go through the vocabulary-wide head: the same loss as
     * scoring every position and ignoring the rest, for a fraction of the work.
     */
    public Tensor loss(Tensor inputIds, Tensor attentionMask, Tensor labels) {
        Tensor hidden = bert().forward(inputIds, null, attentionMask).lastHiddenState();     // (B, T, C)
        long[] flatLabels = labels.contiguous().toLongArray();
        long[] positions = java.util.stream.IntStream.range(0, flatLabels.length)
                .filter(i -> flatLabels[i] != jgrad.nn.functional.F.DEFAULT_IGNORE_INDEX).asLongStream().toArray();
        if (positions.length == 0) {
            throw new IllegalArgumentException("BertForMaskedLM.loss: no position has a label (all are -100)");
        }
        Tensor index = Tensor.of(positions, positions.length);
        Tensor chosen = hidden.reshape(-1, hidden.size(-1)).indexSelect(0, index);                // (N, C)
        var predictions = (Predictions) child("cls").getSubmodule("predictions");
        Tensor logits = predictions.forward(chosen, ((BertModel.Embeddings) bert().getSubmodule("embeddings")).wordEmbeddings().weight());
        return F.crossEntropy(logits, labels.reshape(-1).indexSelect(0, index));
    }

    /** A named group of children with no computation of its own ({@code cls}). */
    static final class Group extends Module {
        <M extends Module> M add(String name, M module) {
            return registerModule(name, module);
        }

        @Override
        public Tensor forward(Tensor input) {
            throw new UnsupportedOperationException("BertForMaskedLM.cls only groups modules");
        }
    }

    /** {@code transform} (dense, gelu, LayerNorm), then the tied decoder and its own {@code bias (V)}. */
    static final class Predictions extends Module {
        Predictions(BertConfig config, RandomGenerator generator) {
            var transform = registerModule("transform", new Group());
            transform.add("dense", new Linear(config.hiddenSize(), config.hiddenSize(), true, generator));
            transform.add("LayerNorm", new LayerNorm(new int[] {config.hiddenSize()}, config.layerNormEps(), true, true));
            registerParameter("bias", Tensor.zeros(config.vocabSize()));
        }

        @Override
        public Tensor forward(Tensor input) {
            throw new UnsupportedOperationException("BertForMaskedLM: the prediction head needs the word embeddings");
        }

        Tensor forward(Tensor hidden, Tensor wordEmbeddings) {
            Module transform = child("transform");
            Tensor h = transform.getSubmodule("LayerNorm").forward(F.gelu(transform.getSubmodule("dense").forward(hidden)));
            return F.linear(h, wordEmbeddings, parameter("bias"));
        }
    }
}
