package jgrad.nn.functional;

import jgrad.Grad;
import jgrad.Storage;
import jgrad.Tensor;

/** Activations that Tensor does not have, each a forward with its backward. */
final class Activations {
    private Activations() {
    }

    // y = log(1 + e^(beta x)) / beta, computed as max(z, 0) + log1p(e^-|z|) with z = beta x so that
    // neither large positive nor large negative x overflows; y = x where beta x > threshold.
    // dy/dx = sigmoid(beta x)   (1 in the linear region)
    static Tensor softplus(Tensor input, double beta, double threshold) {
        if (!input.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("softplus: expected a floating tensor, got " + input.dtype());
        }
        Tensor x = input.contiguous();
        Tensor y = Tensor.zeros(x.dtype(), x.shape());
        Tensor slope = Tensor.zeros(x.dtype(), x.shape());
        Storage in = x.storage();
        for (int i = 0; i < y.numel(); i++) {
            double v = in.get(x.storageOffset() + i);
            double z = beta * v;
            if (z > threshold) {
                y.storage().set(i, v);
                slope.storage().set(i, 1.0);
            } else {
                y.storage().set(i, (Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)))) / beta);
                slope.storage().set(i, z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
            }
        }
        return Grad.record(y, "SoftplusBackward", gradOutput -> new Tensor[] {gradOutput.mul(slope)}, input);
    }
}
