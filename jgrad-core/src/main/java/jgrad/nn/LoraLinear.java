package jgrad.nn;

import java.util.random.RandomGenerator;
import jgrad.Grad;
import jgrad.Tensor;
import jgrad.nn.functional.F;

/**
 * LoRA (Hu et al. 2021): a linear layer whose pretrained weight stays frozen while a low-rank
 * update is learnt beside it,
 * <pre>
 *   y = x Wᵀ + b + (α/r) · dropout(x) Aᵀ Bᵀ          x (*, in), W (out, in), A (r, in), B (out, r)
 * </pre>
 * so the effective weight is {@code W + (α/r) B A}: {@code r (in + out)} trainable numbers instead of
 * {@code in · out}. A starts Kaiming-uniform (as a Linear's weight) and B at zero, so training starts
 * from exactly the pretrained model. The gradients of the update are
 * {@code dL/dB = (α/r) gᵀ (x Aᵀ)} and {@code dL/dA = (α/r) (g B)ᵀ x} for the upstream gradient g.
 *
 * <p>It registers the wrapped layer's own {@code weight} and {@code bias} tensors under the same names,
 * so the model's other keys do not change, plus {@code lora_A} and {@code lora_B}: in a BERT the
 * names read {@code encoder.layer.0.attention.self.query.lora_A}. {@link #merge()} adds the update
 * into W for inference at the original speed; {@link #unmerge()} takes it out again.
 * Use {@link Peft#applyLora} to wrap the layers of a model by name.
 */
public final class LoraLinear extends Module {
    private final int rank;
    private final double alpha;
    private boolean merged;

    public LoraLinear(Linear base, int rank, double alpha, double dropout, RandomGenerator generator) {
        if (rank <= 0) {
            throw new IllegalArgumentException("LoraLinear: rank must be positive, got " + rank);
        }
        this.rank = rank;
        this.alpha = alpha;
        Tensor weight = base.weight();
        registerParameter("weight", weight);
        registerParameter("bias", base.bias());
        int out = weight.size(0), in = weight.size(1);
        registerParameter("lora_A", Init.kaimingUniform_(Tensor.zeros(weight.dtype(), rank, in), Math.sqrt(5),
                Init.FanMode.FAN_IN, "leaky_relu", generator));
        registerParameter("lora_B", Tensor.zeros(weight.dtype(), out, rank));
        registerModule("lora_dropout", new Dropout(dropout, generator));
    }

    /** The factor {@code α/r} of the update. */
    public double scaling() {
        return alpha / rank;
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor y = F.linear(x, parameter("weight"), parameter("bias"));
        if (merged) {
            return y;
        }
        Tensor low = F.linear(child("lora_dropout").forward(x), parameter("lora_A"), null);    // (*, r)
        return y.add(F.linear(low, parameter("lora_B"), null).mul(scaling()));                // (*, out)
    }

    /** The update {@code (α/r) B A}, shape {@code (out, in)}. */
    public Tensor delta() {
        try (var ignored = Grad.noGrad()) {
            return parameter("lora_B").matmul(parameter("lora_A")).mul(scaling());
        }
    }

    /** {@code W += (α/r) B A}; the forward then skips the low-rank path. */
    public void merge() {
        if (merged) {
            throw new IllegalStateException("LoraLinear: already merged");
        }
        try (var ignored = Grad.noGrad()) {
            parameter("weight").add_(delta(), 1.0);
        }
        merged = true;
    }

    /** {@code W -= (α/r) B A}: back to the frozen pretrained weight and the separate update. */
    public void unmerge() {
        if (!merged) {
            throw new IllegalStateException("LoraLinear: not merged");
        }
        try (var ignored = Grad.noGrad()) {
            parameter("weight").add_(delta(), -1.0);
        }
        merged = false;
    }

    public boolean isMerged() {
        return merged;
    }

    @Override
    protected String extraRepr() {
        Tensor w = parameter("weight");
        return "in_features=" + w.size(1) + ", out_features=" + w.size(0) + ", r=" + rank + ", alpha=" + alpha
                + (merged ? ", merged" : "");
    }
}
