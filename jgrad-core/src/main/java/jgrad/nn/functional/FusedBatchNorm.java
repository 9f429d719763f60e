package jgrad.nn.functional;

import jgrad.DType;
import jgrad.Grad;
import jgrad.Tensor;
import jgrad.kernels.BatchNormKernels;

/**
 * Batch norm for float32 with its backward written by hand: one graph node instead of the composed
 * form's mean, var, sub, add, sqrt, div, mul and add (eight nodes, each a pass over x and a tensor
 * kept for backward). Same math as {@link Normalization#batchNorm}, the readable reference a test
 * compares this against; the kernels are {@link BatchNormKernels}, whose comment gives the
 * formulas. Saved for backward: x itself and μ, rstd per channel (x̂ is recomputed).
 */
final class FusedBatchNorm {
    private FusedBatchNorm() {
    }

    /** The shapes this op computes: weight, bias and running statistics absent or of shape {@code (C)}. */
    static boolean covers(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias) {
        if (x.dim() < 2) {
            return false;   // the reference path reports the error
        }
        int channels = x.size(1);
        return perChannel(runningMean, channels) && perChannel(runningVar, channels)
                && perChannel(weight, channels) && perChannel(bias, channels);
    }

    private static boolean perChannel(Tensor t, int channels) {
        return t == null || (t.dim() == 1 && t.size(0) == channels);
    }

    static Tensor batchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                            boolean training, double momentum, double eps) {
        Normalization.checkBatchNorm(x, runningMean, runningVar, training);
        int batch = x.size(0), channels = x.size(1);
        int positions = x.numel() / Math.max(1, batch * channels);
        float[] input = FusedAttention.array(x.detach().contiguous());

        float[] mean = new float[channels];
        float[] rstd = new float[channels];
        if (training) {
            double[] batchMean = new double[channels], batchVar = new double[channels];
            BatchNormKernels.statistics(input, batch, channels, positions, batchMean, batchVar);
            for (int c = 0; c < channels; c++) {
                mean[c] = (float) batchMean[c];
                rstd[c] = (float) (1 / Math.sqrt(batchVar[c] + eps));
            }
            Normalization.updateRunningStatistics(runningMean, runningVar, Tensor.of(mean, channels),
                    Tensor.of(toFloats(batchVar), channels), batch * positions, momentum);
        } else {
            float[] runningMeans = FusedAttention.array(runningMean.detach().contiguous());
            float[] runningVars = FusedAttention.array(runningVar.detach().contiguous());
            for (int c = 0; c < channels; c++) {
                mean[c] = runningMeans[c];
                rstd[c] = (float) (1 / Math.sqrt(runningVars[c] + eps));
            }
        }
        float[] gamma = weight == null ? null : FusedAttention.array(weight.detach().contiguous());
        float[] beta = bias == null ? null : FusedAttention.array(bias.detach().contiguous());
        float[] scale = new float[channels], offset = new float[channels];
        for (int c = 0; c < channels; c++) {
            scale[c] = (gamma == null ? 1f : gamma[c]) * rstd[c];
            offset[c] = beta == null ? 0f : beta[c];
        }
        Tensor out = Tensor.zeros(DType.FLOAT32, x.shape());
        BatchNormKernels.normalize(input, batch, channels, positions, mean, scale, offset, FusedAttention.array(out));

        return Grad.record(out, "FusedBatchNormBackward", gradOutput -> {
            float[] dy = FusedAttention.array(gradOutput.contiguous().float32());
            Tensor dx = x.requiresGrad() ? Tensor.zeros(DType.FLOAT32, x.shape()) : null;
            double[] dGamma = new double[channels], dBeta = new double[channels];
            BatchNormKernels.backward(input, dy, batch, channels, positions, mean, rstd, gamma, training,
                    dx == null ? null : FusedAttention.array(dx), dGamma, dBeta);
            Tensor dWeight = weight == null ? null : Tensor.of(toFloats(dGamma), channels);
            Tensor dBias = bias == null ? null : Tensor.of(toFloats(dBeta), channels);
            return new Tensor[] {dx, dWeight, dBias};
        }, FusedLayerNorm.inputs(x, weight, bias));
    }

    private static float[] toFloats(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }
}
