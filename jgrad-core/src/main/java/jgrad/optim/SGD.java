package jgrad.optim;

import jgrad.Storage;
import jgrad.Tensor;

import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2 weight
 * decay, following PyTorch's documented rule, per element, at step t:
 * <pre>
 *   g = grad + weightDecay * p
 *   if momentum != 0:
 *       b = (t == 1) ? g : momentum * b + (1 - dampening) * g
 *       g = nesterov ? g + momentum * b : b
 *   p = p - lr * g
 * </pre>
 * State: {@code momentum_buffer}.
 */
public final class SGD extends Optimizer {

    public SGD(List<Tensor> params, double lr) {
        this(params, lr, 0, 0, 0, false);
    }

    public SGD(List<Tensor> params, double lr, double momentum) {
        this(params, lr, momentum, 0, 0, false);
    }

    public SGD(List<Tensor> params, double lr, double momentum, double dampening, double weightDecay, boolean nesterov) {
        super(params, Map.of("lr", lr, "momentum", momentum, "dampening", dampening, "weight_decay", weightDecay,
                "nesterov", nesterov ? 1.0 : 0.0));
        requireNonNegative("SGD", "lr", lr);
        requireNonNegative("SGD", "momentum", momentum);
        requireNonNegative("SGD", "weight_decay", weightDecay);
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("SGD: Nesterov momentum requires a momentum and zero dampening");
        }
    }

    @Override
    protected void update(Storage param, int offset, double[] grad, ParamGroup group, State state, long step) {
        double lr = group.get("lr"), momentum = group.get("momentum"), dampening = group.get("dampening");
        double weightDecay = group.get("weight_decay");
        boolean nesterov = group.get("nesterov") != 0;
        Storage buffer = momentum != 0 ? state.buffer("momentum_buffer") : null;
        for (int i = 0; i < grad.length; i++) {
            double p = param.get(offset + i);
            double g = grad[i] + weightDecay * p;
            if (buffer != null) {
                double b = step == 1 ? g : momentum * buffer.get(i) + (1 - dampening) * g;
                buffer.set(i, b);
                g = nesterov ? g + momentum * b : b;
            }
            param.set(offset + i, p - lr * g);
        }
    }

    /**
     * The same rule on a float32 parameter's arrays, in float (the double rule reads and writes
     * through {@link Storage} per element and copies the gradient to a double[] first). A plain
     * loop over arrays: C2 vectorises it.
     */
    @Override
    protected boolean updateFloat32(float[] param, int offset, float[] grad, int gradOffset, int length, ParamGroup group,
                                    State state, long step) {
        float lr = (float) group.get("lr"), momentum = (float) group.get("momentum");
        float dampening = (float) group.get("dampening"), weightDecay = (float) group.get("weight_decay");
        boolean nesterov = group.get("nesterov") != 0;
        if (momentum == 0) {
            for (int i = 0; i < length; i++) {
                float p = param[offset + i];
                param[offset + i] = p - lr * (grad[gradOffset + i] + weightDecay * p);
            }
            return true;
        }
        float[] buffer = state.floatBuffer("momentum_buffer");
        for (int i = 0; i < length; i++) {
            float p = param[offset + i];
            float g = grad[gradOffset + i] + weightDecay * p;
            float b = step == 1 ? g : momentum * buffer[i] + (1 - dampening) * g;
            buffer[i] = b;
            param[offset + i] = p - lr * (nesterov ? g + momentum * b : b);
        }
        return true;
    }
}
