package jgrad.vision.segmentation;

import java.util.Locale;

/**
 * Pixel accuracy and intersection over union per class, from a confusion matrix of pixels
 * ({@code counts[true][predicted]}):
 * <pre>
 *   pixel accuracy = sum_c n_cc / sum n
 *   IoU_c = n_cc / (sum_k n_ck + sum_k n_kc - n_cc)       (true c or predicted c)
 *   mIoU = mean of IoU_c over the classes that occur in the truth or the prediction
 * </pre>
 */
public final class SegmentationMetrics {
    private final long[][] counts;

    public SegmentationMetrics(int classes) {
        counts = new long[classes][classes];
    }

    /** Adds predicted and true labels of the same pixels (any matching shapes, flattened). */
    public SegmentationMetrics add(long[] predicted, long[] actual) {
        if (predicted.length != actual.length) {
            throw new IllegalArgumentException("SegmentationMetrics: " + predicted.length + " predictions for " + actual.length + " pixels");
        }
        for (int i = 0; i < actual.length; i++) counts[(int) actual[i]][(int) predicted[i]]++;
        return this;
    }

    public double pixelAccuracy() {
        long right = 0, all = 0;
        for (int a = 0; a < counts.length; a++) {
            for (int p = 0; p < counts.length; p++) all += counts[a][p];
            right += counts[a][a];
        }
        return all == 0 ? Double.NaN : (double) right / all;
    }

    /** NaN for a class that neither occurs nor is predicted. */
    public double iou(int c) {
        long union = -counts[c][c];
        for (int k = 0; k < counts.length; k++) union += counts[c][k] + counts[k][c];
        return union == 0 ? Double.NaN : (double) counts[c][c] / union;
    }

    public double meanIou() {
        double sum = 0;
        int n = 0;
        for (int c = 0; c < counts.length; c++) {
            double iou = iou(c);
            if (!Double.isNaN(iou)) {
                sum += iou;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    public String report(java.util.List<String> names) {
        var sb = new StringBuilder(String.format(Locale.ROOT, "pixel accuracy %.4f, mIoU %.4f%n", pixelAccuracy(), meanIou()));
        for (int c = 0; c < counts.length; c++) {
            sb.append(String.format(Locale.ROOT, "  IoU %-10s %.4f%n", names.get(c), iou(c)));
        }
        return sb.toString();
    }
}
