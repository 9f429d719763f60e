package jgrad.quant;

import jgrad.Grad;
import jgrad.Shape;
import jgrad.Tensor;
import jgrad.kernels.Int8Gemm;
import jgrad.nn.Linear;
import jgrad.nn.Module;

/**
 * A {@link Linear} layer after post-training int8 quantisation, for inference (no gradient flows).
 *
 * <p>Weights, per output channel n (symmetric, zero point 0):
 * <pre>
 *   s_w[n] = max_k |W[n][k]| / 127,      Wq[n][k] = round(W[n][k] / s_w[n])  in [-127, 127]
 * </pre>
 * Activations, dynamically for each input row m (each example) at every call:
 * <pre>
 *   s_x[m] = max_k |x[m][k]| / 127,      xq[m][k] = round(x[m][k] / s_x[m])
 *   y[m][n] = s_x[m] · s_w[n] · Σ_k xq[m][k] · Wq[n][k]  +  b[n]       (the sum in int32, {@link Int8Gemm})
 * </pre>
 * Rounding moves each value by at most half a step, so each output is off by at most
 * {@code ½·s_x·Σ|W[n]| + ½·s_w[n]·Σ|x[m]| + ¼·K·s_x·s_w[n]} (plus float32 rounding) — the bound
 * the tests hold it to. The weight takes 1 byte per number instead of 4, plus one float scale per
 * output channel.
 *
 * <p>Shapes: input {@code (*, in)} float32, output {@code (*, out)} float32.
 */
public final class QuantizedLinear extends Module {
    private static final int LEVELS = 127;

    private final int inFeatures;
    private final int outFeatures;
    private final byte[] weight;          // (out, in)
    private final float[] weightScale;    // (out)
    private final float[] bias;           // (out) or null

    /** Quantises a trained layer's weights; the layer itself is left as it was. */
    public static QuantizedLinear from(Linear linear) {
        float[] w = linear.weight().contiguous().float32().toFloatArray();
        int out = linear.weight().size(0), in = linear.weight().size(1);
        byte[] q = new byte[out * in];
        float[] scales = new float[out];
        for (int n = 0; n < out; n++) {
            scales[n] = quantizeRow(w, n * in, in, q);
        }
        float[] b = linear.bias() == null ? null : linear.bias().float32().toFloatArray();
        return new QuantizedLinear(in, out, q, scales, b);
    }

    private QuantizedLinear(int inFeatures, int outFeatures, byte[] weight, float[] weightScale, float[] bias) {
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        this.weight = weight;
        this.weightScale = weightScale;
        this.bias = bias;
    }

    /**
     * Symmetric int8 quantisation of {@code values[offset .. offset+length)} into {@code out} at the
     * same positions: returns the scale {@code max|v| / 127} (1 for an all-zero row, so 0 maps to 0).
     */
    static float quantizeRow(float[] values, int offset, int length, byte[] out) {
        float max = 0;
        for (int i = offset; i < offset + length; i++) {
            max = Math.max(max, Math.abs(values[i]));
        }
        float scale = max == 0 ? 1f : max / LEVELS;
        for (int i = offset; i < offset + length; i++) {
            out[i] = (byte) Math.max(-LEVELS, Math.min(LEVELS, Math.round(values[i] / scale)));
        }
        return scale;
    }

    @Override
    public Tensor forward(Tensor input) {
        if (input.dim() == 0 || input.size(-1) != inFeatures) {
            throw new IllegalArgumentException("QuantizedLinear: expected input (*, " + inFeatures + "), got " + Shape.format(input.shape()));
        }
        if (input.requiresGrad() && Grad.isEnabled()) {
            throw new IllegalArgumentException("QuantizedLinear: inference only; call it inside Grad.noGrad() or on an input without grad");
        }
        float[] x = input.contiguous().float32().toFloatArray();
        int rows = x.length / inFeatures;
        byte[] xq = new byte[x.length];
        float[] rowScale = new float[rows];
        for (int m = 0; m < rows; m++) {
            rowScale[m] = quantizeRow(x, m * inFeatures, inFeatures, xq);
        }
        int[] sums = new int[rows * outFeatures];
        Int8Gemm.matmul(xq, weight, sums, rows, outFeatures, inFeatures);
        float[] y = new float[rows * outFeatures];
        for (int m = 0; m < rows; m++) {
            for (int n = 0; n < outFeatures; n++) {
                y[m * outFeatures + n] = rowScale[m] * weightScale[n] * sums[m * outFeatures + n] + (bias == null ? 0 : bias[n]);
            }
        }
        int[] shape = input.shape().clone();
        shape[shape.length - 1] = outFeatures;
        return Tensor.of(y, shape);
    }

    /** The weight as the int8 layer sees it, {@code Wq · s_w} (float32, (out, in)): the float layer it stands for. */
    public Tensor dequantizedWeight() {
        float[] w = new float[weight.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = weight[i] * weightScale[i / inFeatures];
        }
        return Tensor.of(w, outFeatures, inFeatures);
    }

    /** Bytes of the stored numbers: int8 weights, float32 scales and bias. */
    public long sizeBytes() {
        return weight.length + 4L * weightScale.length + (bias == null ? 0 : 4L * bias.length);
    }

    @Override
    protected String extraRepr() {
        return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + (bias != null) + ", int8 per-channel weights";
    }
}
