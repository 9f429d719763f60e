package jgrad.models;

import java.util.List;
import java.util.random.RandomGenerator;
import jgrad.DType;
import jgrad.Grad;
import jgrad.Jgrad;
import jgrad.Shape;
import jgrad.Tensor;
import jgrad.nn.Dropout;
import jgrad.nn.Embedding;
import jgrad.nn.Init;
import jgrad.nn.LayerNorm;
import jgrad.nn.Linear;
import jgrad.nn.Module;
import jgrad.nn.ModuleList;
import jgrad.nn.functional.F;

/**
 * BERT's encoder (Devlin et al. 2019) with the semantics and parameter names of Hugging Face's
 * {@code BertModel}, so its {@code model.safetensors} loads as it is (see {@link HuggingFaceCheckpoints}):
 * <pre>
 *   x = LayerNorm(word_embeddings(ids) + position_embeddings(0..T-1) + token_type_embeddings(types))   (B, T, C)
 *   for each layer (post-LN):
 *       a = LayerNorm(x + dense(SelfAttention(x, mask)))            attention.self, attention.output
 *       x = LayerNorm(a + dense(gelu(dense(a))))                    intermediate, output  (width 4C inside)
 *   pooled = tanh(pooler.dense(x[:, 0]))                            (B, C)   the [CLS] position
 * </pre>
 * Attention is {@code softmax(Q Kᵀ / sqrt(C/h) + M) V} per head, where the mask M is 0 for real
 * tokens and the dtype's lowest value for padding ({@code attention_mask} 0), as Hugging Face does.
 * GELU is the exact (erf) one; every LayerNorm has {@code eps = layerNormEps} (1e-12). Dropout
 * (hidden and attention) acts in training mode only. Names: {@code embeddings.word_embeddings.weight},
 * {@code encoder.layer.0.attention.self.query.weight}, {@code encoder.layer.0.attention.output.LayerNorm.weight},
 * {@code encoder.layer.0.intermediate.dense.weight}, {@code encoder.layer.0.output.dense.weight},
 * {@code pooler.dense.weight}, …
 *
 * <p>Initialisation as Hugging Face: weights N(0, initializerRange), zero biases, LayerNorm ones
 * and zeros, the {@code [PAD]} embedding row zero.
 *
 * <pre>{@code
 * var bert = new BertModel(BertConfig.small(vocab, 64, 2, 4, 128, 0.1), true, new SplittableRandom(0));
 * var out = bert.forward(batch.inputIds(), batch.tokenTypeIds(), batch.attentionMask());
 * out.lastHiddenState();   // (B, T, 64)       out.poolerOutput();   // (B, 64)
 * }</pre>
 */
public final class BertModel extends Module {

    /** The encoder's last hidden states {@code (B, T, C)} and the pooled {@code [CLS]} vector {@code (B, C)} (null without a pooler). */
    public record Output(Tensor lastHiddenState, Tensor poolerOutput) {
    }

    private final BertConfig config;

    public BertModel(BertConfig config, boolean addPoolingLayer) {
        this(config, addPoolingLayer, Jgrad.generator());
    }

    public BertModel(BertConfig config, boolean addPoolingLayer, RandomGenerator generator) {
        this.config = config;
        registerModule("embeddings", new Embeddings(config, generator));
        var layers = new ModuleList();
        for (int i = 0; i < config.numHiddenLayers(); i++) {
            layers.add(new Layer(config, generator));
        }
        registerModule("encoder", new Encoder(layers));
        if (addPoolingLayer) {
            registerModule("pooler", new Pooler(config, generator));
        }
        initialize(this, config, generator);
    }

    /**
     * Hugging Face's {@code _init_weights} over every parameter of {@code module}: N(0, range) for
     * matrices (linear weights, embedding tables), zeros for biases, LayerNorm left at ones and
     * zeros, and the padding row of the word embeddings zeroed again.
     */
    static void initialize(Module module, BertConfig config, RandomGenerator generator) {
        try (var ignored = Grad.noGrad()) {
            module.namedParameters().forEach((name, p) -> {
                if (p.dim() == 2) {
                    Init.normal_(p, 0, config.initializerRange(), generator);
                    if (name.endsWith("word_embeddings.weight")) {
                        p.select(0, config.padTokenId()).zero_();
                    }
                } else if (name.endsWith("bias") && !name.contains("LayerNorm")) {
                    p.zero_();
                }
            });
        }
    }

