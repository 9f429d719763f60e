package jgrad.nn;

import jgrad.Tensor;

import java.util.Iterator;
import java.util.List;

/**
 * A list of modules whose parameters are registered under {@code 0, 1, 2, ...}, for models that
 * loop over blocks themselves (e.g. transformer layers: {@code blocks.3.attn.weight}). It has no
 * forward of its own.
 */
public final class ModuleList extends Module implements Iterable<Module> {
    public ModuleList(List<? extends Module> modules) {
        modules.forEach(this::add);
    }

    public ModuleList(Module... modules) {
        this(List.of(modules));
    }

    /** Appends a module, registered under the next index. */
    public ModuleList add(Module module) {
        registerModule(Integer.toString(size()), module);
        return this;
    }

    public Module get(int index) {
        return child(Integer.toString(index));
    }

    public int size() {
        return namedChildren().size();
    }

    @Override
    public Iterator<Module> iterator() {
        // read from the registry, so a block swapped by setSubmodule is the one iterated
        return List.copyOf(namedChildren().values()).iterator();
    }

    /** Always throws: a ModuleList is a container, the owner decides how to call its members. */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("ModuleList has no forward; iterate over its modules instead");
    }
}
