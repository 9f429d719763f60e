package jgrad.cli;

import jgrad.Jgrad;
import jgrad.data.DataLoader;
import jgrad.data.Mnist;
import jgrad.data.RenderedDigits;
import jgrad.data.Synthetic;
import jgrad.data.TensorDataset;
import jgrad.io.Safetensors;
import jgrad.models.LeNet5;
import jgrad.models.MLP;
import jgrad.models.SmallCnn;
import jgrad.nn.Module;
import jgrad.optim.AdamW;
import jgrad.optim.CosineAnnealingLR;
import jgrad.train.Curves;
import jgrad.train.History;
import jgrad.train.Trainer;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code jgrad train} and {@code jgrad eval}: a model from {@code jgrad.models} on a built-in data set.
 *
 * <pre>
 *   bin/jgrad train [--model cnn|lenet|mlp] [--dataset digits|mnist|circles|spirals] [--epochs 3] [--lr 1e-3]
 *                   [--seed 0] [--batch-size 64] [--train-size N] [--out runs/latest] [--download] [--mirror URI]
 *   bin/jgrad eval  --checkpoint runs/latest/model.safetensors [--model ...] [--dataset ...]
 * </pre>
 * {@code train} writes {@code model.safetensors} and {@code curves.png} into {@code --out} and prints
 * where they went; {@code eval} prints a classification report and the confusion matrix.
 * MNIST is read from {@code $JGRAD_DATA/mnist} (default {@code ~/.cache/jgrad/mnist}) and
 * downloaded only with {@code --download}.
 */
@Command(name = "jgrad", description = "Train or evaluate a model on a built-in data set.", mixinStandardHelpOptions = true,
        subcommands = {Main.Train.class, Main.Eval.class})
public final class Main {
    private static final List<String> MODELS = List.of("cnn", "lenet", "mlp");

    /** The models {@code --model} accepts. */
    public enum ModelName { cnn, lenet, mlp }

    /** The data sets {@code --dataset} accepts. */
    public enum DatasetName { digits, mnist, circles, spirals }

    public static void main(String[] args) {
        Cli.exit(new Main(), args);
    }

    /** Runs a command and returns the exit status (so tests can call it without exiting). */
    public static int run(String[] args) {
        if (args.length == 0) {
            Cli.commandLine(new Main()).usage(System.err);
            return Cli.USAGE_ERROR;
        }
        return Cli.execute(new Main(), args);
    }

    /**
     * {@code jgrad train} with these options (e.g. {@code train("--epochs", "1")}): trains, prints
     * progress, the report, the confusion matrix and where the files went, and returns the final
     * evaluation on the test set, so a test can check what the demo reaches. A bad option throws
     * picocli's {@link CommandLine.ParameterException}, naming it.
     */
    public static Trainer.Evaluation train(String... options) throws IOException {
        var command = new Train();
        Cli.commandLine(command).parseArgs(options);
        return command.train();
    }

    /** The options train and eval share. */
    static class Common {
        @Option(names = "--model", description = "cnn, lenet or mlp (default: cnn; eval: the checkpoint's)")
        ModelName model;

        @Option(names = "--dataset", description = "digits, mnist, circles or spirals (default: digits; eval: the checkpoint's)")
        DatasetName dataset;

        @Option(names = "--seed", defaultValue = "0", description = "random seed (default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--train-size", converter = Checks.Count.class,
                description = "training examples (default: 10000 digits, all of MNIST, 1000 circles, 300 spirals)")
        Integer trainSize;

        @Option(names = "--download", description = "download MNIST if it is missing")
        boolean download;

        @Option(names = "--mirror", description = "where --download fetches MNIST from (default: Mnist.DEFAULT_MIRROR)")
        URI mirror;

        URI mirror() {
            return mirror == null ? Mnist.DEFAULT_MIRROR : mirror;
        }

        String modelName() {
            return model == null ? "cnn" : model.name();
        }

        String datasetName() {
            return dataset == null ? "digits" : dataset.name();
        }

        int trainSize() {
            return trainSize == null ? 0 : trainSize;
        }
    }

    @Command(name = "train", description = "Train a model and write model.safetensors and curves.png into --out.",
            mixinStandardHelpOptions = true, sortOptions = false)
    static final class Train extends Common implements Callable<Integer> {
        @Option(names = "--epochs", defaultValue = "3", converter = Checks.Count.class, description = "passes over the data (default: ${DEFAULT-VALUE})")
        int epochs;

        @Option(names = "--lr", defaultValue = "1e-3", converter = Checks.Rate.class, description = "AdamW learning rate (default: ${DEFAULT-VALUE})")
        double lr;

        @Option(names = "--batch-size", defaultValue = "64", converter = Checks.Count.class, description = "examples per step (default: ${DEFAULT-VALUE})")
        int batchSize;

        @Option(names = "--out", defaultValue = "runs/latest", description = "output folder (default: ${DEFAULT-VALUE})")
        Path out;

        @Override
        public Integer call() throws IOException {
            train();
            Cli.printOutputFolder(out);
            return 0;
        }