    public BertConfig config() {
        return config;
    }

    /** The last hidden states {@code (B, T, C)} of int64 ids {@code (B, T)}, all token type 0, no padding. */
    @Override
    public Tensor forward(Tensor inputIds) {
        return forward(inputIds, null, null).lastHiddenState();
    }

    /**
     * @param inputIds      int64 {@code (B, T)}, {@code T <= maxPositionEmbeddings}
     * @param tokenTypeIds  int64 {@code (B, T)} of 0 (first text) and 1 (second text), or null for all 0
     * @param attentionMask int64 {@code (B, T)}: 1 for tokens, 0 for padding; or null for all 1
     */
    public Output forward(Tensor inputIds, Tensor tokenTypeIds, Tensor attentionMask) {
        checkIds(inputIds, tokenTypeIds, attentionMask);
        Tensor x = ((Embeddings) child("embeddings")).forward(inputIds, tokenTypeIds);
        Tensor additiveMask = attentionMask == null ? null : additiveMask(attentionMask, x.dtype());
        for (Module layer : ((Encoder) child("encoder")).layers()) {
            x = ((Layer) layer).forward(x, additiveMask);
        }
        Tensor pooled = namedChildren().containsKey("pooler") ? child("pooler").forward(x) : null;
        return new Output(x, pooled);
    }

    /** The encoder layers, in order (for adding prefixes or adapters). */
    public List<Layer> layers() {
        List<Layer> out = new java.util.ArrayList<>();
        ((Encoder) child("encoder")).layers().forEach(m -> out.add((Layer) m));
        return out;
    }

    /**
     * Prefix tuning (Li and Liang 2021): gives every layer's self-attention {@code length} learned
     * key and value vectors that each query also attends to, named
     * {@code encoder.layer.N.attention.self.prefix_key} and {@code prefix_value}, shape {@code (length, C)}.
     */
    public void addPrefixes(int length, RandomGenerator generator) {
        for (Layer layer : layers()) {
            layer.selfAttention().addPrefix(length, config.initializerRange(), generator);
        }
    }

    /** {@code (B, T)} of 1/0 as {@code (B, 1, 1, T)} of 0 / the dtype's lowest value: added to every head's scores. */
    static Tensor additiveMask(Tensor attentionMask, DType dtype) {
        double lowest = dtype == DType.FLOAT32 ? -Float.MAX_VALUE : -Double.MAX_VALUE;
        Tensor keep = attentionMask.to(dtype);
        return Tensor.onesLike(keep).sub(keep).mul(lowest).reshape(attentionMask.size(0), 1, 1, attentionMask.size(1));
    }

    private void checkIds(Tensor inputIds, Tensor tokenTypeIds, Tensor attentionMask) {
        if (inputIds.dtype() != DType.INT64 || inputIds.dim() != 2 || inputIds.size(1) == 0
                || inputIds.size(1) > config.maxPositionEmbeddings()) {
            throw new IllegalArgumentException("BertModel: expected int64 input ids (B, T) with 1 <= T <= "
                    + config.maxPositionEmbeddings() + ", got " + inputIds.dtype() + " " + Shape.format(inputIds.shape()));
        }
        for (Tensor other : new Tensor[] {tokenTypeIds, attentionMask}) {
            if (other != null && (other.dtype() != DType.INT64 || !java.util.Arrays.equals(other.shape(), inputIds.shape()))) {
                throw new IllegalArgumentException("BertModel: token type ids and attention mask must be int64 of the ids' shape "
                        + Shape.format(inputIds.shape()) + ", got " + other.dtype() + " " + Shape.format(other.shape()));
            }
        }
    }

