package jgrad.nn;

import java.util.random.RandomGenerator;
import jgrad.Grad;
import jgrad.Tensor;
import jgrad.nn.functional.F;

/**
 * A linear layer followed by a bottleneck adapter (Houlsby et al. 2019):
 * <pre>
 *   h = x Wᵀ + b                                  (*, out)   the frozen sublayer projection
 *   y = h + up(gelu(down(h)))                     down: out -> m,  up: m -> out,  m ≪ out
 * </pre>
 * Placed on the output projection of a transformer's attention and feed-forward sublayers, it
 * adapts each sublayer with {@code 2 m out + m + out} numbers. {@code up} starts at zero, so the
 * adapter starts as the identity and training starts from the pretrained model. It registers the
 * wrapped layer's {@code weight} and {@code bias} under the same names, and the adapter as
 * {@code adapter_down} and {@code adapter_up}: {@code encoder.layer.0.output.dense.adapter_up.weight}.
 * Use {@link Peft#addAdapters} to place them by name.
 */
public final class AdaptedLinear extends Module {

    public AdaptedLinear(Linear base, int bottleneck, RandomGenerator generator) {
        if (bottleneck <= 0) {
            throw new IllegalArgumentException("AdaptedLinear: bottleneck must be positive, got " + bottleneck);
        }
        Tensor weight = base.weight();
        registerParameter("weight", weight);
        registerParameter("bias", base.bias());
        int width = weight.size(0);
        Linear down = registerModule("adapter_down", new Linear(width, bottleneck, true, generator));
        Linear up = registerModule("adapter_up", new Linear(bottleneck, width, true, generator));
        try (var ignored = Grad.noGrad()) {
            up.weight().zero_();
            up.bias().zero_();
        }
        if (weight.dtype() != down.weight().dtype()) {
            down.to(weight.dtype());
            up.to(weight.dtype());
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor h = F.linear(x, parameter("weight"), parameter("bias"));
        return h.add(child("adapter_up").forward(F.gelu(child("adapter_down").forward(h))));
    }
}
