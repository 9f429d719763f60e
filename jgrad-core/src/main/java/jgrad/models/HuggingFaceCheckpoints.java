package jgrad.models;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jgrad.Tensor;
import jgrad.io.Safetensors;
import jgrad.nn.Module;

/**
 * Loads Hugging Face {@code model.safetensors} files of BERT and GPT-2 into jgrad's models, and
 * says exactly what matched. No network: the files are local. Where to get them: the "Files" tab
 * of a model on the Hugging Face hub ({@code bert-base-uncased}: {@code model.safetensors},
 * {@code config.json}, {@code vocab.txt}; {@code gpt2}: {@code model.safetensors}, {@code config.json},
 * {@code vocab.json}, {@code merges.txt}), downloaded by hand or with {@code huggingface-cli download}.
 *
 * <ul>
 *   <li><b>BERT</b> ({@link #loadBert}): the names are {@link BertModel}'s. A checkpoint of a bare
 *       {@code BertModel} (keys {@code embeddings.*}) loads into a model with a {@code bert.} prefix
 *       and the other way round; the old TensorFlow-converted names {@code LayerNorm.gamma} and
 *       {@code beta} are read as {@code weight} and {@code bias}; the buffers {@code position_ids}
 *       and {@code token_type_ids} and the tied {@code cls.predictions.decoder.*} are recognised
 *       and skipped.</li>
 *   <li><b>GPT-2</b> ({@link #loadGpt2}): keys {@code h.N.attn.c_attn.weight}, {@code wte.weight}, …
 *       with or without {@code transformer.}; GPT-2's {@code Conv1D} layers store their weight as
 *       {@code (in, out)}, the transpose of a {@code Linear}'s, so {@code c_attn}, {@code c_proj}
 *       and {@code c_fc} weights are transposed; {@code lm_head.weight} is the tied {@code wte};
 *       the causal-mask buffers {@code attn.bias} and {@code attn.masked_bias} are skipped. Build the
 *       {@link GPT} with {@code geluApproximate = "tanh"} (GPT-2's GELU).</li>
 * </ul>
 * Everything that does not fit is reported rather than guessed: a wrong shape is an error, and the
 * missing and unexpected keys are listed in the returned {@link LoadReport}.
 */
public final class HuggingFaceCheckpoints {
    private HuggingFaceCheckpoints() {
    }

    /**
     * What a load did.
     *
     * @param loaded     the model's keys that received values
     * @param missing    the model's keys the checkpoint lacks (left as they were: e.g. a new classifier)
     * @param unexpected the checkpoint's keys the model has no place for (e.g. a pretraining head)
     * @param skipped    the checkpoint's keys recognised as buffers or tied copies and not needed
     */
    public record LoadReport(List<String> loaded, List<String> missing, List<String> unexpected, List<String> skipped) {
        /** A few lines for people: counts, then every missing and unexpected key. */
        public String describe() {
            var out = new StringBuilder();
            out.append("loaded ").append(loaded.size()).append(" tensors; ")
                    .append(missing.size()).append(" missing, ")
                    .append(unexpected.size()).append(" unexpected, ")
                    .append(skipped.size()).append(" skipped (buffers and tied copies)");
            if (!missing.isEmpty()) {
                out.append("\n  missing (kept as initialised): ").append(String.join(", ", missing));
            }
            if (!unexpected.isEmpty()) {
                out.append("\n  unexpected (ignored): ").append(String.join(", ", unexpected));
            }
            return out.toString();
        }

        public void print(PrintStream out) {
            out.println(describe());
        }
    }

    /** {@link #loadBert(Module, Map)} from a file. */
    public static LoadReport loadBert(Module model, Path modelSafetensors) throws IOException {
        return loadBert(model, read(modelSafetensors, "BERT"));
    }

    /**
     * Copies a Hugging Face BERT state into {@code model} (a {@link BertModel}, {@link BertForMaskedLM},
     * {@link BertForSequenceClassification}, or anything with those names).
     *
     * @throws IllegalArgumentException when a matched tensor has the wrong shape
     */
    public static LoadReport loadBert(Module model, Map<String, Tensor> checkpoint) {
        Set<String> own = model.stateDict().keySet();
        boolean modelPrefixed = own.stream().anyMatch(k -> k.startsWith("bert."));
        boolean checkpointPrefixed = checkpoint.keySet().stream().anyMatch(k -> k.startsWith("bert."));
        boolean tiedDecoder = own.contains("cls.predictions.bias");
        Map<String, Tensor> renamed = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        checkpoint.forEach((key, tensor) -> {
            String name = key.replaceAll("\\.gamma$", ".weight").replaceAll("\\.beta$", ".bias");
            if (modelPrefixed && !checkpointPrefixed && (name.startsWith("embeddings.") || name.startsWith("encoder.")
                    || name.startsWith("pooler."))) {
                name = "bert." + name;
            } else if (!modelPrefixed && checkpointPrefixed && name.startsWith("bert.")) {
                name = name.substring("bert.".length());
            }
            boolean buffer = name.endsWith("embeddings.position_ids") || name.endsWith("embeddings.token_type_ids");
            boolean tiedCopy = tiedDecoder && name.startsWith("cls.predictions.decoder.");
            if (buffer || tiedCopy) {
                skipped.add(key);
            } else {
                renamed.put(name, tensor);
            }
        });
        return load(model, renamed, skipped);
    }

    /** {@link #loadGpt2(GPT, Map)} from a file. */
    public static LoadReport loadGpt2(GPT model, Path modelSafetensors) throws IOException {
        return loadGpt2(model, read(modelSafetensors, "GPT-2"));
    }

    /** Copies a Hugging Face GPT-2 state ({@code GPT2Model} or {@code GPT2LMHeadModel}) into {@code model}. */
    public static LoadReport loadGpt2(GPT model, Map<String, Tensor> checkpoint) {
        Map<String, Tensor> renamed = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        checkpoint.forEach((key, tensor) -> {
            String name = key.startsWith("transformer.") || key.startsWith("lm_head.") ? key : "transformer." + key;
            boolean maskBuffer = name.matches("transformer\\.h\\.\\d+\\.attn\\.(bias|masked_bias)");
            if (maskBuffer || name.equals("lm_head.weight")) {
                skipped.add(key);
                return;
            }
            boolean conv1d = name.matches("transformer\\.h\\.\\d+\\.(attn\\.c_attn|attn\\.c_proj|mlp\\.c_fc|mlp\\.c_proj)\\.weight");
            renamed.put(name, conv1d && tensor.dim() == 2 ? tensor.t().contiguous() : tensor);
        });
        return load(model, renamed, skipped);
    }

    private static LoadReport load(Module model, Map<String, Tensor> state, List<String> skipped) {
        Set<String> own = model.stateDict().keySet();
        Map<String, Tensor> matched = new LinkedHashMap<>();
        List<String> unexpected = new ArrayList<>();
        state.forEach((name, tensor) -> {
            if (own.contains(name)) {
                matched.put(name, tensor);
            } else {
                unexpected.add(name);
            }
        });
        List<String> missing = own.stream().filter(k -> !matched.containsKey(k)).toList();
        model.loadStateDict(matched, false);
        return new LoadReport(List.copyOf(matched.keySet()), missing, List.copyOf(unexpected), List.copyOf(skipped));
    }

    private static Map<String, Tensor> read(Path file, String what) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("HuggingFaceCheckpoints: no " + what + " checkpoint at " + file
                    + " (expected the model.safetensors of a Hugging Face checkpoint folder)");
        }
        return Safetensors.load(file);
    }
}