    /** Word + position + token-type embeddings, then LayerNorm and dropout. */
    static final class Embeddings extends Module {
        Embeddings(BertConfig config, RandomGenerator generator) {
            registerModule("word_embeddings", new Embedding(config.vocabSize(), config.hiddenSize(), config.padTokenId(), generator));
            registerModule("position_embeddings", new Embedding(config.maxPositionEmbeddings(), config.hiddenSize(), -1, generator));
            registerModule("token_type_embeddings", new Embedding(config.typeVocabSize(), config.hiddenSize(), -1, generator));
            registerModule("LayerNorm", new LayerNorm(new int[] {config.hiddenSize()}, config.layerNormEps(), true, true));
            registerModule("dropout", new Dropout(config.hiddenDropoutProb(), generator));
        }

        @Override
        public Tensor forward(Tensor inputIds) {
            return forward(inputIds, null);
        }

        Tensor forward(Tensor inputIds, Tensor tokenTypeIds) {
            Tensor types = tokenTypeIds != null ? tokenTypeIds : Tensor.zeros(DType.INT64, inputIds.shape());
            Tensor x = child("word_embeddings").forward(inputIds)                               // (B, T, C)
                    .add(child("position_embeddings").forward(Tensor.arange(inputIds.size(1))))   // (T, C) broadcast
                    .add(child("token_type_embeddings").forward(types));
            return child("dropout").forward(child("LayerNorm").forward(x));
        }

        Embedding wordEmbeddings() {
            return (Embedding) child("word_embeddings");
        }
    }

    /** Hugging Face's {@code encoder}: only groups the {@code layer} list. */
    static final class Encoder extends Module {
        Encoder(ModuleList layers) {
            registerModule("layer", layers);
        }

        ModuleList layers() {
            return (ModuleList) child("layer");
        }

        @Override
        public Tensor forward(Tensor input) {
            throw new UnsupportedOperationException("BertModel.encoder only groups the layers");
        }
    }

    /** One post-LN encoder layer: attention (self + output), then intermediate and output. */
    public static final class Layer extends Module {
        Layer(BertConfig config, RandomGenerator generator) {
            registerModule("attention", new Attention(config, generator));
            registerModule("intermediate", new Intermediate(config, generator));
            registerModule("output", new SublayerOutput(config.intermediateSize(), config, generator));
        }

        @Override
        public Tensor forward(Tensor x) {
            return forward(x, null);
        }

        /** {@code x (B, T, C)}, additive mask {@code (B, 1, 1, T)} or null. */
        Tensor forward(Tensor x, Tensor additiveMask) {
            Tensor attended = ((Attention) child("attention")).forward(x, additiveMask);
            Tensor inner = child("intermediate").forward(attended);
            return ((SublayerOutput) child("output")).forward(inner, attended);
        }

        SelfAttention selfAttention() {
            return (SelfAttention) child("attention").getSubmodule("self");
        }
    }

    /** {@code self} (the heads) and {@code output} (projection, residual, LayerNorm). */
    static final class Attention extends Module {
        Attention(BertConfig config, RandomGenerator generator) {
            registerModule("self", new SelfAttention(config, generator));
            registerModule("output", new SublayerOutput(config.hiddenSize(), config, generator));
        }

        @Override
        public Tensor forward(Tensor x) {
            return forward(x, null);
        }

        Tensor forward(Tensor x, Tensor additiveMask) {
            Tensor context = ((SelfAttention) child("self")).forward(x, additiveMask);
            return ((SublayerOutput) child("output")).forward(context, x);
        }
    }

    /**
     * Multi-head self-attention with separate {@code query}, {@code key}, {@code value} projections
     * (C -> C each), optionally with learned prefix keys and values (prefix tuning).
     */
    public static final class SelfAttention extends Module {
        private final int heads;
        private final double dropout;
        private final RandomGenerator generator;

        SelfAttention(BertConfig config, RandomGenerator generator) {
            this.heads = config.numAttentionHeads();
            this.dropout = config.attentionProbsDropoutProb();
            this.generator = generator;
            for (String name : new String[] {"query", "key", "value"}) {
                registerModule(name, new Linear(config.hiddenSize(), config.hiddenSize(), true, generator));
            }
        }

