package jgrad.examples;

import jgrad.DType;
import jgrad.Grad;
import jgrad.Jgrad;
import jgrad.Tensor;
import jgrad.data.DataLoader;
import jgrad.data.RenderedDigits;
import jgrad.data.Synthetic;
import jgrad.data.TensorDataset;
import jgrad.io.AtomicFiles;
import jgrad.models.MLP;
import jgrad.nn.BatchNorm1d;
import jgrad.nn.Conv2d;
import jgrad.nn.Flatten;
import jgrad.nn.Init;
import jgrad.nn.Linear;
import jgrad.nn.MaxPool2d;
import jgrad.nn.Module;
import jgrad.nn.ReLU;
import jgrad.nn.Sequential;
import jgrad.nn.functional.F;
import jgrad.notebook.Plot;
import jgrad.optim.Adam;
import jgrad.optim.Optimizer;
import jgrad.optim.SGD;
import jgrad.train.Curves;
import jgrad.train.History;
import jgrad.train.Trainer;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Draws the pictures of lectures 4 and 5 from real training runs, so they can be regenerated
 * rather than drawn by hand:
 * <pre>
 * ./mvnw -q compile exec:exec -Djgrad.main=jgrad.examples.CourseFigures -Djgrad.args="lectures/img"
 * </pre>
 * It writes {@code 04-optimizers.png}, {@code 04-init.png}, {@code 04-batchnorm.png},
 * {@code 05-digits.png}, {@code 05-cnn-training.png} and {@code 05-filters.png} into the folder
 * (default {@code lectures/img}). With {@code --quick} every run is cut short (for tests).
 * Everything is seeded, so a rerun on the same machine draws the same pictures.
 */
public final class CourseFigures {
    private CourseFigures() {
    }

    private static final Color BLUE = new Color(0x1f77b4), ORANGE = new Color(0xff7f0e), GREEN = new Color(0x2ca02c);

    /** How long the runs are: the lecture figures, or a smoke test. */
    record Scale(int mlpEpochs, int deepEpochs, int digits, int cnnEpochs) {
        static final Scale FULL = new Scale(40, 20, 4000, 4);
        static final Scale QUICK = new Scale(1, 1, 100, 1);
    }

    public static void main(String[] args) throws IOException {
        boolean quick = List.of(args).contains("--quick");
        Path dir = Path.of(List.of(args).stream().filter(a -> !a.startsWith("--")).findFirst().orElse("lectures/img"));
        write(dir, quick ? Scale.QUICK : Scale.FULL);
    }

    static void write(Path dir, Scale scale) throws IOException {
        optimizers(dir.resolve("04-optimizers.png"), scale);
        initialisation(dir.resolve("04-init.png"));
        batchNorm(dir.resolve("04-batchnorm.png"), scale);
        convnet(dir, scale);
    }

    // ---------------------------------------------------------------------------------------------
    // Unit 4
    // ---------------------------------------------------------------------------------------------

    private static final TensorDataset SPIRALS = Synthetic.spirals(100, 3, 0.2, 1);

    /** Trains a fresh model on the spirals; every call starts from the same seeded weights. */
    private static History trainOnSpirals(Supplier<Module> newModel, Function<List<Tensor>, Optimizer> newOptimizer, int epochs) {
        Jgrad.manualSeed(1);
        Module model = newModel.get();
        return new Trainer(model, newOptimizer.apply(model.parameters())).withOutput(null, false)
                .fit(new DataLoader(SPIRALS, 30, true, 2), null, epochs);
    }

    /** Loss and accuracy per epoch of SGD, SGD with momentum and Adam on the same MLP. */
    static void optimizers(Path png, Scale scale) throws IOException {
        Supplier<Module> mlp = () -> new MLP(2, 3, 64, 64);
        History sgd = trainOnSpirals(mlp, params -> new SGD(params, 0.1), scale.mlpEpochs());
        History momentum = trainOnSpirals(mlp, params -> new SGD(params, 0.1, 0.9), scale.mlpEpochs());
        History adam = trainOnSpirals(mlp, params -> new Adam(params, 0.01), scale.mlpEpochs());
        Curves.save(png, List.of(
                new Curves.Panel("loss", List.of(new Curves.Series("SGD", sgd.trainLoss(), BLUE),
                        new Curves.Series("momentum", momentum.trainLoss(), ORANGE), new Curves.Series("Adam", adam.trainLoss(), GREEN))),
                new Curves.Panel("accuracy", List.of(new Curves.Series("SGD", sgd.trainAccuracy(), BLUE),
                        new Curves.Series("momentum", momentum.trainAccuracy(), ORANGE),
                        new Curves.Series("Adam", adam.trainAccuracy(), GREEN)))));
    }

