package jgrad.vision;

import jgrad.Tensor;
import jgrad.nn.Module;
import jgrad.optim.AdamW;
import jgrad.optim.CosineAnnealingLR;
import jgrad.train.Progress;
import jgrad.vision.detection.ShapeScenes;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The training loop that the detection and segmentation tasks share: shuffled mini-batches of
 * generated scenes, AdamW (weight decay 1e-4) with a cosine schedule over all steps, a progress bar
 * per epoch. The task supplies the loss of a batch.
 */
public final class SceneTraining {
    private SceneTraining() {
    }

    /** Stacks the images of scenes into {@code (N, 1, H, W)}. */
    public static Tensor images(List<ShapeScenes.Scene> scenes) {
        return Tensor.stack(scenes.stream().map(ShapeScenes.Scene::image).toList(), 0);
    }

    /** Trains {@code model} in place on {@code train} ({@code out} null: silent); the batch order comes from {@code seed}. */
    public static void fit(Module model, List<ShapeScenes.Scene> train, int epochs, int batchSize, double lr, long seed,
                           PrintStream out, Function<List<ShapeScenes.Scene>, Tensor> loss) {
        int steps = train.size() / batchSize;
        var optimizer = new AdamW(model.parameters(), lr, 0.9, 0.999, 1e-8, 1e-4, false);
        var schedule = new CosineAnnealingLR(optimizer, epochs * steps, 0);
        var shuffle = new SplittableRandom(seed + 1);
        for (int epoch = 1; epoch <= epochs; epoch++) {
            Progress progress = out == null ? null : new Progress(out, Progress.isTerminal(), "epoch " + epoch + "/" + epochs, steps);
            int[] order = jgrad.data.Dataset.permutation(train.size(), shuffle);
            for (int step = 0; step < steps; step++) {
                List<ShapeScenes.Scene> batch = new ArrayList<>();
                for (int k = 0; k < batchSize; k++) batch.add(train.get(order[step * batchSize + k]));
                optimizer.zeroGrad();
                Tensor value = loss.apply(batch);
                value.backward();
                optimizer.step();
                schedule.step();
                if (progress != null) progress.step(value.item());
            }
        }
    }
}
