package jgrad.nn;

import jgrad.Tensor;

import java.util.List;

/**
 * A chain of modules: {@code forward(x) = m_n(...m_2(m_1(x)))}. Children are named {@code 0, 1, 2, ...},
 * so parameter keys read {@code 0.weight}, {@code 2.bias}, as in PyTorch.
 *
 * <pre>{@code
 * var mlp = new Sequential(new Linear(2, 16), new Tanh(), new Linear(16, 2));
 * Tensor logits = mlp.forward(x);     // (N, 2) -> (N, 2)
 * }</pre>
 */
public final class Sequential extends Module {
    private final List<Module> layers;

    public Sequential(Module... layers) {
        this(List.of(layers));
    }

    public Sequential(List<? extends Module> layers) {
        this.layers = List.copyOf(layers);
        for (int i = 0; i < this.layers.size(); i++) {
            registerModule(Integer.toString(i), this.layers.get(i));
        }
    }

    /** The layer at position {@code index}. */
    public Module get(int index) {
        return layers.get(index);
    }

    public int size() {
        return layers.size();
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor x = input;
        for (Module layer : layers) {
            x = layer.forward(x);
        }
        return x;
    }
}