        Trainer.Evaluation train() throws IOException {
            String modelName = modelName(), datasetName = datasetName();
            Jgrad.manualSeed(seed);
            Data data = loadData(this, datasetName);
            Module model = buildModel(modelName, data);
            System.out.printf("training %s on %s: %d train / %d test examples, %d parameters%n", modelName, datasetName,
                    data.train.size(), data.test.size(), model.parameterCount());
            var optimizer = new AdamW(model.parameters(), lr);
            var trainer = new Trainer(model, optimizer).withScheduler(new CosineAnnealingLR(optimizer, epochs, 0));
            History history = trainer.fit(new DataLoader(data.train, batchSize, true, false, seed, 2),
                    new DataLoader(data.test, 256), epochs);
            var result = trainer.evaluate(new DataLoader(data.test, 256));
            System.out.printf("%ntest set: loss %.4f, accuracy %.4f%n%n", result.loss(), result.accuracy());
            System.out.println(result.matrix().report());
            System.out.println("confusion matrix:");
            System.out.println(result.matrix());
            Path checkpoint = out.resolve("model.safetensors");
            Path curves = out.resolve("curves.png");
            Map<String, String> metadata = new LinkedHashMap<>();
            metadata.put("model", modelName);
            metadata.put("dataset", datasetName);
            metadata.put("epochs", Integer.toString(epochs));
            Safetensors.save(model.stateDict(), metadata, checkpoint);
            Curves.saveHistory(curves, history);
            System.out.println("checkpoint:                    " + checkpoint.toAbsolutePath());
            System.out.println("loss/accuracy curves (PNG):    " + curves.toAbsolutePath());
            return result;
        }
    }

    @Command(name = "eval", description = "Evaluate a checkpoint that train wrote: classification report and confusion matrix.",
            mixinStandardHelpOptions = true, sortOptions = false)
    static final class Eval extends Common implements Callable<Integer> {
        @Option(names = "--checkpoint", required = true, description = "the model.safetensors that train wrote")
        Path checkpoint;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (Files.isDirectory(checkpoint)) {
                throw new ParameterException(spec.commandLine(), "--checkpoint " + checkpoint + " is a directory; expected the file"
                        + " train wrote, e.g. " + checkpoint.resolve("model.safetensors"));
            }
            Cli.requireFile(spec.commandLine(), "--checkpoint", checkpoint);
            var contents = Safetensors.read(checkpoint);
            String modelName = model != null ? model.name() : contents.metadata().getOrDefault("model", "cnn");
            String datasetName = dataset != null ? dataset.name() : contents.metadata().getOrDefault("dataset", "digits");
            if (!MODELS.contains(modelName)) {
                throw new IllegalArgumentException("checkpoint " + checkpoint + " names model '" + modelName
                        + "', which is not one of " + MODELS + " (pass --model to choose one)");
            }
            if (Arrays.stream(DatasetName.values()).noneMatch(d -> d.name().equals(datasetName))) {
                throw new IllegalArgumentException("checkpoint " + checkpoint + " names dataset '" + datasetName
                        + "', which is not one of " + Arrays.toString(DatasetName.values()) + " (pass --dataset to choose one)");
            }
            Data data = loadData(this, datasetName);
            Module net = buildModel(modelName, data);
            net.loadStateDict(contents.tensors());
            var result = new Trainer(net, new AdamW(net.parameters(), 0)).withOutput(null, false)
                    .evaluate(new DataLoader(data.test, 256));
            System.out.printf("%s on %s test set: loss %.4f, accuracy %.4f%n%n", modelName, datasetName, result.loss(), result.accuracy());
            System.out.println(result.matrix().report());
            System.out.println(result.matrix());
            return 0;
        }
    }

    private record Data(TensorDataset train, TensorDataset test, boolean images, int classes) {
    }

    private static Data loadData(Common o, String dataset) throws IOException {
        int trainSize = o.trainSize();
        return switch (dataset) {
            case "digits" -> new Data(RenderedDigits.generate(trainSize > 0 ? trainSize : 10_000, o.seed * 2 + 1),
                    RenderedDigits.generate(2_000, o.seed * 2 + 2), true, 10);
            case "mnist" -> {
                Path dir = Mnist.defaultDirectory();
                if (o.download) {
                    Mnist.download(dir, o.mirror());
                } else if (!Mnist.isAvailable(dir, true) || !Mnist.isAvailable(dir, false)) {
                    throw new IllegalArgumentException("MNIST not found in " + dir + "; add --download (from " + o.mirror()
                            + ") or copy the IDX files there");
                }
                TensorDataset train = Mnist.load(dir, true);
                if (trainSize > 0) {
                    train = new TensorDataset(train.inputs().narrow(0, 0, trainSize), train.targets().narrow(0, 0, trainSize));
                }
                yield new Data(train, Mnist.load(dir, false), true, 10);
            }
            case "circles" -> new Data(Synthetic.circles(trainSize > 0 ? trainSize : 1_000, 0.08, 0.5, o.seed),
                    Synthetic.circles(500, 0.08, 0.5, o.seed + 1), false, 2);
            case "spirals" -> new Data(Synthetic.spirals(trainSize > 0 ? trainSize / 3 : 300, 3, 0.2, o.seed),
                    Synthetic.spirals(100, 3, 0.2, o.seed + 1), false, 3);
            default -> throw new IllegalArgumentException("unknown dataset '" + o.dataset + "' (digits, mnist, circles, spirals)");
        };
    }

    private static Module buildModel(String name, Data data) {
        if (!MODELS.contains(name)) {
            throw new IllegalArgumentException("unknown model '" + name + "' (cnn, lenet, mlp)");
        }
        if (!data.images && !name.equals("mlp")) {
            throw new IllegalArgumentException("model '" + name + "' needs images; use --model mlp for 2-D point datasets");
        }
        return switch (name) {
            case "cnn" -> new SmallCnn();
            case "lenet" -> new LeNet5();
            case "mlp" -> data.images ? new MLP(784, data.classes, 256, 128) : new MLP(2, data.classes, 64, 64);
            default -> throw new IllegalArgumentException("unknown model '" + name + "' (cnn, lenet, mlp)");
        };
    }
}
