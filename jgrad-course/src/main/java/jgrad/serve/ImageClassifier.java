package jgrad.serve;

import jgrad.Grad;
import jgrad.Tensor;
import jgrad.nn.Module;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves an image classifier ({@code SmallCnn}, {@code MLP}, ...) with micro-batching.
 *
 * <p>Request: {@code {"pixels": [...], "id": optional}} where {@code pixels} holds C·H·W numbers in
 * [0, scale], flat or nested ({@code [[row], [row], ...]}). The preprocessing from the model's
 * config turns each pixel p into {@code (p / scale - mean) / std}. Answer:
 * {@code {"id": ..., "label": "7", "class": 7, "probabilities": [p0, ..., p9]}}.
 *
 * <p>Concurrent requests are stacked into one {@code (B, C, H, W)} forward pass by a {@link MicroBatcher};
 * the model runs on the batcher's one thread only, so it needs no locking.
 */
public final class ImageClassifier implements ServedModel {
    private final String name;
    private final Module model;
    private final int[] shape;
    private final double scale;
    private final double mean;
    private final double std;
    private final List<String> labels;
    private final MicroBatcher<float[], float[]> batcher;

    /** One preprocessing step, {@code (p / scale - mean) / std}, for inputs of shape {@code (C, H, W)}. */
    public record Preprocessing(int[] shape, double scale, double mean, double std) {
    }

    public ImageClassifier(String name, Module model, Preprocessing preprocessing, List<String> labels, BatchLimits limits) {
        this.name = name;
        this.model = model;
        this.shape = preprocessing.shape().clone();
        this.scale = preprocessing.scale();
        this.mean = preprocessing.mean();
        this.std = preprocessing.std();
        this.labels = List.copyOf(labels);
        model.eval();
        this.batcher = new MicroBatcher<>(name, limits.maxBatch(), limits.maxWait(), limits.maxQueue(), this::predictBatch);
    }

    /** How the batcher gathers requests: batch size, wait for a fuller batch, queue length. */
    public record BatchLimits(int maxBatch, Duration maxWait, int maxQueue) {
    }

    @Override
    public String name() {
        return name;
    }

    public MicroBatcher<float[], float[]> batcher() {
        return batcher;
    }

    /** Checks and preprocesses a request's {@code pixels}; an {@link IllegalArgumentException} names what is wrong. */
    float[] parse(Fields request) {
        int expected = shape[0] * shape[1] * shape[2];
        float[] pixels = new float[expected];
        int count = flatten(request.required("pixels"), pixels, 0, expected);
        if (count != expected) {
            throw new IllegalArgumentException("pixels: expected " + expected + " numbers (" + shapeText() + "), got " + count);
        }
        return pixels;
    }

    private int flatten(Object value, float[] out, int count, int expected) {
        if (value instanceof List<?> list) {
            for (Object item : list) {
                count = flatten(item, out, count, expected);
            }
            return count;
        }
        if (!(value instanceof Number number) || value instanceof java.math.BigInteger) {
            throw new IllegalArgumentException("pixels: element " + count + " must be a number, got " + jgrad.io.Json.describe(value));
        }
        double pixel = number.doubleValue();
        if (!(pixel >= 0 && pixel <= scale)) {
            throw new IllegalArgumentException("pixels: element " + count + " is " + pixel + ", expected a value in [0, " + scale + "]");
        }
        if (count < expected) {
            out[count] = (float) ((pixel / scale - mean) / std);
        }
        return count + 1;
    }

    /** The answer for one request, given the probabilities the model gave it. */
    public Map<String, Object> answer(Object id, float[] probabilities) {
        return ClassAnswer.of(id, labels, probabilities);
    }

    /** Softmax probabilities for a batch of preprocessed images: one forward pass of shape (B, C, H, W). */
    public List<float[]> predictBatch(List<float[]> images) {
        int size = images.getFirst().length;
        float[] stacked = new float[images.size() * size];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i), 0, stacked, i * size, size);
        }
        float[] probabilities;
        int classes;
        try (var ignored = Grad.noGrad()) {
            Tensor logits = model.forward(Tensor.of(stacked, images.size(), shape[0], shape[1], shape[2]));   // (B, K)
            classes = logits.size(1);
            probabilities = logits.softmax(-1).toFloatArray();
        }
        List<float[]> rows = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            rows.add(java.util.Arrays.copyOfRange(probabilities, i * classes, (i + 1) * classes));
        }
        return rows;
    }

    private String shapeText() {
        return shape[0] + "x" + shape[1] + "x" + shape[2];
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("task", "image-classification");
        out.put("input", "pixels: " + shapeText() + " numbers in [0, " + scale + "]");
        out.put("labels", labels);
        out.put("batches", batcher.batches());
        out.put("batched_requests", batcher.items());
        out.put("rejected", batcher.rejected());
        return out;
    }

    @Override
    public void close() {
        batcher.close();
    }
}
