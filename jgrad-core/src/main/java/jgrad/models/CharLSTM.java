package jgrad.models;

import jgrad.Tensor;
import jgrad.nn.Embedding;
import jgrad.nn.HiddenState;
import jgrad.nn.LSTM;
import jgrad.nn.Linear;
import jgrad.nn.Module;

import java.util.random.RandomGenerator;

/**
 * A character-level language model (Karpathy's char-rnn): {@code embedding → LSTM → linear},
 * batch first. Shapes: token ids {@code (B, T)} int64 → logits {@code (B, T, V)}. Parameter names
 * {@code emb.weight}, {@code lstm.weight_ih_l0}, …, {@code head.weight}.
 */
public final class CharLSTM extends Module {
    private final Embedding emb;
    private final LSTM lstm;
    private final Linear head;

    public CharLSTM(int vocabSize, int embeddingDim, int hiddenSize, int numLayers, double dropout, RandomGenerator generator) {
        emb = registerModule("emb", new Embedding(vocabSize, embeddingDim, -1, generator));
        lstm = registerModule("lstm", new LSTM(embeddingDim, hiddenSize, numLayers, true, true, dropout, false, generator));
        head = registerModule("head", new Linear(hiddenSize, vocabSize, true, generator));
    }

    @Override
    public Tensor forward(Tensor idx) {
        return forward(idx, null).output();
    }

    /** Logits and the final LSTM state, from {@code state} (null: zeros): carry it (detached) for truncated BPTT or sampling. */
    public LSTM.Output forward(Tensor idx, HiddenState state) {
        var out = lstm.forward(emb.forward(idx), state);
        return new LSTM.Output(head.forward(out.output()), out.state());
    }
}
