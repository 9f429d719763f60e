package exercises.unit05;

/** Reference solution of tasks 1, 2, 3 and 5 (see {@code src/} for the task descriptions). */
public final class Convolution {
    private Convolution() {
    }

    public static int outputSize(int in, int kernel, int stride, int padding, int dilation) {
        int span = in + 2 * padding - dilation * (kernel - 1) - 1;
        if (span < 0) {
            throw new IllegalArgumentException("outputSize: the dilated kernel " + (dilation * (kernel - 1) + 1)
                    + " does not fit the padded input " + (in + 2 * padding));
        }
        return span / stride + 1;
    }

    public static double[][] im2col(double[][][] image, int kernelH, int kernelW, int stride, int padding, int dilation) {
        int channels = image.length, height = image[0].length, width = image[0][0].length;
        int outH = outputSize(height, kernelH, stride, padding, dilation);
        int outW = outputSize(width, kernelW, stride, padding, dilation);
        double[][] cols = new double[channels * kernelH * kernelW][outH * outW];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < kernelH; i++) {
                for (int j = 0; j < kernelW; j++) {
                    int row = (c * kernelH + i) * kernelW + j;
                    for (int oh = 0; oh < outH; oh++) {
                        for (int ow = 0; ow < outW; ow++) {
                            int ih = oh * stride - padding + i * dilation, iw = ow * stride - padding + j * dilation;
                            boolean inside = ih >= 0 && ih < height && iw >= 0 && iw < width;
                            cols[row][oh * outW + ow] = inside ? image[c][ih][iw] : 0;
                        }
                    }
                }
            }
        }
        return cols;
    }

    public static double[][][][] conv2d(double[][][][] input, double[][][][] weight, double[] bias, int stride, int padding,
                                        int dilation) {
        int kernelH = weight[0][0].length, kernelW = weight[0][0][0].length;
        int outH = outputSize(input[0][0].length, kernelH, stride, padding, dilation);
        int outW = outputSize(input[0][0][0].length, kernelW, stride, padding, dilation);
        double[][] filters = Matrices.flattenFilters(weight);
        double[][][][] output = new double[input.length][weight.length][outH][outW];
        for (int n = 0; n < input.length; n++) {
            double[][] product = Matrices.matmul(filters, im2col(input[n], kernelH, kernelW, stride, padding, dilation));
            for (int o = 0; o < weight.length; o++) {
                for (int l = 0; l < outH * outW; l++) {
                    output[n][o][l / outW][l % outW] = product[o][l] + (bias == null ? 0 : bias[o]);
                }
            }
        }
        return output;
    }

    public static Results.ConvGradients conv2dBackward(double[][][][] input, double[][][][] weight, double[][][][] gradOutput,
                                                       int stride, int padding, int dilation) {
        int outChannels = weight.length, channels = weight[0].length;
        int kernelH = weight[0][0].length, kernelW = weight[0][0][0].length;
        double[][] filters = Matrices.flattenFilters(weight);
        double[][] filtersT = Matrices.transpose(filters);
        double[][] weightGrad2d = new double[outChannels][channels * kernelH * kernelW];
        double[] biasGrad = new double[outChannels];
        double[][][][] inputGrad = new double[input.length][][][];
        for (int n = 0; n < input.length; n++) {
            double[][] cols = im2col(input[n], kernelH, kernelW, stride, padding, dilation);
            double[][] gradRows = new double[outChannels][];
            for (int o = 0; o < outChannels; o++) {
                gradRows[o] = flatten(gradOutput[n][o]);
                for (double g : gradRows[o]) {
                    biasGrad[o] += g;
                }
            }
            double[][] weightGradOfImage = Matrices.matmul(gradRows, Matrices.transpose(cols));
            for (int o = 0; o < outChannels; o++) {
                for (int k = 0; k < weightGrad2d[o].length; k++) {
                    weightGrad2d[o][k] += weightGradOfImage[o][k];
                }
            }
            int height = input[n][0].length, width = input[n][0][0].length;
            inputGrad[n] = col2im(Matrices.matmul(filtersT, gradRows), channels, height, width, kernelH, kernelW,
                    stride, padding, dilation);
        }
        double[][][][] weightGrad = new double[outChannels][channels][kernelH][kernelW];
        for (int o = 0; o < outChannels; o++) {
            for (int k = 0; k < weightGrad2d[o].length; k++) {
                weightGrad[o][k / (kernelH * kernelW)][k / kernelW % kernelH][k % kernelW] = weightGrad2d[o][k];
            }
        }
        return new Results.ConvGradients(inputGrad, weightGrad, biasGrad);
    }

    /** The adjoint of im2col: each entry of cols is added back onto the pixel it was read from. */
    private static double[][][] col2im(double[][] colsGrad, int channels, int height, int width, int kernelH, int kernelW,
                                       int stride, int padding, int dilation) {
        int outH = outputSize(height, kernelH, stride, padding, dilation);
        int outW = outputSize(width, kernelW, stride, padding, dilation);
        double[][][] image = new double[channels][height][width];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < kernelH; i++) {
                for (int j = 0; j < kernelW; j++) {
                    int row = (c * kernelH + i) * kernelW + j;
                    for (int oh = 0; oh < outH; oh++) {
                        for (int ow = 0; ow < outW; ow++) {
                            int ih = oh * stride - padding + i * dilation, iw = ow * stride - padding + j * dilation;
                            if (ih >= 0 && ih < height && iw >= 0 && iw < width) {
                                image[c][ih][iw] += colsGrad[row][oh * outW + ow];
                            }
                        }
                    }
                }
            }
        }
        return image;
    }

    private static double[] flatten(double[][] plane) {
        int width = plane[0].length;
        double[] out = new double[plane.length * width];
        for (int h = 0; h < plane.length; h++) {
            System.arraycopy(plane[h], 0, out, h * width, width);
        }
        return out;
    }
}
