package jgrad.serve;

import jgrad.Grad;
import jgrad.Tensor;
import jgrad.models.BertForSequenceClassification;
import jgrad.text.BertTokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves a text classifier ({@link BertForSequenceClassification} with its WordPiece vocabulary)
 * with micro-batching: texts that arrive together are padded to the longest and classified in one
 * forward pass, the attention mask hiding the padding.
 *
 * <p>Request: {@code {"text": "a fine film", "id": optional}}; answer:
 * {@code {"id": ..., "label": "positive", "class": 1, "probabilities": [...]}}. Texts longer than the
 * model's positions are truncated to them (the answer says how many tokens were read).
 */
public final class TextClassifierService implements ServedModel {
    private final String name;
    private final BertForSequenceClassification model;
    private final BertTokenizer tokenizer;
    private final int maxTokens;
    private final int maxChars;
    private final List<String> labels;
    private final MicroBatcher<String, float[]> batcher;
    private final ImageClassifier.BatchLimits limits;

    public TextClassifierService(String name, BertForSequenceClassification model, BertTokenizer tokenizer, int maxTokens, int maxChars,
                                 List<String> labels, ImageClassifier.BatchLimits limits) {
        this.name = name;
        this.model = model;
        this.tokenizer = tokenizer;
        this.maxTokens = maxTokens;
        this.maxChars = maxChars;
        this.labels = List.copyOf(labels);
        this.limits = limits;
        model.eval();
        this.batcher = new MicroBatcher<>(name, limits.maxBatch(), limits.maxWait(), limits.maxQueue(), this::classifyBatch);
    }

    @Override
    public String name() {
        return name;
    }

    MicroBatcher<String, float[]> batcher() {
        return batcher;
    }

    /** The request's text; an {@link IllegalArgumentException} names what is wrong. */
    String parse(Fields request) {
        String text = request.string("text");
        if (text.isBlank() || text.length() > maxChars) {
            throw new IllegalArgumentException("text: expected 1 to " + maxChars + " characters (not all blank), got " + text.length());
        }
        return text;
    }

    /** Softmax probabilities for a batch of texts: one padded forward pass (B, T). */
    public List<float[]> classifyBatch(List<String> texts) {
        var batch = tokenizer.encodeBatch(texts, null, maxTokens, BertTokenizer.Padding.LONGEST);
        float[] probabilities;
        int classes;
        try (var ignored = Grad.noGrad()) {
            Tensor logits = model.forward(batch.inputIds(), batch.tokenTypeIds(), batch.attentionMask());   // (B, K)
            classes = logits.size(1);
            probabilities = logits.softmax(-1).toFloatArray();
        }
        List<float[]> rows = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            rows.add(Arrays.copyOfRange(probabilities, i * classes, (i + 1) * classes));
        }
        return rows;
    }

    /** The answer for one request. */
    Map<String, Object> answer(Object id, float[] probabilities) {
        return ClassAnswer.of(id, labels, probabilities);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("task", "text-classification");
        out.put("input", "text: 1 to " + maxChars + " characters, read up to " + maxTokens + " WordPiece tokens");
        out.put("labels", labels);
        out.put("max_batch", limits.maxBatch());
        out.put("batches", batcher.batches());
        out.put("rejected", batcher.rejected());
        return out;
    }

    @Override
    public void close() {
        batcher.close();
    }
}
