package exercises.unit04;

/** Reference solution of tasks 1 and 2 (see {@code src/} for the task descriptions). */
public final class Optimizers {
    private Optimizers() {
    }

    public static void sgdStep(double[] param, double[] grad, double[] momentumBuffer, double lr, double momentum,
                               double weightDecay, boolean nesterov) {
        for (int i = 0; i < param.length; i++) {
            double g = grad[i] + weightDecay * param[i];
            if (momentum != 0) {
                momentumBuffer[i] = momentum * momentumBuffer[i] + g;
                g = nesterov ? g + momentum * momentumBuffer[i] : momentumBuffer[i];
            }
            param[i] -= lr * g;
        }
    }

    public static void adamStep(double[] param, double[] grad, double[] m, double[] v, long t, double lr, double beta1,
                                double beta2, double eps, double weightDecay, boolean decoupled) {
        double correction1 = 1 - Math.pow(beta1, t);
        double correction2 = 1 - Math.pow(beta2, t);
        for (int i = 0; i < param.length; i++) {
            double g = grad[i];
            if (decoupled) {
                param[i] -= lr * weightDecay * param[i];
            } else {
                g += weightDecay * param[i];
            }
            m[i] = beta1 * m[i] + (1 - beta1) * g;
            v[i] = beta2 * v[i] + (1 - beta2) * g * g;
            double mHat = m[i] / correction1;
            double vHat = v[i] / correction2;
            param[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
        }
    }
}
