package jgrad.optim;

import jgrad.Storage;
import jgrad.Tensor;
import jgrad.kernels.AdamUpdate;

import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma and Ba, 2015) with optional L2 weight decay and AMSGrad, PyTorch's documented rule,
 * per element, at step t:
 * <pre>
 *   g = grad + weightDecay * p
 *   m = beta1 * m + (1 - beta1) * g
 *   v = beta2 * v + (1 - beta2) * g^2
 *   mHat = m / (1 - beta1^t),   vHat = v / (1 - beta2^t)      (AMSGrad: vMax = max(vMax, v), vHat = vMax / (1 - beta2^t))
 *   p = p - lr * mHat / (sqrt(vHat) + eps)
 * </pre>
 * Defaults: {@code betas = (0.9, 0.999)}, {@code eps = 1e-8}. State: {@code exp_avg}, {@code exp_avg_sq}
 * ({@code max_exp_avg_sq}). {@link AdamW} decouples the weight decay instead. float32 parameters
 * take the vectorised {@link AdamUpdate}, the same rule computed in float.
 */
public class Adam extends Optimizer {

    public Adam(List<Tensor> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 0, false);
    }

    public Adam(List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        super(params, Map.of("lr", lr, "beta1", beta1, "beta2", beta2, "eps", eps, "weight_decay", weightDecay,
                "amsgrad", amsgrad ? 1.0 : 0.0));
        String name = getClass().getSimpleName();
        requireNonNegative(name, "lr", lr);
        requireNonNegative(name, "eps", eps);
        requireNonNegative(name, "weight_decay", weightDecay);
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException(name + ": betas must be in [0, 1), got (" + beta1 + ", " + beta2 + ")");
        }
    }

    /**
     * PyTorch's keyword form, {@code optim.Adam(params, **options)}:
     * {@code new Adam(model.parameters(), Adam.options().lr(3e-4).betas(0.9, 0.98).weightDecay(1e-4))}.
     */
    public Adam(List<Tensor> params, Options options) {
        this(params, options.lr(), options.beta1(), options.beta2(), options.eps(), options.weightDecay(), options.amsgrad());
    }

    /**
     * The keyword arguments of PyTorch's {@code optim.Adam} and {@code optim.AdamW}, one fluent setter per
     * keyword; start from {@link Adam#options()} or {@link AdamW#options()} (their defaults differ only
     * in {@code weight_decay}).
     *
     * @param lr          {@code lr} (default 1e-3)
     * @param beta1       {@code betas[0]} (default 0.9)
     * @param beta2       {@code betas[1]} (default 0.999)
     * @param eps         {@code eps} (default 1e-8)
     * @param weightDecay {@code weight_decay} (Adam 0, AdamW 0.01)
     * @param amsgrad     {@code amsgrad} (default false)
     */
    public record Options(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        /** {@code lr}. */
        public Options lr(double lr) {
            return new Options(lr, beta1, beta2, eps, weightDecay, amsgrad);
        }

        /** {@code betas=(beta1, beta2)}. */
        public Options betas(double beta1, double beta2) {
            return new Options(lr, beta1, beta2, eps, weightDecay, amsgrad);
        }

        /** {@code eps}. */
        public Options eps(double eps) {
            return new Options(lr, beta1, beta2, eps, weightDecay, amsgrad);
        }

        /** {@code weight_decay}. */
        public Options weightDecay(double weightDecay) {
            return new Options(lr, beta1, beta2, eps, weightDecay, amsgrad);
        }

        /** {@code amsgrad}. */
        public Options amsgrad(boolean amsgrad) {
            return new Options(lr, beta1, beta2, eps, weightDecay, amsgrad);
        }
    }

    /** PyTorch's {@code optim.Adam} defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, no weight decay. */
    public static Options options() {
        return new Options(1e-3, 0.9, 0.999, 1e-8, 0, false);
    }

    /** True for AdamW: decay the weights directly instead of adding to the gradient. */
    boolean decoupledWeightDecay() {
        return false;
    }

    /** The same rule on float32 arrays, vectorised: {@link AdamUpdate}. */
    @Override
    protected boolean updateFloat32(float[] param, int offset, float[] grad, int gradOffset, int length, ParamGroup group,
                                    State state, long step) {
        double beta1 = group.get("beta1"), beta2 = group.get("beta2");
        var hyper = new AdamUpdate.Step((float) group.get("lr"), (float) beta1, (float) beta2, (float) group.get("eps"),
                (float) group.get("weight_decay"), decoupledWeightDecay(), 1 - Math.pow(beta1, step), 1 - Math.pow(beta2, step));
        float[] maxSquares = group.get("amsgrad") != 0 ? state.floatBuffer("max_exp_avg_sq") : null;
        AdamUpdate.update(param, offset, grad, gradOffset, state.floatBuffer("exp_avg"), state.floatBuffer("exp_avg_sq"),
                maxSquares, length, hyper);
        return true;
    }

    @Override
    protected void update(Storage param, int offset, double[] grad, ParamGroup group, State state, long step) {
        double lr = group.get("lr"), beta1 = group.get("beta1"), beta2 = group.get("beta2"), eps = group.get("eps");
        double weightDecay = group.get("weight_decay");
        boolean amsgrad = group.get("amsgrad") != 0;
        double correction1 = 1 - Math.pow(beta1, step);
        double correction2 = 1 - Math.pow(beta2, step);
        Storage m = state.buffer("exp_avg");
        Storage v = state.buffer("exp_avg_sq");
        Storage vMax = amsgrad ? state.buffer("max_exp_avg_sq") : null;
        for (int i = 0; i < grad.length; i++) {
            double p = param.get(offset + i);
            double g = grad[i];
            if (decoupledWeightDecay()) {
                p -= lr * weightDecay * p;
            } else {
                g += weightDecay * p;
            }
            double mi = beta1 * m.get(i) + (1 - beta1) * g;
            double vi = beta2 * v.get(i) + (1 - beta2) * g * g;
            m.set(i, mi);
            v.set(i, vi);
            if (vMax != null) {
                vi = Math.max(vMax.get(i), vi);
                vMax.set(i, vi);
            }
            double mHat = mi / correction1;
            double vHat = vi / correction2;
            param.set(offset + i, p - lr * mHat / (Math.sqrt(vHat) + eps));
        }
    }
}
