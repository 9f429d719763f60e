package jgrad.optim;

import jgrad.DType;
import jgrad.Grad;
import jgrad.KernelChoice;
import jgrad.Shape;
import jgrad.Storage;
import jgrad.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The base of every optimizer: parameter groups with their options, per-parameter state, and the
 * loop over parameters that have a gradient. A subclass writes {@link #update}, the documented
 * rule for one parameter, as a plain loop over its elements.
 *
 * <pre>{@code
 * var opt = new AdamW(model.parameters(), 1e-3);
 * opt.zeroGrad();
 * loss.backward();
 * opt.step();
 * }</pre>
 *
 * <p>State (momentum buffers, moment estimates, step counts) lives in tensors of the parameter's
 * dtype, exported by {@link #stateDict()} as {@code state.<i>.<name>} (i counts parameters across
 * groups, in order) plus {@code param_groups.<g>.<option>}, so a checkpoint file can hold it.
 */
public abstract class Optimizer {
    private final List<ParamGroup> paramGroups = new ArrayList<>();
    private final Map<Tensor, Map<String, Tensor>> state = new IdentityHashMap<>();
    private final Map<String, Double> defaults;

    protected Optimizer(List<Tensor> params, Map<String, Double> defaults) {
        this.defaults = new LinkedHashMap<>(defaults);
        addParamGroup(params, Map.of());
    }

    /** Adds parameters with their own option overrides (e.g. no weight decay for biases). */
    public void addParamGroup(List<Tensor> params, Map<String, Double> overrides) {
        if (params.isEmpty()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": got an empty parameter list");
        }
        for (Tensor p : params) {
            if (!p.requiresGrad() || !p.isLeaf() || !p.isContiguous()) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ": parameters must be contiguous leaf "
                        + "tensors that require grad, got one of shape " + Shape.format(p.shape()));
            }
            for (ParamGroup group : paramGroups) {
                if (group.params().stream().anyMatch(q -> q == p)) {
                    throw new IllegalArgumentException(getClass().getSimpleName() + ": a parameter appears in more than one group");
                }
            }
        }
        for (String key : overrides.keySet()) {
            if (!defaults.containsKey(key)) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ": unknown option '" + key + "' (known: " + defaults.keySet() + ")");
            }
        }
        Map<String, Double> options = new LinkedHashMap<>(defaults);
        options.putAll(overrides);
        paramGroups.add(new ParamGroup(params, options));
    }

    public List<ParamGroup> paramGroups() {
        return List.copyOf(paramGroups);
    }

    /** Clears every parameter's gradient (PyTorch's default {@code set_to_none=True}). */
    public void zeroGrad() {
        paramGroups.forEach(group -> group.params().forEach(Tensor::zeroGrad));
    }

    /** One update of every parameter that has a gradient, under no-grad. */
    public void step() {
        try (var ignored = Grad.noGrad()) {
            for (ParamGroup group : paramGroups) {
                for (Tensor p : group.params()) {
                    if (p.grad() == null) {
                        continue;
                    }
                    Map<String, Tensor> s = state.computeIfAbsent(p, k -> new LinkedHashMap<>());
                    Tensor step = s.computeIfAbsent("step", k -> Tensor.scalar(0, DType.FLOAT64));
                    step.set(step.item() + 1);
                    Tensor grad = p.grad().contiguous();
                    State st = new State(p, s);
                    long count = (long) step.item();
                    boolean done = KernelChoice.fastFloat32(p, grad)
                            && p.storage() instanceof Storage.F32 param && grad.storage() instanceof Storage.F32 g
                            && updateFloat32(param.array(), p.storageOffset(), g.array(), grad.storageOffset(), p.numel(),
                            group, st, count);
                    if (!done) {
                        update(p.storage(), p.storageOffset(), grad.toDoubleArray(), group, st, count);
                    }
                }
            }
        }
    }

    /**
     * Applies the rule to one parameter: {@code param.get(offset + i)} is element i, {@code grad[i]} its
     * gradient; {@code step} counts this parameter's updates from 1.
     */
    protected abstract void update(Storage param, int offset, double[] grad, ParamGroup group, State state, long step);

    /**
     * An optional fast path, taken when {@link KernelChoice#fastFloat32} says so: the same rule as
     * {@link #update} on the raw arrays of a float32 parameter and its gradient ({@code length} elements from the offsets), with float32 state
     * buffers. Returns false when this optimizer has none; then {@link #update} runs.
     */
    protected boolean updateFloat32(float[] param, int offset, float[] grad, int gradOffset, int length, ParamGroup group,
                                    State state, long step) {
        return false;
    }

    /** One parameter's named state buffers, created as zeros of its shape and dtype on first use. */
    protected static final class State {
        private final Tensor param;
        private final Map<String, Tensor> buffers;

        State(Tensor param, Map<String, Tensor> buffers) {
            this.param = param;
            this.buffers = buffers;
        }

        /** The buffer {@code name} (e.g. {@code exp_avg}), zero-filled when first asked for. */
        public Storage buffer(String name) {
            return buffers.computeIfAbsent(name, k -> Tensor.zerosLike(param)).storage();
        }

        /** {@link #buffer(String)} of a float32 parameter, as its array. */
        public float[] floatBuffer(String name) {
            return ((Storage.F32) buffer(name)).array();
        }

        /** The buffer {@code name} filled with {@code initialValue} when first asked for. */
        public Storage buffer(String name, double initialValue) {
            return buffers.computeIfAbsent(name, k -> Tensor.full(initialValue, param.dtype(), param.shape())).storage();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Checkpoints
    // ---------------------------------------------------------------------------------------------

    /** State and options as tensors: {@code state.<i>.<name>} and {@code param_groups.<g>.<option>} (float64 scalars). */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        int index = 0;
        for (ParamGroup group : paramGroups) {
            for (Tensor p : group.params()) {
                Map<String, Tensor> s = state.get(p);
                if (s != null) {
                    int i = index;
                    s.forEach((name, tensor) -> out.put("state." + i + "." + name, tensor.detach()));
                }
                index++;
            }
        }
        for (int g = 0; g < paramGroups.size(); g++) {
            int groupIndex = g;
            paramGroups.get(g).options().forEach((name, value) ->
                    out.put("param_groups." + groupIndex + "." + name, Tensor.scalar(value, DType.FLOAT64)));
        }
        return out;
    }

    /** Restores what {@link #stateDict()} produced for an optimizer over parameters of the same shapes. */
    public void loadStateDict(Map<String, Tensor> saved) {
        List<Tensor> params = new ArrayList<>();
        paramGroups.forEach(group -> params.addAll(group.params()));
        Map<Tensor, Map<String, Tensor>> restored = new IdentityHashMap<>();
        for (var entry : saved.entrySet()) {
            String[] parts = entry.getKey().split("\\.", 3);
            if (parts.length != 3) {
                throw new IllegalArgumentException("loadStateDict: unexpected key '" + entry.getKey() + "'");
            }
            int index = parseIndex(entry.getKey(), parts[1]);
            Tensor value = entry.getValue();
            switch (parts[0]) {
                case "state" -> {
                    if (index >= params.size()) {
                        throw new IllegalArgumentException("loadStateDict: '" + entry.getKey() + "' names parameter " + index
                                + " but this optimizer has " + params.size());
                    }
                    Tensor p = params.get(index);
                    boolean scalarStep = parts[2].equals("step") && value.numel() == 1;
                    if (!scalarStep && !Arrays.equals(value.shape(), p.shape())) {
                        throw new IllegalArgumentException("loadStateDict: '" + entry.getKey() + "' has shape "
                                + Shape.format(value.shape()) + " but parameter " + index + " has shape " + Shape.format(p.shape()));
                    }
                    Tensor copy = scalarStep ? Tensor.scalar(value.item(), DType.FLOAT64) : value.detach().to(p.dtype()).copy();
                    restored.computeIfAbsent(p, k -> new LinkedHashMap<>()).put(parts[2], copy);
                }
                case "param_groups" -> {
                    if (index >= paramGroups.size() || !paramGroups.get(index).has(parts[2])) {
                        throw new IllegalArgumentException("loadStateDict: '" + entry.getKey() + "' does not match this optimizer's groups");
                    }
                }
                default -> throw new IllegalArgumentException("loadStateDict: unexpected key '" + entry.getKey() + "'");
            }
        }
        saved.forEach((key, value) -> {
            if (key.startsWith("param_groups.")) {
                String[] parts = key.split("\\.", 3);
                paramGroups.get(Integer.parseInt(parts[1])).set(parts[2], value.item());
            }
        });
        state.clear();
        state.putAll(restored);
    }

    private static int parseIndex(String key, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("loadStateDict: '" + key + "' has no numeric index");
        }
    }

    /** PyTorch's checks on hyperparameters: a clear error instead of a diverging run. */
    static void requireNonNegative(String optimizer, String name, double value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException(optimizer + ": invalid " + name + " " + value + " (expected >= 0)");
        }
    }
}
