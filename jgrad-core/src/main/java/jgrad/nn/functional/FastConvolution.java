package jgrad.nn.functional;

import jgrad.DType;
import jgrad.Grad;
import jgrad.Storage;
import jgrad.Tensor;
import jgrad.kernels.ElementwiseKernels;
import jgrad.kernels.ElementwiseKernels.BinaryOp;
import jgrad.kernels.Im2col;
import jgrad.kernels.Parallel;
import jgrad.kernels.ReductionKernels;
import jgrad.nativ.Backends;
import jgrad.nativ.GemmBackend;
import jgrad.nativ.GemmBackend.PreparedA;

import java.util.Arrays;

/**
 * conv2d in float32 through the fast kernels: the same math as {@link Convolution} (the readable
 * version, which float64 and dilated convolutions take), organised per image so that nothing is
 * permuted and the columns of one image stay in cache.
 *
 * <p>Shapes as in {@link Convolution}: {@code x (N, C, H, W)}, weight {@code (O, C/G, kH, kW)},
 * {@code y (N, O, Ho, Wo)}, {@code L = Ho Wo}, {@code K = (C/G) kH kW}. For each image {@code n}:
 * <pre>
 *   forward:  cols = im2col(x[n])                  (C kH kW, L)     kernels.Im2col
 *             y[n]_g = W_g @ cols_g + b_g           (O/G, L)         one GEMM per group, written in place in y;
 *                                                                    the rows start as the bias and the GEMM adds (beta 1);
 *                                                                    W_g prepared once (packed, on the Java backend) for all images
 *   backward: dW_g += dy[n]_g @ cols_g^T           (O/G, K)         images in order, so the sum does not depend on threads;
 *                                                                    computed as its transpose (see weightGrad)
 *             dcols_g = W_g^T @ dy[n]_g            (K, L)           W_g^T packed once for all images
 *             dx[n] = col2im(dcols)                                 kernels.Im2col
 *             db = sum of dy over (N, Ho, Wo)
 * </pre>
 * The backward recomputes {@code cols} instead of keeping them: one image's columns fit in L2, the
 * whole batch's would not (14 MB for the second W3 layer). Images are split over threads where
 * they are independent (forward, dx); dW is summed in runs of images fixed by the shapes (see
 * weightGrad), so threads share it and the bits do not depend on their number.
 * Every product runs on {@link Backends#gemm()}. {@code FastConvolutionTest} checks this path
 * against the float64 reference.
 */
final class FastConvolution {
    private FastConvolution() {
    }

    /** The shapes this op computes: no dilation (what {@link Im2col} implements). */
    static boolean covers(int[] dilation) {
        return dilation[0] == 1 && dilation[1] == 1;
    }

