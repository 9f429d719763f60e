package jgrad.nn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import jgrad.Shape;
import jgrad.Tensor;
import jgrad.io.Safetensors;

/**
 * Parameter-efficient fine-tuning: wrap a pretrained model's linear layers, chosen by the regular
 * expression their dotted path must match, freeze the rest, and train (and save) only the small part.
 * <pre>{@code
 * Peft.applyLora(model, ".*attention\\.self\\.(query|value)", 8, 16, 0.1, rng);   // LoRA on W_Q and W_V
 * Peft.trainOnly(model, ".*(lora_|classifier).*");                              // freeze the rest
 * var opt = new AdamW(Peft.trainableParameters(model), 1e-3);
 * ...
 * Peft.saveLora(model, Path.of("lora.safetensors"));                             // only lora_A / lora_B
 * }</pre>
 * Wrapping works in models whose modules reach their children by name ({@link Module#setSubmodule});
 * {@code BertModel} and {@code GPT} do. Prefix tuning lives in {@code BertModel.addPrefixes}.
 */
public final class Peft {
    private Peft() {
    }

    /** Wraps every {@link Linear} whose path matches {@code pathRegex} in a {@link LoraLinear}; returns the paths. */
    public static List<String> applyLora(Module model, String pathRegex, int rank, double alpha, double dropout,
                                         RandomGenerator generator) {
        return wrapLinears(model, pathRegex, "applyLora", base -> new LoraLinear(base, rank, alpha, dropout, generator));
    }

    /** Wraps every {@link Linear} whose path matches {@code pathRegex} in an {@link AdaptedLinear}; returns the paths. */
    public static List<String> addAdapters(Module model, String pathRegex, int bottleneck, RandomGenerator generator) {
        return wrapLinears(model, pathRegex, "addAdapters", base -> new AdaptedLinear(base, bottleneck, generator));
    }

    private static List<String> wrapLinears(Module model, String pathRegex, String what, Function<Linear, Module> wrap) {
        Pattern pattern = Pattern.compile(pathRegex);
        List<String> wrapped = new ArrayList<>();
        List<String> linears = new ArrayList<>();
        for (var entry : new LinkedHashMap<>(model.namedModules()).entrySet()) {
            if (entry.getValue() instanceof Linear linear) {
                linears.add(entry.getKey());
                if (pattern.matcher(entry.getKey()).matches()) {
                    model.setSubmodule(entry.getKey(), wrap.apply(linear));
                    wrapped.add(entry.getKey());
                }
            }
        }
        if (wrapped.isEmpty()) {
            throw new IllegalArgumentException("Peft." + what + ": no linear layer's path matches \"" + pathRegex
                    + "\"; the linear layers are " + linears);
        }
        return wrapped;
    }

    /** Sets requiresGrad on the parameters whose name matches {@code nameRegex} and clears it on all others. */
    public static void trainOnly(Module model, String nameRegex) {
        Pattern pattern = Pattern.compile(nameRegex);
        model.namedParameters().forEach((name, p) -> {
            p.requiresGrad(pattern.matcher(name).matches());
            if (!p.requiresGrad()) {
                p.zeroGrad();
            }
        });
    }

    /** The parameters that require grad, by name: what an optimizer is given after {@link #trainOnly}. */
    public static Map<String, Tensor> namedTrainableParameters(Module model) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        model.namedParameters().forEach((name, p) -> {
            if (p.requiresGrad()) {
                out.put(name, p);
            }
        });
        return out;
    }

    public static List<Tensor> trainableParameters(Module model) {
        return new ArrayList<>(namedTrainableParameters(model).values());
    }

    /** Number of trainable parameter elements. */
    public static long trainableCount(Module model) {
        return namedTrainableParameters(model).values().stream().mapToLong(Tensor::numel).sum();
    }

    /** The LoRA tensors by name ({@code ...query.lora_A}, {@code ...query.lora_B}), sharing storage with the model. */
    public static Map<String, Tensor> loraStateDict(Module model) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        model.stateDict().forEach((name, t) -> {
            if (name.endsWith(".lora_A") || name.endsWith(".lora_B")) {
                out.put(name, t);
            }
        });
        return out;
    }

    /** Saves only the LoRA tensors as safetensors (atomically): kilobytes where the model takes megabytes. */
    public static void saveLora(Module model, Path file) throws IOException {
        Map<String, Tensor> lora = loraStateDict(model);
        if (lora.isEmpty()) {
            throw new IllegalStateException("Peft.saveLora: the model has no LoRA layers (see Peft.applyLora)");
        }
        Safetensors.save(lora, Map.of("format", "jgrad-lora"), file);
    }

    /**
     * Loads LoRA tensors saved by {@link #saveLora} into a model wrapped the same way; every name and
     * shape must match (the message lists what differs), and nothing is copied otherwise.
     */
    public static void loadLora(Module model, Path file) throws IOException {
        Map<String, Tensor> saved = Safetensors.load(file);
        Map<String, Tensor> own = loraStateDict(model);
        List<String> problems = new ArrayList<>();
        own.keySet().stream().filter(k -> !saved.containsKey(k)).forEach(k -> problems.add("missing in file: " + k));
        saved.forEach((name, t) -> {
            Tensor target = own.get(name);
            if (target == null) {
                problems.add("no LoRA layer for: " + name);
            } else if (!java.util.Arrays.equals(target.shape(), t.shape())) {
                problems.add(name + ": file has " + Shape.format(t.shape()) + ", model has " + Shape.format(target.shape()));
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Peft.loadLora(" + file + "):\n  " + String.join("\n  ", problems));
        }
        try (var ignored = jgrad.Grad.noGrad()) {
            saved.forEach((name, t) -> own.get(name).copy_(t));
        }
    }

    /** Merges every {@link LoraLinear} of the model into its weight. */
    public static void mergeLora(Module model) {
        model.namedModules().values().forEach(m -> {
            if (m instanceof LoraLinear lora) lora.merge();
        });
    }

    /** Takes every merged {@link LoraLinear}'s update back out of its weight. */
    public static void unmergeLora(Module model) {
        model.namedModules().values().forEach(m -> {
            if (m instanceof LoraLinear lora) lora.unmerge();
        });
    }
}
