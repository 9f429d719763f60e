package jgrad.optim;

import jgrad.Storage;
import jgrad.Tensor;

import java.util.List;
import java.util.Map;

/**
 * RMSprop (Hinton's lecture 6e), PyTorch's documented rule, per element:
 * <pre>
 *   g = grad + weightDecay * p
 *   v = alpha * v + (1 - alpha) * g^2
 *   vTilde = v;  centered: gAvg = alpha * gAvg + (1 - alpha) * g,  vTilde = v - gAvg^2
 *   momentum > 0: b = momentum * b + g / (sqrt(vTilde) + eps),  p = p - lr * b
 *   otherwise:    p = p - lr * g / (sqrt(vTilde) + eps)
 * </pre>
 * Defaults: {@code lr = 0.01}, {@code alpha = 0.99}, {@code eps = 1e-8}. State: {@code square_avg},
 * {@code grad_avg}, {@code momentum_buffer}.
 */
public final class RMSprop extends Optimizer {

    public RMSprop(List<Tensor> params, double lr) {
        this(params, lr, 0.99, 1e-8, 0, 0, false);
    }

    public RMSprop(List<Tensor> params, double lr, double alpha, double eps, double weightDecay, double momentum, boolean centered) {
        super(params, Map.of("lr", lr, "alpha", alpha, "eps", eps, "weight_decay", weightDecay, "momentum", momentum,
                "centered", centered ? 1.0 : 0.0));
        requireNonNegative("RMSprop", "lr", lr);
        requireNonNegative("RMSprop", "alpha", alpha);
        requireNonNegative("RMSprop", "eps", eps);
        requireNonNegative("RMSprop", "momentum", momentum);
    }

    /**
     * PyTorch's keyword form, {@code optim.RMSprop(params, **options)}:
     * {@code new RMSprop(params, RMSprop.options().lr(1e-3).momentum(0.9).centered(true))}.
     */
    public RMSprop(List<Tensor> params, Options options) {
        this(params, options.lr(), options.alpha(), options.eps(), options.weightDecay(), options.momentum(), options.centered());
    }

    /**
     * The keyword arguments of PyTorch's {@code optim.RMSprop}, one fluent setter per keyword; start
     * from {@link RMSprop#options()}.
     *
     * @param lr          {@code lr} (default 0.01)
     * @param alpha       {@code alpha}, the smoothing of the squared gradient (default 0.99)
     * @param eps         {@code eps} (default 1e-8)
     * @param weightDecay {@code weight_decay} (default 0)
     * @param momentum    {@code momentum} (default 0)
     * @param centered    {@code centered} (default false)
     */
    public record Options(double lr, double alpha, double eps, double weightDecay, double momentum, boolean centered) {
        /** {@code lr}. */
        public Options lr(double lr) {
            return new Options(lr, alpha, eps, weightDecay, momentum, centered);
        }

        /** {@code alpha}. */
        public Options alpha(double alpha) {
            return new Options(lr, alpha, eps, weightDecay, momentum, centered);
        }

        /** {@code eps}. */
        public Options eps(double eps) {
            return new Options(lr, alpha, eps, weightDecay, momentum, centered);
        }

        /** {@code weight_decay}. */
        public Options weightDecay(double weightDecay) {
            return new Options(lr, alpha, eps, weightDecay, momentum, centered);
        }

        /** {@code momentum}. */
        public Options momentum(double momentum) {
            return new Options(lr, alpha, eps, weightDecay, momentum, centered);
        }

        /** {@code centered}. */
        public Options centered(boolean centered) {
            return new Options(lr, alpha, eps, weightDecay, momentum, centered);
        }
    }

    /** PyTorch's {@code optim.RMSprop} defaults: lr 0.01, alpha 0.99, eps 1e-8, no weight decay or momentum. */
    public static Options options() {
        return new Options(0.01, 0.99, 1e-8, 0, 0, false);
    }

    /**
     * The same rule on a float32 parameter's arrays, in float, with float32 state (the double rule
     * reads and writes through {@link Storage} per element and copies the gradient to a double[]
     * first). Plain loops over arrays, one per variant, so that C2 vectorises each.
     */
    @Override
    protected boolean updateFloat32(float[] param, int offset, float[] grad, int gradOffset, int length, ParamGroup group,
                                    State state, long step) {
        float lr = (float) group.get("lr"), alpha = (float) group.get("alpha"), eps = (float) group.get("eps");
        float weightDecay = (float) group.get("weight_decay"), momentum = (float) group.get("momentum");
        boolean centered = group.get("centered") != 0;
        float[] squareAvg = state.floatBuffer("square_avg");
        float[] gradAvg = centered ? state.floatBuffer("grad_avg") : null;
        float[] buffer = momentum > 0 ? state.floatBuffer("momentum_buffer") : null;
        if (gradAvg == null && buffer == null) {
            for (int i = 0; i < length; i++) {
                float p = param[offset + i];
                float g = grad[gradOffset + i] + weightDecay * p;
                float v = alpha * squareAvg[i] + (1 - alpha) * g * g;
                squareAvg[i] = v;
                param[offset + i] = p - lr * (g / ((float) Math.sqrt(v) + eps));
            }
            return true;
        }
        for (int i = 0; i < length; i++) {
            float p = param[offset + i];
            float g = grad[gradOffset + i] + weightDecay * p;
            float v = alpha * squareAvg[i] + (1 - alpha) * g * g;
            squareAvg[i] = v;
            if (gradAvg != null) {
                float mean = alpha * gradAvg[i] + (1 - alpha) * g;
                gradAvg[i] = mean;
                v -= mean * mean;
            }
            float scaled = g / ((float) Math.sqrt(v) + eps);
            if (buffer != null) {
                scaled = momentum * buffer[i] + scaled;
                buffer[i] = scaled;
            }
            param[offset + i] = p - lr * scaled;
        }
        return true;
    }

    @Override
    protected void update(Storage param, int offset, double[] grad, ParamGroup group, State state, long step) {
        double lr = group.get("lr"), alpha = group.get("alpha"), eps = group.get("eps");
        double weightDecay = group.get("weight_decay"), momentum = group.get("momentum");
        boolean centered = group.get("centered") != 0;
        Storage squareAvg = state.buffer("square_avg");
        Storage gradAvg = centered ? state.buffer("grad_avg") : null;
        Storage buffer = momentum > 0 ? state.buffer("momentum_buffer") : null;
        for (int i = 0; i < grad.length; i++) {
            double p = param.get(offset + i);
            double g = grad[i] + weightDecay * p;
            double v = alpha * squareAvg.get(i) + (1 - alpha) * g * g;
            squareAvg.set(i, v);
            if (gradAvg != null) {
                double mean = alpha * gradAvg.get(i) + (1 - alpha) * g;
                gradAvg.set(i, mean);
                v -= mean * mean;
            }
            double scaled = g / (Math.sqrt(v) + eps);
            if (buffer != null) {
                double b = momentum * buffer.get(i) + scaled;
                buffer.set(i, b);
                scaled = b;
            }
            param.set(offset + i, p - lr * scaled);
        }
    }
}
