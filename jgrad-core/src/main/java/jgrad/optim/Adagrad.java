package jgrad.optim;

import jgrad.Storage;
import jgrad.Tensor;

import java.util.List;
import java.util.Map;

/**
 * Adagrad (Duchi et al., 2011), PyTorch's documented rule, per element at step t:
 * <pre>
 *   lrT = lr / (1 + (t - 1) * lrDecay)
 *   g = grad + weightDecay * p
 *   sum = sum + g^2                      (starting from initialAccumulatorValue)
 *   p = p - lrT * g / (sqrt(sum) + eps)
 * </pre>
 * Defaults: {@code lr = 0.01}, {@code eps = 1e-10}. State: {@code sum}.
 */
public final class Adagrad extends Optimizer {

    public Adagrad(List<Tensor> params, double lr) {
        this(params, lr, 0, 0, 0, 1e-10);
    }

    public Adagrad(List<Tensor> params, double lr, double lrDecay, double weightDecay, double initialAccumulatorValue, double eps) {
        super(params, Map.of("lr", lr, "lr_decay", lrDecay, "weight_decay", weightDecay,
                "initial_accumulator_value", initialAccumulatorValue, "eps", eps));
        requireNonNegative("Adagrad", "lr", lr);
        requireNonNegative("Adagrad", "lr_decay", lrDecay);
        requireNonNegative("Adagrad", "initial_accumulator_value", initialAccumulatorValue);
    }

    /**
     * The same rule on a float32 parameter's arrays, in float, with a float32 {@code sum} (the double
     * rule goes through {@link Storage} per element); a plain loop that C2 vectorises.
     */
    @Override
    protected boolean updateFloat32(float[] param, int offset, float[] grad, int gradOffset, int length, ParamGroup group,
                                    State state, long step) {
        float lr = (float) (group.get("lr") / (1 + (step - 1) * group.get("lr_decay")));
        float weightDecay = (float) group.get("weight_decay"), eps = (float) group.get("eps");
        float[] sum = ((Storage.F32) state.buffer("sum", group.get("initial_accumulator_value"))).array();
        for (int i = 0; i < length; i++) {
            float p = param[offset + i];
            float g = grad[gradOffset + i] + weightDecay * p;
            float s = sum[i] + g * g;
            sum[i] = s;
            param[offset + i] = p - lr * g / ((float) Math.sqrt(s) + eps);
        }
        return true;
    }

    @Override
    protected void update(Storage param, int offset, double[] grad, ParamGroup group, State state, long step) {
        double lr = group.get("lr") / (1 + (step - 1) * group.get("lr_decay"));
        double weightDecay = group.get("weight_decay"), eps = group.get("eps");
        Storage sum = state.buffer("sum", group.get("initial_accumulator_value"));
        for (int i = 0; i < grad.length; i++) {
            double p = param.get(offset + i);
            double g = grad[i] + weightDecay * p;
            double s = sum.get(i) + g * g;
            sum.set(i, s);
            param.set(offset + i, p - lr * g / (Math.sqrt(s) + eps));
        }
    }
}
