package jgrad.explain;

import jgrad.Grad;
import jgrad.Tensor;
import jgrad.nn.Module;
import jgrad.nn.Sequential;
import jgrad.nn.functional.F;

import java.util.ArrayList;
import java.util.List;

/**
 * Grad-CAM (Selvaraju et al., 2017): where in the image a convolutional network looked for a class.
 * Split the network into a feature part giving activations A {@code (N, K, h, w)} and a head
 * giving logits; then
 * <pre>
 *   α_k   = mean over (i, j) of ∂f_c / ∂A_k[i, j]         how much channel k matters for class c
 *   map   = ReLU(Σ_k α_k · A_k)                           (N, h, w): only what speaks for c
 * </pre>
 * upsampled bilinearly to the input's size and divided by its maximum, so each map lies in [0, 1].
 * The usual choice of A is the last convolution's activation (before pooling), whose cells still
 * have a place in the image and already see whole strokes.
 */
public final class GradCam {
    private GradCam() {
    }

    /**
     * Grad-CAM for a {@link Sequential} network cut before layer {@code split}: layers
     * {@code [0, split)} give A, the rest the logits. Input {@code (N, C, H, W)}, output {@code (N, H, W)}.
     */
    public static Tensor compute(Sequential layers, int split, Tensor input, long[] targets) {
        if (split <= 0 || split >= layers.size()) {
            throw new IllegalArgumentException("GradCam: split must be in [1, " + (layers.size() - 1) + "], got " + split);
        }
        Tensor activations;
        try (var ignored = Grad.noGrad()) {
            activations = range(layers, 0, split).forward(input);                                  // (N, K, h, w)
        }
        if (activations.dim() != 4) {
            throw new IllegalArgumentException("GradCam: layers [0, " + split + ") must give (N, K, h, w) activations, got "
                    + jgrad.Shape.format(activations.shape()));
        }
        Sequential head = range(layers, split, layers.size());
        Tensor gradients = Attributions.gradient(head::forward, activations, targets);              // (N, K, h, w)
        Tensor weights = gradients.mean(new int[] {2, 3}, true);                                    // (N, K, 1, 1)
        Tensor map = weights.mul(activations).sum(1, true).relu();                                  // (N, 1, h, w)
        Tensor resized = F.interpolate(map, input.size(2), input.size(3), "bilinear", false);       // (N, 1, H, W)
        Tensor peak = resized.flatten(1, 3).max(1, true).values().clamp(1e-12, Double.MAX_VALUE).reshape(-1, 1, 1, 1);
        return resized.div(peak).squeeze(1);
    }

    private static Sequential range(Sequential layers, int from, int to) {
        List<Module> part = new ArrayList<>();
        for (int i = from; i < to; i++) {
            part.add(layers.get(i));
        }
        return new Sequential(part);
    }
}
