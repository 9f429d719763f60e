package jgrad.optim;

import jgrad.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters that share hyperparameters, PyTorch's {@code param_groups} entry: the tensors plus
 * named options such as {@code lr}, {@code momentum}, {@code weight_decay} (PyTorch's names).
 * Schedulers change {@code lr} here.
 */
public final class ParamGroup {
    private final List<Tensor> params;
    private final Map<String, Double> options;

    ParamGroup(List<Tensor> params, Map<String, Double> options) {
        this.params = List.copyOf(params);
        this.options = new LinkedHashMap<>(options);
    }

    public List<Tensor> params() {
        return params;
    }

    /** The option {@code name}, e.g. {@code get("lr")}. */
    public double get(String name) {
        Double value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("param group has no option '" + name + "' (it has " + options.keySet() + ")");
        }
        return value;
    }

    public void set(String name, double value) {
        get(name);
        options.put(name, value);
    }

    public boolean has(String name) {
        return options.containsKey(name);
    }

    /** A read-only view of every option. */
    public Map<String, Double> options() {
        return java.util.Collections.unmodifiableMap(options);
    }

    /** Adds an option that is not there yet (schedulers record {@code initial_lr}). */
    void putIfAbsent(String name, double value) {
        options.putIfAbsent(name, value);
    }
}
