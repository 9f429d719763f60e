package jgrad.models;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import jgrad.io.AtomicFiles;
import jgrad.io.Json;

/**
 * The size of a BERT model, with the fields (and, in {@code config.json}, the names) of Hugging
 * Face's {@code BertConfig}. {@code bert-base-uncased} is
 * {@code new BertConfig(30522, 768, 12, 12, 3072, 0.1, 0.1, 512, 2, 1e-12, 0, 0.02)}.
 *
 * @param vocabSize                 word-piece vocabulary size
 * @param hiddenSize                width C of every position's vector
 * @param numHiddenLayers           encoder layers
 * @param numAttentionHeads         heads per layer (C must be a multiple)
 * @param intermediateSize          width of the feed-forward layer (usually 4C)
 * @param hiddenDropoutProb         dropout on embeddings and sublayer outputs
 * @param attentionProbsDropoutProb dropout on the attention weights
 * @param maxPositionEmbeddings     longest sequence (rows of the learned position table)
 * @param typeVocabSize             token types (2: first and second text of a pair)
 * @param layerNormEps              BERT uses 1e-12
 * @param padTokenId                id of {@code [PAD]}: its embedding row gets no gradient
 * @param initializerRange          std of the normal initialisation of weights (0.02)
 */
public record BertConfig(int vocabSize, int hiddenSize, int numHiddenLayers, int numAttentionHeads, int intermediateSize,
                         double hiddenDropoutProb, double attentionProbsDropoutProb, int maxPositionEmbeddings,
                         int typeVocabSize, double layerNormEps, int padTokenId, double initializerRange) {
    public BertConfig {
        if (vocabSize <= 0 || hiddenSize <= 0 || numHiddenLayers <= 0 || numAttentionHeads <= 0 || intermediateSize <= 0
                || maxPositionEmbeddings <= 0 || typeVocabSize <= 0 || hiddenSize % numAttentionHeads != 0) {
            throw new IllegalArgumentException("BertConfig: sizes must be positive and hidden_size a multiple of "
                    + "num_attention_heads, got " + this);
        }
    }

    /** A small configuration with BERT's constants (eps 1e-12, 2 token types, pad id 0, init 0.02). */
    public static BertConfig small(int vocabSize, int hiddenSize, int layers, int heads, int maxPositions, double dropout) {
        return new BertConfig(vocabSize, hiddenSize, layers, heads, 4 * hiddenSize, dropout, dropout, maxPositions, 2,
                1e-12, 0, 0.02);
    }

    /** The configuration with another dropout (e.g. 0 for parity tests). */
    public BertConfig withDropout(double dropout) {
        return new BertConfig(vocabSize, hiddenSize, numHiddenLayers, numAttentionHeads, intermediateSize, dropout, dropout,
                maxPositionEmbeddings, typeVocabSize, layerNormEps, padTokenId, initializerRange);
    }

    /** Reads Hugging Face's {@code config.json} (absent optional fields take BERT's defaults). */
    public static BertConfig fromJson(Path configJson) throws IOException {
        String where = "config.json (" + configJson + ")";
        if (!(Json.parse(Files.readString(configJson, StandardCharsets.UTF_8), where) instanceof Map<?, ?> json)) {
            throw new IOException(where + ": expected a JSON object");
        }
        if (json.containsKey("hidden_act") && !"gelu".equals(json.get("hidden_act"))) {
            throw new IOException(where + ": hidden_act " + json.get("hidden_act") + " is not supported (BertModel here uses exact \"gelu\")");
        }
        return new BertConfig(integer(json, "vocab_size", -1, where), integer(json, "hidden_size", -1, where),
                integer(json, "num_hidden_layers", -1, where), integer(json, "num_attention_heads", -1, where),
                integer(json, "intermediate_size", -1, where), number(json, "hidden_dropout_prob", 0.1, where),
                number(json, "attention_probs_dropout_prob", 0.1, where), integer(json, "max_position_embeddings", 512, where),
                integer(json, "type_vocab_size", 2, where), number(json, "layer_norm_eps", 1e-12, where),
                integer(json, "pad_token_id", 0, where), number(json, "initializer_range", 0.02, where));
    }

    /** Writes {@code config.json} with Hugging Face's names, atomically. */
    public void save(Path configJson) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model_type", "bert");
        json.put("vocab_size", vocabSize);
        json.put("hidden_size", hiddenSize);
        json.put("num_hidden_layers", numHiddenLayers);
        json.put("num_attention_heads", numAttentionHeads);
        json.put("intermediate_size", intermediateSize);
        json.put("hidden_act", "gelu");
        json.put("hidden_dropout_prob", hiddenDropoutProb);
        json.put("attention_probs_dropout_prob", attentionProbsDropoutProb);
        json.put("max_position_embeddings", maxPositionEmbeddings);
        json.put("type_vocab_size", typeVocabSize);
        json.put("layer_norm_eps", layerNormEps);
        json.put("pad_token_id", padTokenId);
        json.put("initializer_range", initializerRange);
        AtomicFiles.writeString(configJson, Json.write(json) + "\n");
    }

    private static int integer(Map<?, ?> json, String key, int fallback, String where) throws IOException {
        double value = number(json, key, fallback, where);
        if (value != Math.rint(value)) {
            throw new IOException(where + ": " + key + " must be an integer, got " + value);
        }
        return (int) value;
    }

    private static double number(Map<?, ?> json, String key, double fallback, String where) throws IOException {
        Object value = json.get(key);
        if (value == null) {
            if (fallback < 0) {
                throw new IOException(where + ": the field " + key + " is missing");
            }
            return fallback;
        }
        if (!(value instanceof Number n)) {
            throw new IOException(where + ": " + key + " must be a number, got " + Json.describe(value));
        }
        return n.doubleValue();
    }
}
