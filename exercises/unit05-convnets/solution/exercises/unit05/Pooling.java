package exercises.unit05;

/** Reference solution of task 4 (see {@code src/} for the task description). */
public final class Pooling {
    private Pooling() {
    }

    public static Results.MaxPool maxPool2d(double[][][][] input, int kernel, int stride) {
        int batch = input.length, channels = input[0].length, height = input[0][0].length, width = input[0][0][0].length;
        int outH = (height - kernel) / stride + 1, outW = (width - kernel) / stride + 1;
        double[][][][] output = new double[batch][channels][outH][outW];
        int[][][][] argmax = new int[batch][channels][outH][outW];
        for (int n = 0; n < batch; n++) {
            for (int c = 0; c < channels; c++) {
                for (int oh = 0; oh < outH; oh++) {
                    for (int ow = 0; ow < outW; ow++) {
                        double best = Double.NEGATIVE_INFINITY;
                        int bestAt = -1;
                        for (int i = 0; i < kernel; i++) {
                            for (int j = 0; j < kernel; j++) {
                                int ih = oh * stride + i, iw = ow * stride + j;
                                if (bestAt < 0 || input[n][c][ih][iw] > best) {
                                    best = input[n][c][ih][iw];
                                    bestAt = ih * width + iw;
                                }
                            }
                        }
                        output[n][c][oh][ow] = best;
                        argmax[n][c][oh][ow] = bestAt;
                    }
                }
            }
        }
        return new Results.MaxPool(output, argmax);
    }

    public static double[][][][] maxPool2dBackward(double[][][][] gradOutput, int[][][][] argmax, int height, int width) {
        int batch = gradOutput.length, channels = gradOutput[0].length;
        double[][][][] inputGrad = new double[batch][channels][height][width];
        for (int n = 0; n < batch; n++) {
            for (int c = 0; c < channels; c++) {
                for (int oh = 0; oh < gradOutput[n][c].length; oh++) {
                    for (int ow = 0; ow < gradOutput[n][c][oh].length; ow++) {
                        int at = argmax[n][c][oh][ow];
                        inputGrad[n][c][at / width][at % width] += gradOutput[n][c][oh][ow];
                    }
                }
            }
        }
        return inputGrad;
    }
}
