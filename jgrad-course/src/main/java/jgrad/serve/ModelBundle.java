package jgrad.serve;

import jgrad.io.AtomicFiles;
import jgrad.io.Json;
import jgrad.io.Safetensors;
import jgrad.models.BertConfig;
import jgrad.models.BertForSequenceClassification;
import jgrad.models.CharLSTM;
import jgrad.models.GPT;
import jgrad.models.MLP;
import jgrad.models.SmallCnn;
import jgrad.nn.Module;
import jgrad.text.BertTokenizer;
import jgrad.text.CharTokenizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A saved model as the server loads it: a directory with {@code config.json}, {@code model.safetensors}
 * (the state dict) and, for text models, {@code tokenizer.txt} ({@link CharTokenizer#save}).
 *
 * <pre>
 * {"name": "digits", "task": "image-classification",
 *  "model": {"class": "SmallCnn", "channels1": 8, "channels2": 16, "hidden": 64},
 *  "preprocessing": {"shape": [1, 28, 28], "scale": 1.0, "mean": 0.0, "std": 1.0},
 *  "labels": ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]}
 *
 * {"name": "fortunes", "task": "text-generation",
 *  "model": {"class": "GPT", "block_size": 64, "vocab_size": 80, "n_layer": 2, "n_head": 4, "n_embd": 64, "bias": true},
 *  "max_tokens": 256, "max_prompt_chars": 256}
 * </pre>
 * Model classes: {@code SmallCnn} (channels1, channels2, hidden), {@code MLP} (inputs, classes,
 * hidden: [..]), {@code GPT} (block_size, vocab_size, n_layer, n_head, n_embd, bias),
 * {@code CharLSTM} (vocab_size, embedding_dim, hidden_size, num_layers), {@code BertForSequenceClassification}
 * (vocab_size, hidden_size, num_layers, num_heads, max_positions, num_labels; task "text-classification",
 * with {@code vocab.txt} and "labels"). The config is written
 * first and the model built from it, so what is saved is what the server rebuilds.
 */
public final class ModelBundle {
    public static final String CONFIG = "config.json";
    public static final String WEIGHTS = "model.safetensors";
    public static final String TOKENIZER = "tokenizer.txt";
    /** The WordPiece vocabulary of a text classifier ({@link BertTokenizer#save}). */
    public static final String VOCAB = "vocab.txt";

    private ModelBundle() {
    }

    /** Builds the untrained module a config's {@code "model"} object describes (seeded, so tests repeat). */
    public static Module build(Map<String, Object> modelConfig, long seed) {
        var f = Fields.of("model", modelConfig);
        var random = new SplittableRandom(seed);
        String name = f.string("class");
        return switch (name) {
            case "SmallCnn" -> new SmallCnn((int) f.integer("channels1", 1, 4096), (int) f.integer("channels2", 1, 4096),
                    (int) f.integer("hidden", 1, 1 << 16));
            case "MLP" -> new MLP((int) f.integer("inputs", 1, 1 << 24), (int) f.integer("classes", 1, 1 << 16),
                    f.integers("hidden", 1, 1 << 16));
            case "GPT" -> new GPT(new GPT.Config((int) f.integer("block_size", 1, 1 << 16), (int) f.integer("vocab_size", 1, 1 << 20),
                    (int) f.integer("n_layer", 1, 256), (int) f.integer("n_head", 1, 256), (int) f.integer("n_embd", 1, 1 << 16),
                    0.0, f.bool("bias", true)), random);
            case "CharLSTM" -> new CharLSTM((int) f.integer("vocab_size", 1, 1 << 20), (int) f.integer("embedding_dim", 1, 1 << 16),
                    (int) f.integer("hidden_size", 1, 1 << 16), (int) f.integer("num_layers", 1, 64), 0.0, random);
            case "BertForSequenceClassification" -> new BertForSequenceClassification(BertConfig.small(
                    (int) f.integer("vocab_size", 1, 1 << 20), (int) f.integer("hidden_size", 1, 1 << 16),
                    (int) f.integer("num_layers", 1, 64), (int) f.integer("num_heads", 1, 256),
                    (int) f.integer("max_positions", 3, 1 << 16), 0.0), (int) f.integer("num_labels", 1, 1 << 16), random);
            default -> throw new IllegalArgumentException("model: unknown class \"" + name
                    + "\" (SmallCnn, MLP, GPT, CharLSTM, BertForSequenceClassification)");
        };
    }

    /** Writes {@code config}, the model's state dict and (when not null) the tokenizer into {@code directory}. */
    public static void save(Path directory, Map<String, Object> config, Module model, CharTokenizer tokenizer) throws IOException {
        Files.createDirectories(directory);
        Safetensors.save(model.stateDict(), Map.of("config", Json.write(config)), directory.resolve(WEIGHTS));
        if (tokenizer != null) {
            tokenizer.save(directory.resolve(TOKENIZER));
        }
        AtomicFiles.writeString(directory.resolve(CONFIG), Json.write(config) + "\n");
    }

    /** A config for an image classifier over {@code (C, H, W)} pixels in [0, 1], labels "0".."K-1". */
    public static Map<String, Object> imageClassifierConfig(String name, Map<String, Object> model, int classes) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("task", "image-classification");
        config.put("model", model);
        config.put("preprocessing", new LinkedHashMap<>(Map.of("shape", List.of(1L, 28L, 28L), "scale", 1.0, "mean", 0.0, "std", 1.0)));
        config.put("labels", java.util.stream.IntStream.range(0, classes).mapToObj(Integer::toString).toList());
        return config;
    }

    /** A config for a text generator answering at most {@code maxTokens} tokens a request. */
    public static Map<String, Object> textGeneratorConfig(String name, Map<String, Object> model, int maxTokens) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("task", "text-generation");
        config.put("model", model);
        config.put("max_tokens", (long) maxTokens);
        config.put("max_prompt_chars", 256L);
        return config;
    }

    /**
     * Loads the model saved in {@code directory}, checking the config and that the weights match the
     * model it describes (every key present, every shape right).
     */
    public static ServedModel load(Path directory, ImageClassifier.BatchLimits limits) throws IOException {
        Path configFile = directory.resolve(CONFIG);
        var config = Fields.of(configFile.toString(), Json.parse(Files.readString(configFile, StandardCharsets.UTF_8), configFile.toString()));
        @SuppressWarnings("unchecked")
        Module model = build((Map<String, Object>) config.object("model").values(), 0);
        var keys = model.loadStateDict(Safetensors.load(directory.resolve(WEIGHTS)));
        if (!keys.missingKeys().isEmpty() || !keys.unexpectedKeys().isEmpty()) {
            throw new IOException(directory.resolve(WEIGHTS) + " does not match " + configFile + ": missing " + keys.missingKeys()
                    + ", unexpected " + keys.unexpectedKeys());
        }
        String name = config.string("name");
        if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException(configFile + ": \"name\" must be 1 to 64 letters, digits, '_' or '-', got \"" + name + "\"");
        }
        return switch (config.string("task")) {
            case "image-classification" -> {
                var p = config.object("preprocessing");
                int[] shape = p.integers("shape", 1, 1 << 16);
                if (shape.length != 3) {
                    throw new IllegalArgumentException(configFile + ": preprocessing.shape must be [C, H, W], got " + p.list("shape"));
                }
                var preprocessing = new ImageClassifier.Preprocessing(shape, p.number("scale", 1e-9, 1e9),
                        p.number("mean", -1e9, 1e9), p.number("std", 1e-9, 1e9));
                List<String> labels = config.list("labels").stream().map(String::valueOf).toList();
                yield new ImageClassifier(name, model, preprocessing, labels, limits);
            }
            case "text-generation" -> new TextGenerator(name, model, CharTokenizer.load(directory.resolve(TOKENIZER)),
                    (int) config.integer("max_tokens", 1, 1 << 16), (int) config.integer("max_prompt_chars", 1, 1 << 16, 256),
                    limits.maxQueue());
            case "text-classification" -> {
                if (!(model instanceof BertForSequenceClassification bert)) {
                    throw new IllegalArgumentException(configFile + ": text-classification needs a BertForSequenceClassification");
                }
                yield new TextClassifierService(name, bert, BertTokenizer.fromVocabFile(directory.resolve(VOCAB), true),
                        (int) config.object("model").integer("max_positions", 3, 1 << 16), (int) config.integer("max_chars", 1, 1 << 20, 2000),
                        config.list("labels").stream().map(String::valueOf).toList(), limits);
            }
            default -> throw new IllegalArgumentException(configFile + ": unknown task \"" + config.string("task")
                    + "\" (image-classification, text-generation, text-classification)");
        };
    }
}
