package jgrad.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;

import jgrad.data.Moons;
import jgrad.io.AtomicFiles;
import jgrad.micro.MLP;
import jgrad.micro.Value;
import jgrad.viz.DecisionBoundaryPlot;
import jgrad.viz.Dot;

/**
 * The classic scalar-autograd demo: a small MLP learns to separate the two moons,
 * every number a {@link Value}.
 *
 * <ul>
 *   <li>data: {@value #SAMPLES} points of {@link Moons}, noise {@value #NOISE}, labels mapped to y = ±1</li>
 *   <li>model: {@code MLP(2, [16, 16, 1])}, relu hidden layers, one linear output "score"</li>
 *   <li>loss: SVM max-margin {@code mean_i relu(1 - y_i·score_i)} plus L2 {@code 1e-4·Σ p²}</li>
 *   <li>optimiser: full-batch gradient descent for {@value #STEPS} steps, learning rate
 *       {@code 1.0 - 0.9·k/100} at step k</li>
 * </ul>
 *
 * Run with {@code ./mvnw -q compile exec:exec}; an optional argument names the PNG of
 * the decision boundary (default {@code out/micrograd_moons.png}). A DOT graph of one
 * neuron goes next to it.
 */
public final class MicrogradDemo {

    static final int SAMPLES = 100;
    static final double NOISE = 0.1;
    static final long DATA_SEED = 7;
    static final long MODEL_SEED = 1337;
    static final int STEPS = 100;
    static final double L2_STRENGTH = 1e-4;
    static final Path DEFAULT_PNG = Path.of("out", "micrograd_moons.png");

    /** The state of training: loss and accuracy (fraction in [0, 1]) before the update of {@code step}. */
    public record Progress(int step, double loss, double accuracy) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "step %3d  loss %.4f  accuracy %5.1f%%", step, loss, 100 * accuracy);
        }
    }

    /** A trained model, its data, and its loss and accuracy after the last step. */
    public record Trained(MLP model, Moons data, Progress result) {}

    private MicrogradDemo() {}

    public static void main(String[] args) throws IOException {
        Path png = args.length > 0 ? Path.of(args[0]) : DEFAULT_PNG;
        long start = System.nanoTime();
        Trained trained = train(progress -> {
            if (progress.step() % 10 == 0) {
                System.out.println(progress);
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "trained: %s  (%.2f s)%n", trained.result(), seconds);

        MLP model = trained.model();
        DecisionBoundaryPlot.writePng((x, y) -> model.forward(x, y).getFirst().data(),
                trained.data().points(), trained.data().labels(), 640, 400, png);
        System.out.println("decision boundary: " + png.toAbsolutePath());

        String neuronDot = Dot.toDot(exampleNeuron());
        Path dotFile = png.resolveSibling("micrograd_neuron.dot");
        AtomicFiles.writeString(dotFile, neuronDot);
        System.out.println("graph of one neuron (DOT): " + dotFile.toAbsolutePath());
        Path dotPng = png.resolveSibling("micrograd_neuron.png");
        if (Dot.renderPng(neuronDot, dotPng)) {
            System.out.println("graph of one neuron (PNG): " + dotPng.toAbsolutePath());
        } else {
            System.out.println("Graphviz 'dot' not on PATH; render it yourself with: dot -Tpng -O " + dotFile);
        }
    }

    /**
     * Trains the demo model on the demo data, reporting the state at every step.
     * Deterministic: the same code always gives the same numbers.
     */
    public static Trained train(Consumer<Progress> onStep) {
        var data = Moons.generate(SAMPLES, NOISE, DATA_SEED);
        var model = new MLP(2, List.of(16, 16, 1), new Random(MODEL_SEED));
        for (int step = 0; step < STEPS; step++) {
            var evaluation = evaluate(model, data);
            model.zeroGrad();
            evaluation.loss().backward();
            double learningRate = 1.0 - 0.9 * step / STEPS;
            for (Value parameter : model.parameters()) {
                parameter.setData(parameter.data() - learningRate * parameter.grad());
            }
            onStep.accept(new Progress(step, evaluation.loss().data(), evaluation.accuracy()));
        }
        var evaluation = evaluate(model, data);
        return new Trained(model, data, new Progress(STEPS, evaluation.loss().data(), evaluation.accuracy()));
    }

    /** The loss as a graph to differentiate, and the fraction of points on the right side. */
    private record Evaluation(Value loss, double accuracy) {}

    /**
     * loss = (1/n)·Σ_i relu(1 - y_i·score_i) + λ·Σ_p p²,  y_i = ±1.
     * A point costs nothing once it is on the right side with margin 1 (y·score ≥ 1).
     */
    private static Evaluation evaluate(MLP model, Moons data) {
        int n = data.size();
        Value dataLoss = new Value(0.0);
        int correct = 0;
        for (int i = 0; i < n; i++) {
            double y = data.labels()[i] == 1 ? 1.0 : -1.0;
            Value score = model.forward(data.points()[i]).getFirst();
            dataLoss = dataLoss.add(score.mul(-y).add(1.0).relu());
            if ((score.data() > 0) == (y > 0)) {
                correct++;
            }
        }
        Value squaredNorm = new Value(0.0);
        for (Value parameter : model.parameters()) {
            squaredNorm = squaredNorm.add(parameter.mul(parameter));
        }
        Value loss = dataLoss.div(n).add(squaredNorm.mul(L2_STRENGTH));
        return new Evaluation(loss, (double) correct / n);
    }

    /**
     * One tanh neuron {@code o = tanh(x1·w1 + x2·w2 + b)} with every value named,
     * after {@code backward()}: small enough to read as a picture.
     */
    static Value exampleNeuron() {
        var x1 = new Value(1.5, "x1");
        var x2 = new Value(-0.5, "x2");
        var w1 = new Value(0.8, "w1");
        var w2 = new Value(-1.2, "w2");
        var b = new Value(0.1, "b");
        Value x1w1 = x1.mul(w1).named("x1*w1");
        Value x2w2 = x2.mul(w2).named("x2*w2");
        Value n = x1w1.add(x2w2).add(b).named("n");
        Value o = n.tanh().named("o");
        o.backward();
        return o;
    }
}
