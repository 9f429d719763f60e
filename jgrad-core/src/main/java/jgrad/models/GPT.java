package jgrad.models;

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
import jgrad.text.Sampler;

import java.util.function.IntConsumer;
import java.util.random.RandomGenerator;

/**
 * A GPT language model with nanoGPT's architecture and parameter names (Radford et al. 2019):
 * <pre>
 *   x = wte(idx) + wpe(0..T-1)                         (B, T, C)
 *   for each block:  x = x + attn(ln_1(x));  x = x + mlp(ln_2(x))
 *   logits = ln_f(x) · wteᵀ                            (B, T, V)   the head is tied to wte
 *   attn(x) = c_proj(causal-self-attention of the h heads of c_attn(x))
 *   mlp(x)  = c_proj(gelu(c_fc(x)))                    width 4C
 * </pre>
 * Names as nanoGPT ({@code transformer.wte.weight}, {@code transformer.h.0.attn.c_attn.weight}, …,
 * {@code transformer.ln_f.weight}); the tied head has no tensor of its own. Initialisation as
 * nanoGPT: N(0, 0.02) for linear and embedding weights, N(0, 0.02/sqrt(2·nLayer)) for the residual
 * projections, zero biases. In float32 attention runs the fused kernel (see
 * {@link F#scaledDotProductAttention}); layer norm and the loss use fused kernels too.
 *
 * <pre>{@code
 * var gpt = new GPT(new GPT.Config(64, 65, 4, 4, 128, 0.0, true), new SplittableRandom(0));
 * Tensor loss = gpt.loss(idx, targets);                 // idx, targets (B, T) int64
 * Tensor more = gpt.generate(idx, 100, new Sampler().withTemperature(0.8), generator);
 * }</pre>
 */
public final class GPT extends Module {

    /**
     * The model's size. {@code bias}: whether linear layers and layer norms have biases (nanoGPT's
     * option). {@code geluApproximate}: "none" for the exact GELU (nanoGPT's), "tanh" for GPT-2's
     * own approximation {@code x/2 (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}, which its checkpoints were trained with.
     */
    public record Config(int blockSize, int vocabSize, int nLayer, int nHead, int nEmbd, double dropout, boolean bias,
                         String geluApproximate) {
        public Config {
            if (blockSize <= 0 || vocabSize <= 0 || nLayer <= 0 || nHead <= 0 || nEmbd <= 0 || nEmbd % nHead != 0) {
                throw new IllegalArgumentException("GPT.Config: sizes must be positive and nEmbd a multiple of nHead, got " + this);
            }
            if (!geluApproximate.equals("none") && !geluApproximate.equals("tanh")) {
                throw new IllegalArgumentException("GPT.Config: geluApproximate must be \"none\" or \"tanh\", got \"" + geluApproximate + "\"");
            }
        }

        /** With the exact GELU (nanoGPT). */
        public Config(int blockSize, int vocabSize, int nLayer, int nHead, int nEmbd, double dropout, boolean bias) {
            this(blockSize, vocabSize, nLayer, nHead, nEmbd, dropout, bias, "none");
        }
    }

    private final Config config;
    private final Embedding wte;
    private final Embedding wpe;
    private final Dropout drop;
    private final ModuleList blocks;
    private final LayerNorm lnF;

    public GPT(Config config) {
        this(config, Jgrad.generator());
    }

    public GPT(Config config, RandomGenerator generator) {
        this.config = config;
        var transformer = registerModule("transformer", new Container());
        wte = transformer.add("wte", new Embedding(config.vocabSize(), config.nEmbd(), -1, generator));
        wpe = transformer.add("wpe", new Embedding(config.blockSize(), config.nEmbd(), -1, generator));
        drop = transformer.add("drop", new Dropout(config.dropout(), generator));
        var list = new ModuleList();
        for (int i = 0; i < config.nLayer(); i++) {
            list.add(new Block(config, generator));
        }
        blocks = transformer.add("h", list);
        lnF = transformer.add("ln_f", layerNorm(config));
        double residualStd = 0.02 / Math.sqrt(2.0 * config.nLayer());
        try (var ignored = Grad.noGrad()) {
            namedParameters().forEach((name, p) -> {
                if (name.endsWith("c_proj.weight")) {
                    Init.normal_(p, 0, residualStd, generator);
                } else if (p.dim() == 2) {
                    Init.normal_(p, 0, 0.02, generator);
                } else if (name.endsWith(".bias") && !name.contains(".ln_")) {
                    p.zero_();
                }
            });
        }
    }

    public Config config() {
        return config;
    }

    /** Logits {@code (B, T, V)} for int64 token ids {@code idx (B, T)}, {@code T <= blockSize}. */
    @Override
    public Tensor forward(Tensor idx) {
        if (idx.dtype() != DType.INT64 || idx.dim() != 2 || idx.size(1) > config.blockSize() || idx.size(1) == 0) {
            throw new IllegalArgumentException("GPT: expected int64 token ids (B, T) with 1 <= T <= " + config.blockSize()
                    + ", got " + idx.dtype() + " " + Shape.format(idx.shape()));
        }
        int length = idx.size(1);
        Tensor x = wte.forward(idx).add(wpe.forward(Tensor.arange(length)));   // (B, T, C)
        x = drop.forward(x);
        for (Module block : blocks) {
            x = block.forward(x);
        }
        return F.linear(lnF.forward(x), wte.weight(), null);                     // tied head
    }

    /** Mean cross-entropy of the next-token predictions against {@code targets (B, T)} (-100 = ignore). */
    public Tensor loss(Tensor idx, Tensor targets) {
        Tensor logits = forward(idx);
        return F.crossEntropy(logits.reshape(-1, config.vocabSize()), targets.reshape(-1));
    }

