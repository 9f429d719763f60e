package jgrad.optim;

import jgrad.Tensor;

import java.util.List;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter, 2019): each step first shrinks the
 * weights, {@code p = p - lr * weightDecay * p}, then applies the Adam update to the raw gradient
 * (see {@link Adam}). Default {@code weightDecay = 0.01}, as in PyTorch.
 */
public final class AdamW extends Adam {

    public AdamW(List<Tensor> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 0.01, false);
    }

    public AdamW(List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        super(params, lr, beta1, beta2, eps, weightDecay, amsgrad);
    }

    /** PyTorch's keyword form, {@code optim.AdamW(params, **options)}; start from {@link #options()}. */
    public AdamW(List<Tensor> params, Options options) {
        super(params, options);
    }

    /** PyTorch's {@code optim.AdamW} defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 0.01. */
    public static Options options() {
        return Adam.options().weightDecay(0.01);
    }

    @Override
    boolean decoupledWeightDecay() {
        return true;
    }
}
