package jgrad.nn;

import jgrad.DType;
import jgrad.Grad;
import jgrad.Shape;
import jgrad.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The base class of every layer and model: a tree of modules that own parameters and buffers.
 *
 * <p>A subclass registers what it owns in its constructor, and the tree gives every tensor a
 * dotted name the way PyTorch does, so a {@link #stateDict()} has the same keys as PyTorch's:
 * <pre>{@code
 * var model = new Sequential(new Linear(784, 128), new ReLU(), new Linear(128, 10));
 * model.stateDict().keySet();   // [0.weight, 0.bias, 2.weight, 2.bias]
 * var logits = model.forward(Tensor.randn(32, 784));
 * }</pre>
 *
 * <ul>
 *   <li><b>Parameters</b> are leaf tensors that require grad ({@link #registerParameter}); the
 *       optimizer updates them in place, so a module and its optimizer keep sharing them.</li>
 *   <li><b>Buffers</b> are state that is saved but not trained, such as BatchNorm's running
 *       statistics ({@link #registerBuffer}).</li>
 *   <li><b>Children</b> are sub-modules ({@link #registerModule}); their names prefix their keys.</li>
 * </ul>
 * jgrad has no separate {@code Parameter} type: Java cannot subclass the final {@link Tensor}, and
 * "a registered leaf with requiresGrad" is all PyTorch's {@code nn.Parameter} means.
 */
public abstract class Module {
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Applies the module to one input. Modules with other inputs add their own methods. */
    public abstract Tensor forward(Tensor input);

    // ---------------------------------------------------------------------------------------------
    // Registration (called from subclass constructors)
    // ---------------------------------------------------------------------------------------------

    /**
     * Registers {@code tensor} under {@code name} as a trainable parameter: it becomes a leaf that
     * requires grad. A null tensor (e.g. {@code bias=false}) is not registered. Returns the tensor.
     */
    protected final Tensor registerParameter(String name, Tensor tensor) {
        checkName(name);
        if (tensor == null) {
            return null;
        }
        if (!tensor.isLeaf()) {
            throw new IllegalArgumentException("registerParameter: '" + name + "' must be a leaf tensor (use detach()), "
                    + "but it was made by " + tensor.gradFn().name());
        }
        parameters.put(name, tensor.requiresGrad(true));
        return tensor;
    }

    /** Registers a non-trainable tensor that is saved in the state dict. Returns the tensor. */
    protected final Tensor registerBuffer(String name, Tensor tensor) {
        checkName(name);
        buffers.put(name, tensor);
        return tensor;
    }

    /** Registers a child module; its parameters appear under {@code name + "."}. Returns the module. */
    protected final <M extends Module> M registerModule(String name, M module) {
        checkName(name);
        children.put(name, module);
        return module;
    }

    private void checkName(String name) {
        if (name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": invalid name '" + name
                    + "' (expected a non-empty name without '.')");
        }
        if (parameters.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": '" + name + "' is already registered");
        }
    }

    /**
     * This module's child {@code name}. A module that reaches its children through this (rather
     * than through a field) at forward time lets {@link #setSubmodule} swap them, which is how
     * LoRA and adapters wrap the linear layers of a pretrained model (see {@code jgrad.nn.Peft}).
     */
    protected final Module child(String name) {
        Module module = children.get(name);
        if (module == null) {
            throw new IllegalStateException(getClass().getSimpleName() + ": no child '" + name + "' (children: " + children.keySet() + ")");
        }
        return module;
    }

    /** The descendant at the dotted {@code path} (e.g. {@code encoder.layer.0.attention.self.query}), like PyTorch's {@code get_submodule}. */
    public Module getSubmodule(String path) {
        Module module = namedModules().get(path);
        if (module == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": no submodule '" + path + "'");
        }
        return module;
    }

    /**
     * Puts {@code replacement} where the descendant at {@code path} was, under the same name (PyTorch's
     * {@code set_submodule}). It takes effect in parents that reach that child through
     * {@link #child(String)} at forward time, as {@code BertModel} and {@code GPT} do.
     */
    public void setSubmodule(String path, Module replacement) {
        int dot = path.lastIndexOf('.');
        Module parent = dot < 0 ? this : getSubmodule(path.substring(0, dot));
        String name = path.substring(dot + 1);
        if (!parent.children.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": no submodule '" + path + "' to replace");
        }
        parent.children.put(name, replacement);
    }

    /** This module's own parameter {@code name} (not a child's), or null when absent. */
    protected final Tensor parameter(String name) {
        return parameters.get(name);
    }

    /** This module's own buffer {@code name}, or null when absent. */
    protected final Tensor buffer(String name) {
        return buffers.get(name);
    }

    // ---------------------------------------------------------------------------------------------
    // Walking the tree
    // ---------------------------------------------------------------------------------------------

    /** The direct children by name, in registration order. */
    public Map<String, Module> namedChildren() {
        return Collections.unmodifiableMap(children);
    }

    /** This module and all its descendants, depth first, keyed by dotted path ("" for this one). */
    public Map<String, Module> namedModules() {
        Map<String, Module> out = new LinkedHashMap<>();
        collectModules("", this, out);
        return out;
    }

    private static void collectModules(String prefix, Module module, Map<String, Module> out) {
        out.put(prefix, module);
        module.children.forEach((name, child) -> collectModules(prefix.isEmpty() ? name : prefix + "." + name, child, out));
    }

    /** Calls {@code action} on this module and every descendant (like PyTorch's {@code apply}). */
    public Module apply(Consumer<Module> action) {
        namedModules().values().forEach(action);
        return this;
    }

    /**
     * All parameters of the tree by dotted name, e.g. {@code 0.weight}. A tensor shared by two
     * modules (tied weights) is listed once, under the first name that reaches it.
     */
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        Map<Tensor, Boolean> seen = new IdentityHashMap<>();
        namedModules().forEach((prefix, module) -> module.parameters.forEach((name, tensor) -> {
            if (seen.put(tensor, true) == null) {
                out.put(qualified(prefix, name), tensor);
            }
        }));
        return out;
    }

    /** All parameters of the tree, each once: what an optimizer is given. */
    public List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** All buffers of the tree by dotted name, e.g. {@code 1.running_mean}. */
    public Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        namedModules().forEach((prefix, module) ->
                module.buffers.forEach((name, tensor) -> out.put(qualified(prefix, name), tensor)));
        return out;
    }

    private static String qualified(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    /** Total number of parameter elements. */
    public long parameterCount() {
        return parameters().stream().mapToLong(Tensor::numel).sum();
    }

    // ---------------------------------------------------------------------------------------------
    // Modes and gradients
    // ---------------------------------------------------------------------------------------------

    /** Training mode for this module and all descendants (Dropout drops, BatchNorm uses batch statistics). */
    public Module train() {
        return train(true);
    }

    public Module train(boolean mode) {
        apply(module -> module.training = mode);
        return this;
    }

    /** Evaluation mode: same as {@code train(false)}. */
    public Module eval() {
        return train(false);
    }

    public boolean isTraining() {
        return training;
    }

    /** Clears the gradient of every parameter (PyTorch's default {@code set_to_none=True}). */
    public void zeroGrad() {
        parameters().forEach(Tensor::zeroGrad);
    }

    /**
     * Converts every floating parameter and buffer to {@code dtype} (e.g. float64 for gradient
     * checking). Parameters become new tensors, so create the optimizer after calling this. A frozen
     * parameter ({@code requiresGrad(false)}) stays frozen, as in PyTorch.
     */
    public Module to(DType dtype) {
        if (!dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("Module.to: expected float32 or float64, got " + dtype);
        }
        // One converted copy per tensor, so weights shared by two modules stay shared.
        Map<Tensor, Tensor> converted = new IdentityHashMap<>();
        for (Module module : namedModules().values()) {
            module.parameters.replaceAll((name, tensor) -> tensor.dtype() == dtype ? tensor
                    : converted.computeIfAbsent(tensor, t -> t.detach().to(dtype).requiresGrad(t.requiresGrad())));
            module.buffers.replaceAll((name, tensor) -> tensor.dtype().isFloatingPoint()
                    ? converted.computeIfAbsent(tensor, t -> t.to(dtype)) : tensor);
        }
        return this;
    }

    // ---------------------------------------------------------------------------------------------
    // State dict
    // ---------------------------------------------------------------------------------------------

    /**
     * Parameters and buffers by dotted name, as detached tensors that share storage with the module
     * (like PyTorch). Save it with {@code Safetensors.save}.
     */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        namedModules().forEach((prefix, module) -> {
            module.parameters.forEach((name, tensor) -> out.put(qualified(prefix, name), tensor.detach()));
            module.buffers.forEach((name, tensor) -> out.put(qualified(prefix, name), tensor.detach()));
        });
        return out;
    }

    /** Keys that did not match in {@link #loadStateDict(Map, boolean)}. */
    public record IncompatibleKeys(List<String> missingKeys, List<String> unexpectedKeys) {
    }

    /** {@link #loadStateDict(Map, boolean)} with {@code strict = true}. */
    public IncompatibleKeys loadStateDict(Map<String, Tensor> state) {
        return loadStateDict(state, true);
    }

    /**
     * Copies values from {@code state} into this module's parameters and buffers, in place (so an
     * optimizer built on this module keeps working). Every shape must match; values are converted
     * to each tensor's dtype. With {@code strict}, missing or unexpected keys are an error too.
     * Nothing is copied unless every check passes.
     *
     * @throws IllegalArgumentException listing every problem found
     */
    public IncompatibleKeys loadStateDict(Map<String, Tensor> state, boolean strict) {
        Map<String, Tensor> own = stateDict();
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        own.forEach((key, target) -> {
            Tensor source = state.get(key);
            if (source == null) {
                missing.add(key);
            } else if (!Arrays.equals(source.shape(), target.shape())) {
                errors.add("size mismatch for " + key + ": copying a tensor of shape " + Shape.format(source.shape())
                        + ", the shape in this module is " + Shape.format(target.shape()));
            }
        });
        state.keySet().stream().filter(key -> !own.containsKey(key)).forEach(unexpected::add);
        if (strict) {
            if (!missing.isEmpty()) errors.add("missing key(s): " + String.join(", ", missing));
            if (!unexpected.isEmpty()) errors.add("unexpected key(s): " + String.join(", ", unexpected));
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("Error(s) in loading state dict for " + getClass().getSimpleName()
                    + ":\n  " + String.join("\n  ", errors));
        }
        try (var ignored = Grad.noGrad()) {
            own.forEach((key, target) -> {
                Tensor source = state.get(key);
                if (source != null) {
                    target.copy_(source);
                }
            });
        }
        return new IncompatibleKeys(List.copyOf(missing), List.copyOf(unexpected));
    }

    // ---------------------------------------------------------------------------------------------
    // Printing
    // ---------------------------------------------------------------------------------------------

    /** The text between the parentheses of {@link #toString()}, e.g. {@code in_features=4, ...}. */
    protected String extraRepr() {
        return "";
    }

    /** Prints the tree like PyTorch: {@code Sequential(\n  (0): Linear(in_features=4, out_features=2, bias=true)\n)}. */
    @Override
    public String toString() {
        String name = getClass().getSimpleName();
        if (children.isEmpty()) {
            return name + "(" + extraRepr() + ")";
        }
        var sb = new StringBuilder(name).append("(");
        if (!extraRepr().isEmpty()) {
            sb.append("\n  ").append(extraRepr());
        }
        children.forEach((childName, child) -> sb.append("\n  (").append(childName).append("): ")
                .append(child.toString().replace("\n", "\n  ")));
        return sb.append("\n)").toString();
    }
}
