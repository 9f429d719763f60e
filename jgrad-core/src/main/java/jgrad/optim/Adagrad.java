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
