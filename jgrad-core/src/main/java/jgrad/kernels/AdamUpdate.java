package jgrad.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Adam/AdamW update of one float32 parameter, in place on its arrays, vectorised. The
 * readable rule (per element, in double) is {@code jgrad.optim.Adam.update}; OptimizerFloat32Test
 * runs both on the same problem. Per element, at step t with {@code c1 = 1 − beta1^t},
 * {@code c2 = 1 − beta2^t}:
 * <pre>
 *   AdamW: p = p − lr·wd·p            Adam: g = g + wd·p
 *   m = beta1·m + (1 − beta1)·g
 *   v = beta2·v + (1 − beta2)·g²                  (AMSGrad: vMax = max(vMax, v), then vMax below)
 *   p = p − (lr / c1) · m / (sqrt(v) / sqrt(c2) + eps)
 * </pre>
 * (PyTorch's arrangement of the bias corrections.) Elements are independent, so ranges are split
 * over threads without changing any bit.
 */
public final class AdamUpdate {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int GRAIN = 1 << 15;

    private AdamUpdate() {
    }

    /** Hyperparameters of one step, and the bias corrections {@code 1 − beta^t}. */
    public record Step(float lr, float beta1, float beta2, float eps, float weightDecay, boolean decoupled,
                       double correction1, double correction2) {
    }

    /**
     * Updates {@code param[paramOffset + i]} and the moments {@code m[i]}, {@code v[i]} (and
     * {@code maxSquares[i]} for AMSGrad, else null) for {@code i < n} from {@code grad[gradOffset + i]}.
     */
    public static void update(float[] param, int paramOffset, float[] grad, int gradOffset, float[] m, float[] v,
                              float[] maxSquares, int n, Step step) {
        float stepSize = (float) (step.lr() / step.correction1());
        float rootCorrection2 = (float) Math.sqrt(step.correction2());
        float decay = step.decoupled() ? 1 - step.lr() * step.weightDecay() : 1f;
        float gradDecay = step.decoupled() ? 0f : step.weightDecay();
        float beta1 = step.beta1(), beta2 = step.beta2(), eps = step.eps();
        FloatVector gradDecays = FloatVector.broadcast(S, gradDecay);
        Parallel.forRange(0, n, GRAIN, (from, to) -> {
            int i = from;
            for (int end = from + S.loopBound(to - from); i < end; i += S.length()) {
                var p = FloatVector.fromArray(S, param, paramOffset + i);
                var g = FloatVector.fromArray(S, grad, gradOffset + i);
                g = p.fma(gradDecays, g);                                    // g + wd·p (Adam) or g
                p = p.mul(decay);                                           // (1 − lr·wd)·p (AdamW) or p
                var mi = FloatVector.fromArray(S, m, i).mul(beta1).add(g.mul(1 - beta1));
                var vi = FloatVector.fromArray(S, v, i).mul(beta2).add(g.mul(g).mul(1 - beta2));
                mi.intoArray(m, i);
                vi.intoArray(v, i);
                if (maxSquares != null) {
                    vi = vi.max(FloatVector.fromArray(S, maxSquares, i));
                    vi.intoArray(maxSquares, i);
                }
                var denominator = vi.sqrt().div(rootCorrection2).add(eps);
                p.sub(mi.div(denominator).mul(stepSize)).intoArray(param, paramOffset + i);
            }
            for (; i < to; i++) {
                float p = param[paramOffset + i];
                float g = Math.fma(p, gradDecay, grad[gradOffset + i]);
                p *= decay;
                float mi = m[i] * beta1 + g * (1 - beta1);
                float vi = v[i] * beta2 + g * g * (1 - beta2);
                m[i] = mi;
                v[i] = vi;
                if (maxSquares != null) {
                    vi = Math.max(vi, maxSquares[i]);
                    maxSquares[i] = vi;
                }
                param[paramOffset + i] = p - mi / ((float) Math.sqrt(vi) / rootCorrection2 + eps) * stepSize;
            }
        });
    }
}
