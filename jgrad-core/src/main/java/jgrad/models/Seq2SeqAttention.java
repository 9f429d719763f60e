package jgrad.models;

import jgrad.DType;
import jgrad.Grad;
import jgrad.Tensor;
import jgrad.nn.Embedding;
import jgrad.nn.GRU;
import jgrad.nn.GRUCell;
import jgrad.nn.Linear;
import jgrad.nn.Module;
import jgrad.nn.functional.F;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A character-level encoder–decoder with additive attention (Bahdanau, Cho and Bengio 2015,
 * "Neural Machine Translation by Jointly Learning to Align and Translate", arXiv:1409.0473).
 *
 * <p>Encoder: embedding → bidirectional GRU, giving one state {@code e_s} (2H) per source position s.
 * The decoder starts from {@code h_0 = tanh(W_b [h_fwd; h_bwd])}, the two directions' final states,
 * and at each output step t:
 * <pre>
 *   score_{t,s} = vᵀ tanh(W_q h_{t-1} + W_k e_s + b_k)      (−∞ at padding)
 *   α_{t,s}     = softmax_s(score_{t,s})                    where step t looks
 *   c_t         = Σ_s α_{t,s} e_s                           context (2H)
 *   h_t         = GRUCell([E y_{t-1}; c_t], h_{t-1})
 *   logits_t    = W_o [h_t; c_t] + b_o
 * </pre>
 * Training feeds the true previous character y_{t-1} (teacher forcing, {@link #loss}); translating
 * feeds back the model's own most likely character (greedy, {@link #translate}). The first input is
 * {@code startToken}. Shapes: source ids {@code (B, S)} int64 with {@code padToken} after the end of
 * shorter rows; target ids {@code (B, T)} int64.
 *
 * <p>{@code W_k e_s + b_k} does not depend on t, so {@link #encode} computes it once per source.
 */
public final class Seq2SeqAttention extends Module {

    /** Vocabulary sizes, the special tokens, and the widths: embedding E, hidden H, attention A. */
    public record Config(int sourceVocab, int targetVocab, int padToken, int startToken, int embedding, int hidden, int attention) {
    }

    /** What the decoder reads from a source: states {@code (B, S, 2H)}, keys {@code (B, S, A)}, padding {@code (B, S)}, h_0 {@code (B, H)}. */
    public record Encoded(Tensor states, Tensor keys, Tensor padding, Tensor initialHidden) {
    }

    /** One decoder step: logits {@code (B, V)}, the new hidden state {@code (B, H)}, attention weights {@code (B, S)}. */
    public record Step(Tensor logits, Tensor hidden, Tensor weights) {
    }

    /** Greedy output ids {@code (B, T)} and attention weights {@code (B, T, S)}. */
    public record Translation(Tensor tokens, Tensor weights) {
    }

    private final Config config;
    private final Embedding sourceEmbedding;
    private final GRU encoder;
    private final Linear bridge;
    private final Linear query;
    private final Linear key;
    private final Linear score;
    private final Embedding targetEmbedding;
    private final GRUCell cell;
    private final Linear head;

    public Seq2SeqAttention(Config config, RandomGenerator generator) {
        this.config = config;
        int e = config.embedding(), h = config.hidden(), a = config.attention();
        sourceEmbedding = registerModule("source_embedding", new Embedding(config.sourceVocab(), e, config.padToken(), generator));
        encoder = registerModule("encoder", new GRU(e, h, 1, true, true, 0.0, true, generator));
        bridge = registerModule("bridge", new Linear(2 * h, h, true, generator));
        query = registerModule("query", new Linear(h, a, false, generator));
        key = registerModule("key", new Linear(2 * h, a, true, generator));
        score = registerModule("score", new Linear(a, 1, false, generator));
        targetEmbedding = registerModule("target_embedding", new Embedding(config.targetVocab(), e, -1, generator));
        cell = registerModule("cell", new GRUCell(e + 2 * h, h, true, generator));
        head = registerModule("head", new Linear(3 * h, config.targetVocab(), true, generator));
    }

    public Config config() {
        return config;
    }

    /** Mean cross-entropy of the logits over all {@code (B, T)} target positions (see {@link #logits}). */
    public Tensor loss(Tensor source, Tensor target) {
        Tensor logits = logits(source, target);                       // (B, T, V)
        return F.crossEntropy(logits.reshape(-1, config.targetVocab()), target.reshape(-1));
    }

    /** Teacher forcing: step t reads target t−1 (the start token at t = 0). Returns logits {@code (B, T, V)}. */
    public Tensor logits(Tensor source, Tensor target) {
        Encoded encoded = encode(source);
        int batch = target.size(0), length = target.size(1);
        Tensor previous = Tensor.full(config.startToken(), DType.INT64, batch);
        Tensor hidden = encoded.initialHidden();
        List<Tensor> logits = new ArrayList<>(length);
        for (int t = 0; t < length; t++) {
            Step step = step(previous, hidden, encoded);
            logits.add(step.logits());
            hidden = step.hidden();
            previous = target.select(1, t);
        }
        return Tensor.stack(logits, 1);
    }

    /** Greedy decoding of {@code length} characters, without gradients. */
    public Translation translate(Tensor source, int length) {
        try (var ignored = Grad.noGrad()) {
            Encoded encoded = encode(source);
            Tensor previous = Tensor.full(config.startToken(), DType.INT64, source.size(0));
            Tensor hidden = encoded.initialHidden();
            List<Tensor> tokens = new ArrayList<>(length), weights = new ArrayList<>(length);
            for (int t = 0; t < length; t++) {
                Step step = step(previous, hidden, encoded);
                previous = step.logits().argmax(1, false);
                hidden = step.hidden();
                tokens.add(previous);
                weights.add(step.weights());
            }
            return new Translation(Tensor.stack(tokens, 1), Tensor.stack(weights, 1));
        }
    }

    /** Runs the encoder over source ids {@code (B, S)}. */
    public Encoded encode(Tensor source) {
        var out = encoder.forward(sourceEmbedding.forward(source), null);
        Tensor states = out.output();                                 // (B, S, 2H)
        Tensor finals = out.state().h();                              // (2, B, H): forward, backward
        Tensor initial = bridge.forward(Tensor.cat(List.of(finals.select(0, 0), finals.select(0, 1)), 1)).tanh();
        return new Encoded(states, key.forward(states), source.eq(config.padToken()), initial);
    }

    /** One decoder step from the previous character ids {@code (B)} and hidden state {@code (B, H)}; the equations above. */
    public Step step(Tensor previous, Tensor hidden, Encoded encoded) {
        int batch = hidden.size(0), sourceLength = encoded.states().size(1);
        Tensor energy = query.forward(hidden).unsqueeze(1).add(encoded.keys()).tanh();             // (B, S, A)
        Tensor scores = score.forward(energy).reshape(batch, sourceLength)
                .maskedFill(encoded.padding(), Double.NEGATIVE_INFINITY);                            // (B, S)
        Tensor weights = scores.softmax(1);
        Tensor context = weights.unsqueeze(1).matmul(encoded.states()).reshape(batch, -1);        // (B, 2H)
        Tensor input = Tensor.cat(List.of(targetEmbedding.forward(previous), context), 1);         // (B, E + 2H)
        Tensor next = cell.forward(input, hidden);
        Tensor logits = head.forward(Tensor.cat(List.of(next, context), 1));                        // (B, V)
        return new Step(logits, next, weights);
    }

    /** Translating needs a source and either a target (teacher forcing) or a length (greedy): there is no one-input form. */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("Seq2SeqAttention: use logits(source, target) or translate(source, length)");
    }
}
