package jgrad.nn;

import jgrad.Tensor;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A list of modules whose parameters are registered under {@code 0, 1, 2, ...}, for models that
 * loop over blocks themselves (e.g. transformer layers: {@code blocks.3.attn.weight}). It has no
 * forward of its own.
 */
public final class ModuleList extends Module implements Iterable<Module> {
    private final List<Module> modules = new ArrayList<>();

    public ModuleList(List<? extends Module> modules) {
        modules.forEach(this::add);
    }

    public ModuleList(Module... modules) {
        this(List.of(modules));
    }

    /** Appends a module, registered under the next index. */
    public ModuleList add(Module module) {
        registerModule(Integer.toString(modules.size()), module);
        modules.add(module);
        return this;
    }

    public Module get(int index) {
        return modules.get(index);
    }

    public int size() {
        return modules.size();
    }

    @Override
    public Iterator<Module> iterator() {
        return List.copyOf(modules).iterator();
    }

    /** Always throws: a ModuleList is a container, the owner decides how to call its members. */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("ModuleList has no forward; iterate over its modules instead");
    }
}