    /** {@code input} is 4-D and the arguments were checked by {@link Convolution#conv2d}. */
    static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding, int groups) {
        Geometry geo = new Geometry(input.shape(), weight.shape(), stride, padding, groups);
        Tensor x = input.detach().contiguous();
        Tensor w = weight.detach().contiguous();
        float[] xs = floats(x), ws = floats(w);
        int xOffset = x.storageOffset(), wOffset = w.storageOffset();
        float[] bs = null;
        int bOffset = 0;
        if (bias != null) {
            Tensor b = bias.detach().contiguous();
            bs = floats(b);
            bOffset = b.storageOffset();
        }
        Tensor output = Tensor.zeros(DType.FLOAT32, geo.batch, geo.outChannels, geo.outH, geo.outW);
        float[] ys = floats(output);
        float[] biasData = bs;
        int biasOffset = bOffset;
        GemmBackend gemm = Backends.gemm();
        PreparedA[] weights = new PreparedA[groups];   // W_g (O/G, K), prepared once for all images
        for (int g = 0; g < groups; g++) {
            weights[g] = gemm.prepare(false, geo.outPerGroup, geo.rowsPerGroup, ws, wOffset + g * geo.outPerGroup * geo.rowsPerGroup,
                    geo.rowsPerGroup);
        }
        Parallel.forRange(0, geo.batch, 1, (from, to) -> {
            float[] cols = new float[geo.colsSize()];
            for (int n = from; n < to; n++) {
                geo.im2col(xs, xOffset + n * geo.imageSize(), cols);
                int yImage = n * geo.outChannels * geo.positions;
                if (biasData != null) {
                    for (int o = 0; o < geo.outChannels; o++) {
                        Arrays.fill(ys, yImage + o * geo.positions, yImage + (o + 1) * geo.positions, biasData[biasOffset + o]);
                    }
                }
                for (int g = 0; g < groups; g++) {
                    weights[g].times(false, geo.positions, cols, g * geo.rowsPerGroup * geo.positions, geo.positions,
                            biasData == null ? 0f : 1f, ys, yImage + g * geo.outPerGroup * geo.positions, geo.positions);
                }
            }
        });
        Tensor[] inputs = bias == null ? new Tensor[] {input, weight} : new Tensor[] {input, weight, bias};
        return Grad.record(output, "ConvolutionBackward", gradOutput -> {
            Tensor dy = gradOutput.to(DType.FLOAT32).contiguous();
            float[] dys = floats(dy);
            int dyOffset = dy.storageOffset();
            Tensor inputGrad = input.requiresGrad() ? Tensor.zeros(DType.FLOAT32, input.shape()) : null;
            Tensor weightGrad = weight.requiresGrad() ? Tensor.zeros(DType.FLOAT32, weight.shape()) : null;
            GemmBackend backwardGemm = Backends.gemm();
            if (inputGrad != null) {
                float[] dxs = floats(inputGrad);
                PreparedA[] weightsT = new PreparedA[groups];   // W_g^T (K, O/G), prepared once for all images
                for (int g = 0; g < groups; g++) {
                    weightsT[g] = backwardGemm.prepare(true, geo.rowsPerGroup, geo.outPerGroup, ws,
                            wOffset + g * geo.outPerGroup * geo.rowsPerGroup, geo.rowsPerGroup);
                }
                Parallel.forRange(0, geo.batch, 1, (from, to) -> {
                    float[] colsGrad = new float[geo.colsSize()];
                    for (int n = from; n < to; n++) {
                        int dyImage = dyOffset + n * geo.outChannels * geo.positions;
                        for (int g = 0; g < groups; g++) {
                            weightsT[g].times(false, geo.positions, dys, dyImage + g * geo.outPerGroup * geo.positions, geo.positions,
                                    0f, colsGrad, g * geo.rowsPerGroup * geo.positions, geo.positions);
                        }
                        geo.col2im(colsGrad, dxs, n * geo.imageSize());
                    }
                });
            }
            if (weightGrad != null) {
                weightGrad(backwardGemm, xs, xOffset, dys, dyOffset, floats(weightGrad), geo, groups);
            }
            Tensor biasGrad = bias != null && bias.requiresGrad() ? biasGrad(dys, dyOffset, geo) : null;
            return bias == null ? new Tensor[] {inputGrad, weightGrad} : new Tensor[] {inputGrad, weightGrad, biasGrad};
        }, inputs);
    }

    /**
     * {@code dW_g = sum over images n of dy[n]_g @ cols_g^T}, computed as its transpose
     * {@code dW_g^T = sum of cols_g @ dy[n]_g^T} (K x O/G) and transposed once at the end. Measured on W3
     * (1 thread): the direct form packs the (K, L) columns as a transposed B operand per image, the
     * slow packing path; the transposed form packs them as A and only the smaller dy as a transposed
     * B. It also keeps the GEMM from padding a first layer's K = 9 columns to a 32-wide micro-tile.
     * W3 step: 55 -> 50 ms (first layer) -> 48 ms (second layer too), CPU time.
     *
     * <p>Threads: the images are cut into {@link #weightGradChunks} runs, a number that depends on the
     * shapes only; each run sums its images in order into its own buffer (on whichever thread), and
     * the buffers are added in run order. So the result is the same for any thread count, and two
     * threads share the work (one image's product is too small to split: 3.6 M multiply-adds on W3).
     */
    private static void weightGrad(GemmBackend gemm, float[] xs, int xOffset, float[] dys, int dyOffset, float[] dws, Geometry geo, int groups) {
        int size = groups * geo.rowsPerGroup * geo.outPerGroup;
        int chunks = weightGradChunks(geo.batch, size);
        float[][] partial = new float[chunks][];
        Parallel.forRange(0, chunks, 1, (from, to) -> {
            float[] cols = new float[geo.colsSize()];
            for (int chunk = from; chunk < to; chunk++) {
                float[] transposed = new float[size];
                for (int n = chunk * geo.batch / chunks; n < (chunk + 1) * geo.batch / chunks; n++) {
                    geo.im2col(xs, xOffset + n * geo.imageSize(), cols);
                    int dyImage = dyOffset + n * geo.outChannels * geo.positions;
                    for (int g = 0; g < groups; g++) {
                        gemm.sgemm(false, true, geo.rowsPerGroup, geo.outPerGroup, geo.positions,
                                cols, g * geo.rowsPerGroup * geo.positions, geo.positions,
                                dys, dyImage + g * geo.outPerGroup * geo.positions, geo.positions,
                                1f, transposed, g * geo.outPerGroup * geo.rowsPerGroup, geo.outPerGroup);
                    }
                }
                partial[chunk] = transposed;
            }
        });
        float[] transposed = partial[0];
        for (int chunk = 1; chunk < chunks; chunk++) {
            ElementwiseKernels.binary(BinaryOp.ADD, transposed, 0, partial[chunk], 0, transposed, 0, size);
        }
        for (int g = 0; g < groups; g++) {
            int at = g * geo.outPerGroup * geo.rowsPerGroup;
            for (int o = 0; o < geo.outPerGroup; o++) {
                for (int k = 0; k < geo.rowsPerGroup; k++) {
                    dws[at + o * geo.rowsPerGroup + k] = transposed[at + k * geo.outPerGroup + o];
                }
            }
        }
    }

    /**
     * How many runs of images {@link #weightGrad} sums separately: up to 8 (enough for the threads of
     * a laptop), fewer when the batch is smaller or one buffer of dW is large (at most some 16 M floats
     * of buffers in all). From the shapes only, never from the thread count, so the bits do not
     * depend on how many threads run.
     */
    static int weightGradChunks(int batch, int weightSize) {
        int byMemory = (int) Math.max(1, (16L << 20) / Math.max(1, weightSize));
        return Math.max(1, Math.min(8, Math.min(batch, byMemory)));
    }

    /** {@code db[o] = sum over n and l of dy[n][o][l]}, images in order. */
    private static Tensor biasGrad(float[] dy, int dyOffset, Geometry geo) {
        Tensor biasGrad = Tensor.zeros(DType.FLOAT32, geo.outChannels);
        float[] db = floats(biasGrad);
        float[] rowSums = new float[geo.outChannels];
        for (int n = 0; n < geo.batch; n++) {
            ReductionKernels.sumRows(dy, dyOffset + n * geo.outChannels * geo.positions, rowSums, 0,
                    geo.outChannels, geo.positions);
            for (int o = 0; o < geo.outChannels; o++) {
                db[o] += rowSums[o];
            }
        }
        return biasGrad;
    }

    private static float[] floats(Tensor t) {
        return ((Storage.F32) t.storage()).array();
    }

    /** The sizes of one conv2d call, and the im2col/col2im of one image with them. */
    private static final class Geometry {
        final int batch, channels, height, width, outChannels, kernelH, kernelW;
        final int strideH, strideW, padH, padW, outH, outW, positions, outPerGroup, rowsPerGroup;

        Geometry(int[] inputShape, int[] weightShape, int[] stride, int[] padding, int groups) {
            batch = inputShape[0];
            channels = inputShape[1];
            height = inputShape[2];
            width = inputShape[3];
            outChannels = weightShape[0];
            kernelH = weightShape[2];
            kernelW = weightShape[3];
            strideH = stride[0];
            strideW = stride[1];
            padH = padding[0];
            padW = padding[1];
            outH = Im2col.outputSize(height, kernelH, strideH, padH);
            outW = Im2col.outputSize(width, kernelW, strideW, padW);
            positions = outH * outW;
            outPerGroup = outChannels / groups;
            rowsPerGroup = weightShape[1] * kernelH * kernelW;
        }

        int imageSize() {
            return channels * height * width;
        }

        /** One image's columns: {@code (C kH kW, L)}. */
        int colsSize() {
            return channels * kernelH * kernelW * positions;
        }

        void im2col(float[] x, int xOffset, float[] cols) {
            Im2col.im2col(x, xOffset, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, cols, 0);
        }

        void col2im(float[] cols, float[] x, int xOffset) {
            Im2col.col2im(cols, 0, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, x, xOffset);
        }
    }
}