        void addPrefix(int length, double std, RandomGenerator generator) {
            if (parameter("prefix_key") != null) {
                throw new IllegalStateException("BertModel: this layer already has a prefix");
            }
            int width = ((Linear) child("key")).weight().size(0);
            DType dtype = ((Linear) child("key")).weight().dtype();
            registerParameter("prefix_key", Init.normal_(Tensor.zeros(dtype, length, width), 0, std, generator));
            registerParameter("prefix_value", Init.normal_(Tensor.zeros(dtype, length, width), 0, std, generator));
        }

        @Override
        public Tensor forward(Tensor x) {
            return forward(x, null);
        }

        /** {@code x (B, T, C)} -> context {@code (B, T, C)}; the mask {@code (B, 1, 1, T)} is added to the scores. */
        Tensor forward(Tensor x, Tensor additiveMask) {
            int batch = x.size(0), length = x.size(1), width = x.size(2), headDim = width / heads;
            Tensor q = splitHeads(child("query").forward(x), batch);                   // (B, h, T, d)
            Tensor k = splitHeads(child("key").forward(x), batch);
            Tensor v = splitHeads(child("value").forward(x), batch);
            Tensor prefixKey = parameter("prefix_key");
            if (prefixKey != null) {
                int prefix = prefixKey.size(0);
                // (P, C) -> (1, h, P, d) -> (B, h, P, d), placed before the sequence's own keys and values
                k = Tensor.cat(List.of(splitHeads(prefixKey.unsqueeze(0), 1).expand(batch, heads, prefix, headDim), k), 2);
                v = Tensor.cat(List.of(splitHeads(parameter("prefix_value").unsqueeze(0), 1).expand(batch, heads, prefix, headDim), v), 2);
                if (additiveMask != null) {                                             // every query may see the prefix
                    additiveMask = Tensor.cat(List.of(Tensor.zeros(additiveMask.dtype(), batch, 1, 1, prefix), additiveMask), 3);
                }
            }
            Tensor context = F.scaledDotProductAttention(q, k, v, additiveMask,
                    isTraining() ? dropout : 0.0, false, generator);                     // (B, h, T, d)
            return context.transpose(1, 2).reshape(batch, length, width);
        }

        /** {@code (B, T, C)} -> {@code (B, h, T, C/h)}. */
        private Tensor splitHeads(Tensor x, int batch) {
            return x.reshape(batch, x.size(1), heads, x.size(2) / heads).transpose(1, 2);
        }
    }

    /** {@code LayerNorm(residual + dropout(dense(x)))}: BertSelfOutput and BertOutput. */
    static final class SublayerOutput extends Module {
        SublayerOutput(int inFeatures, BertConfig config, RandomGenerator generator) {
            registerModule("dense", new Linear(inFeatures, config.hiddenSize(), true, generator));
            registerModule("LayerNorm", new LayerNorm(new int[] {config.hiddenSize()}, config.layerNormEps(), true, true));
            registerModule("dropout", new Dropout(config.hiddenDropoutProb(), generator));
        }

        @Override
        public Tensor forward(Tensor x) {
            throw new UnsupportedOperationException("BertModel: a sublayer output needs the residual too");
        }

        Tensor forward(Tensor x, Tensor residual) {
            return child("LayerNorm").forward(child("dropout").forward(child("dense").forward(x)).add(residual));
        }
    }

    /** {@code gelu(dense(x))}, C -> intermediate size. */
    static final class Intermediate extends Module {
        Intermediate(BertConfig config, RandomGenerator generator) {
            registerModule("dense", new Linear(config.hiddenSize(), config.intermediateSize(), true, generator));
        }

        @Override
        public Tensor forward(Tensor x) {
            return F.gelu(child("dense").forward(x));
        }
    }

    /** {@code tanh(dense(x[:, 0]))}: the {@code [CLS]} position's vector, for sentence-level heads. */
    static final class Pooler extends Module {
        Pooler(BertConfig config, RandomGenerator generator) {
            registerModule("dense", new Linear(config.hiddenSize(), config.hiddenSize(), true, generator));
        }

        @Override
        public Tensor forward(Tensor hidden) {
            return child("dense").forward(hidden.select(1, 0)).tanh();
        }
    }
}
