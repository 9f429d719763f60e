package jgrad.quant;

import jgrad.nn.Linear;
import jgrad.nn.Module;
import jgrad.nn.Sequential;

import java.util.ArrayList;
import java.util.List;

/**
 * Post-training quantisation of a model's linear layers: no retraining, no calibration data
 * (activation scales are computed per example at run time, see {@link QuantizedLinear}).
 *
 * <pre>{@code
 * var layers = (Sequential) mlp.namedChildren().get("layers");   // MLP and SmallCnn keep their layers here
 * Sequential int8 = Quantize.linearLayers(layers);
 * Tensor logits = int8.forward(images);
 * }</pre>
 * Convolutions stay float32: their int8 version would run im2col and then the same kernel, but
 * {@code Conv2d} does not expose its stride and padding, and the linear layers hold most weights
 * of the models here ({@code W2}: all of them).
 */
public final class Quantize {
    private Quantize() {
    }

    /** A new chain with every {@link Linear} replaced by its {@link QuantizedLinear}; other layers are shared, not copied. */
    public static Sequential linearLayers(Sequential layers) {
        List<Module> out = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            out.add(layers.get(i) instanceof Linear linear ? QuantizedLinear.from(linear) : layers.get(i));
        }
        return new Sequential(out);
    }

    /** Bytes of the stored numbers: 4 a float32 parameter or buffer, plus what each quantised layer stores. */
    public static long sizeBytes(Module model) {
        long bytes = 4L * model.namedParameters().values().stream().mapToLong(t -> t.numel()).sum()
                + 4L * model.namedBuffers().values().stream().mapToLong(t -> t.numel()).sum();
        for (Module m : model.namedModules().values()) {
            if (m instanceof QuantizedLinear q) {
                bytes += q.sizeBytes();
            }
        }
        return bytes;
    }
}
