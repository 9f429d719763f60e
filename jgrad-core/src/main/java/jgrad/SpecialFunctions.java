package jgrad;

/**
 * The error function and the standard normal density/CDF, accurate to a few ulps in double.
 *
 * <p>Needed by the exact GELU, {@code x * Phi(x)} with {@code Phi(x) = (1 + erf(x / sqrt 2)) / 2}.
 * For |x| < 2 we sum the Maclaurin series
 * {@code erf(x) = 2/sqrt(pi) * sum_n (-1)^n x^(2n+1) / (n! (2n+1))}; its largest term is about
 * e^(x^2) ~ 55 at x = 2, so cancellation costs about two digits, and compensated (Kahan) summation
 * keeps the rounding of the partial sums from piling up on top (within 8 ulps of erf; within 1 ulp
 * for |x| < 1). Beyond that we use the continued fraction
 * {@code erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...))))}, evaluated from
 * the tail, which converges quickly for large x (within 1 ulp of erf from x = 2 on).
 *
 * <p>The accuracy matters beyond the forward value: Gradcheck divides by 2 eps = 2e-6, so an error of
 * 3e-14 (the plain series near x = 3) shows up as 1.5e-8 of noise in the numeric GELU gradient.
 */
final class SpecialFunctions {
    private SpecialFunctions() {
    }

    private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);

    static double erf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double ax = Math.abs(x);
        if (ax < 2.0) {
            double term = x;          // x^(2n+1) (-1)^n / n!
            double sum = x;
            double compensation = 0;  // the low-order bits lost by the last addition (Kahan summation)
            double x2 = x * x;
            for (int n = 1; n < 200; n++) {
                term *= -x2 / n;
                double contribution = term / (2 * n + 1);
                double corrected = contribution - compensation;
                double next = sum + corrected;
                compensation = (next - sum) - corrected;
                sum = next;
                if (Math.abs(contribution) < 1e-17 * Math.abs(sum)) {
                    break;
                }
            }
            return TWO_OVER_SQRT_PI * (sum - compensation);
        }
        double erfc = erfcContinuedFraction(ax);
        return Math.copySign(1.0 - erfc, x);
    }

    /** erfc(x) for x >= 2, from the continued fraction above with 60 levels (plenty at x >= 2). */
    private static double erfcContinuedFraction(double x) {
        double tail = x;
        for (int k = 60; k >= 1; k--) {
            tail = x + (k / 2.0) / tail;
        }
        return Math.exp(-x * x) / Math.sqrt(Math.PI) / tail;
    }

    /** Standard normal CDF. */
    static double normalCdf(double x) {
        return 0.5 * (1.0 + erf(x / Math.sqrt(2.0)));
    }

    /** Standard normal density. */
    static double normalPdf(double x) {
        return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    }
}