    /** {@link #generate(Tensor, int, Sampler, RandomGenerator, IntConsumer)} without streaming. */
    public Tensor generate(Tensor idx, int maxNewTokens, Sampler sampler, RandomGenerator generator) {
        return generate(idx, maxNewTokens, sampler, generator, null);
    }

    /**
     * Extends each row of {@code idx (B, T)} by {@code maxNewTokens} sampled tokens, feeding the last
     * {@code blockSize} tokens back each step (no grad, evaluation mode; the mode is restored after).
     *
     * @param onToken called with each new token of row 0 as it is drawn (for streaming), or null
     * @return {@code (B, T + maxNewTokens)}
     */
    public Tensor generate(Tensor idx, int maxNewTokens, Sampler sampler, RandomGenerator generator, IntConsumer onToken) {
        boolean wasTraining = isTraining();
        eval();
        try (var ignored = Grad.noGrad()) {
            Tensor sequence = idx;
            for (int step = 0; step < maxNewTokens; step++) {
                int length = sequence.size(1);
                Tensor context = length <= config.blockSize() ? sequence
                        : sequence.narrow(1, length - config.blockSize(), config.blockSize());
                Tensor logits = forward(context).select(1, context.size(1) - 1);    // (B, V)
                int[] next = sampler.sample(logits, generator);
                long[] column = new long[next.length];
                for (int b = 0; b < next.length; b++) {
                    column[b] = next[b];
                }
                if (onToken != null) {
                    onToken.accept(next[0]);
                }
                sequence = Tensor.cat(java.util.List.of(sequence, Tensor.of(column, next.length, 1)), 1);
            }
            return sequence;
        } finally {
            train(wasTraining);
        }
    }

    private static LayerNorm layerNorm(Config config) {
        return new LayerNorm(new int[] {config.nEmbd()}, 1e-5, true, config.bias());
    }

    /** A named group of children with no computation of its own: nanoGPT's {@code transformer} dict. */
    private static final class Container extends Module {
        <M extends Module> M add(String name, M module) {
            return registerModule(name, module);
        }

        @Override
        public Tensor forward(Tensor input) {
            throw new UnsupportedOperationException("GPT.transformer only groups modules");
        }
    }

    /**
     * Pre-LN transformer block: {@code x + attn(ln_1(x))}, then {@code x + mlp(ln_2(x))}. Children
     * are reached by name, so LoRA can wrap the linear layers inside ({@link Module#setSubmodule}).
     */
    static final class Block extends Module {
        Block(Config config, RandomGenerator generator) {
            registerModule("ln_1", layerNorm(config));
            registerModule("attn", new CausalSelfAttention(config, generator));
            registerModule("ln_2", layerNorm(config));
            registerModule("mlp", new Mlp(config, generator));
        }

        @Override
        public Tensor forward(Tensor x) {
            x = x.add(child("attn").forward(child("ln_1").forward(x)));
            return x.add(child("mlp").forward(child("ln_2").forward(x)));
        }
    }

    /** Causal self-attention: q, k, v from one projection {@code c_attn (C -> 3C)}, heads, then {@code c_proj}. */
    static final class CausalSelfAttention extends Module {
        private final int heads;
        private final double dropout;
        private final RandomGenerator generator;

        CausalSelfAttention(Config config, RandomGenerator generator) {
            this.heads = config.nHead();
            this.dropout = config.dropout();
            this.generator = generator;
            registerModule("c_attn", new Linear(config.nEmbd(), 3 * config.nEmbd(), config.bias(), generator));
            registerModule("c_proj", new Linear(config.nEmbd(), config.nEmbd(), config.bias(), generator));
            registerModule("resid_dropout", new Dropout(config.dropout(), generator));
        }

        @Override
        public Tensor forward(Tensor x) {
            int batch = x.size(0), length = x.size(1), width = x.size(2), headDim = width / heads;
            // q, k, v are views of the one projection (B, T, 3C) = (B, T, 3, h, C/h): no copies
            Tensor qkv = child("c_attn").forward(x).reshape(batch, length, 3, heads, headDim);
            Tensor[] perHead = new Tensor[3];
            for (int i = 0; i < 3; i++) {
                perHead[i] = qkv.select(2, i).transpose(1, 2);                          // (B, h, T, C/h)
            }
            Tensor y = F.scaledDotProductAttention(perHead[0], perHead[1], perHead[2], null,
                    isTraining() ? dropout : 0.0, true, generator);                     // (B, h, T, C/h)
            y = y.transpose(1, 2).reshape(batch, length, width);
            return child("resid_dropout").forward(child("c_proj").forward(y));
        }
    }

    /** The feed-forward block: {@code c_proj(gelu(c_fc(x)))}, width 4C. */
    static final class Mlp extends Module {
        private final String geluApproximate;

        Mlp(Config config, RandomGenerator generator) {
            geluApproximate = config.geluApproximate();
            registerModule("c_fc", new Linear(config.nEmbd(), 4 * config.nEmbd(), config.bias(), generator));
            registerModule("c_proj", new Linear(4 * config.nEmbd(), config.nEmbd(), config.bias(), generator));
            registerModule("dropout", new Dropout(config.dropout(), generator));
        }

        @Override
        public Tensor forward(Tensor x) {
            Tensor inner = child("c_fc").forward(x);
            Tensor activated = F.gelu(inner, geluApproximate);
            return child("dropout").forward(child("c_proj").forward(activated));
        }
    }
}