    /** log10 of the activations' standard deviation through ten Linear(256, 256) + ReLU layers, per initialisation. */
    static void initialisation(Path png) throws IOException {
        double[] tiny = activationLogStds(w -> Init.normal_(w, 0, 0.01));
        double[] kaiming = activationLogStds(w -> Init.kaimingNormal_(w, 0, Init.FanMode.FAN_IN, "relu"));
        double[] large = activationLogStds(w -> Init.normal_(w, 0, 0.2));
        double[] linearDefault = activationLogStds(w -> { });
        save(png, Plot.lines(640, 320, List.of("N(0, 0.01²)", "Kaiming", "N(0, 0.2²)", "Linear's default"),
                tiny, kaiming, large, linearDefault));
    }

    private static double[] activationLogStds(Consumer<Tensor> init) {
        Jgrad.manualSeed(2);
        Tensor h = Tensor.randn(500, 256);
        double[] logStds = new double[11];
        logStds[0] = Math.log10(h.std(false).item());
        try (var ignored = Grad.noGrad()) {
            for (int layer = 1; layer <= 10; layer++) {
                var linear = new Linear(256, 256, false);
                init.accept(linear.weight());
                h = F.relu(linear.forward(h));
                logStds[layer] = Math.log10(h.std(false).item());
            }
        }
        return logStds;
    }

    /** Eight hidden layers of 64, with and without BatchNorm1d, same SGD with momentum. */
    static void batchNorm(Path png, Scale scale) throws IOException {
        History plain = trainOnSpirals(() -> deepNet(false), params -> new SGD(params, 0.05, 0.9), scale.deepEpochs());
        History normalised = trainOnSpirals(() -> deepNet(true), params -> new SGD(params, 0.05, 0.9), scale.deepEpochs());
        Curves.save(png, List.of(
                new Curves.Panel("loss", List.of(new Curves.Series("plain", plain.trainLoss(), BLUE),
                        new Curves.Series("batch norm", normalised.trainLoss(), ORANGE))),
                new Curves.Panel("accuracy", List.of(new Curves.Series("plain", plain.trainAccuracy(), BLUE),
                        new Curves.Series("batch norm", normalised.trainAccuracy(), ORANGE)))));
    }

    private static Module deepNet(boolean batchNorm) {
        List<Module> layers = new ArrayList<>();
        int width = 2;
        for (int i = 0; i < 8; i++) {
            layers.add(new Linear(width, 64));
            if (batchNorm) layers.add(new BatchNorm1d(64));
            layers.add(new ReLU());
            width = 64;
        }
        layers.add(new Linear(width, 3));
        return new Sequential(layers);
    }

    // ---------------------------------------------------------------------------------------------
    // Unit 5
    // ---------------------------------------------------------------------------------------------

    /** Sample digits, then a small CNN's training curves and its first-layer filters. */
    static void convnet(Path dir, Scale scale) throws IOException {
        TensorDataset train = RenderedDigits.generate(scale.digits(), 1);
        TensorDataset test = RenderedDigits.generate(Math.max(100, scale.digits() / 4), 2);
        List<double[][]> samples = new ArrayList<>();
        for (int i = 0; i < Math.min(40, scale.digits()); i++) {
            samples.add(plane(train.inputs().select(0, i).select(0, 0)));
        }
        save(dir.resolve("05-digits.png"), Plot.tiles(samples, 10, 3));

        Jgrad.manualSeed(3);
        var firstLayer = new Conv2d(1, 16, 5, 1, 2);
        var cnn = new Sequential(
                firstLayer, new ReLU(), new MaxPool2d(2),                      // (N, 16, 14, 14)
                new Conv2d(16, 32, 3, 1, 1), new ReLU(), new MaxPool2d(2),     // (N, 32, 7, 7)
                new Flatten(), new Linear(32 * 7 * 7, 10));
        History history = new Trainer(cnn, new Adam(cnn.parameters(), 2e-3)).withOutput(null, false)
                .fit(new DataLoader(train, 32, true, 4), new DataLoader(test, 200), scale.cnnEpochs());
        Curves.saveHistory(dir.resolve("05-cnn-training.png"), history);

        List<double[][]> filters = new ArrayList<>();
        for (int o = 0; o < firstLayer.weight().size(0); o++) {
            filters.add(plane(firstLayer.weight().detach().select(0, o).select(0, 0)));
        }
        save(dir.resolve("05-filters.png"), Plot.tiles(filters, 8, 12));
    }

    /** A 2-D tensor as rows of doubles. */
    private static double[][] plane(Tensor t) {
        double[] flat = t.contiguous().to(DType.FLOAT64).toDoubleArray();
        int rows = t.size(0), cols = t.size(1);
        double[][] out = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(flat, r * cols, out[r], 0, cols);
        }
        return out;
    }

    private static void save(Path png, BufferedImage image) throws IOException {
        AtomicFiles.write(png, out -> ImageIO.write(image, "png", out));
    }
}
