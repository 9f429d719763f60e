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

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command-line front door.
 *
 * <pre>
 *   jgrad train [--model cnn|lenet|mlp] [--dataset digits|mnist|circles|spirals] [--epochs 3] [--lr 1e-3]
 *               [--seed 0] [--batch-size 64] [--train-size N] [--out runs/latest] [--download] [--mirror URI]
 *   jgrad eval  --checkpoint runs/latest/model.safetensors [--model ...] [--dataset ...]
 * </pre>
 * {@code train} writes {@code model.safetensors} and {@code curves.png} into {@code --out} and prints
 * where they went; {@code eval} prints a classification report and the confusion matrix.
 * MNIST is read from {@code $JGRAD_DATA/mnist} (default {@code ~/.cache/jgrad/mnist}) and
 * downloaded only with {@code --download}.
 */
public final class Main {
    private Main() {
    }

    private static final List<String> MODELS = List.of("cnn", "lenet", "mlp");
    private static final List<String> DATASETS = List.of("digits", "mnist", "circles", "spirals");

    private static final String USAGE = """
            usage: jgrad train [--model cnn|lenet|mlp] [--dataset digits|mnist|circles|spirals] [--epochs N] [--lr X]
                               [--seed S] [--batch-size B] [--train-size N] [--out DIR] [--download] [--mirror URI]
                   jgrad eval  --checkpoint FILE [--model ...] [--dataset ...] [--seed S]""";

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("jgrad: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Runs a command and returns the exit status (so tests can call it without exiting). */
    public static int run(String[] args) throws IOException {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        Options options = Options.parse(List.of(args).subList(1, args.length));
        return switch (args[0]) {
            case "train" -> {
                train(options);
                yield 0;
            }
            case "eval" -> evaluate(options);
            default -> throw new IllegalArgumentException("unknown command '" + args[0] + "'\n" + USAGE);
        };
    }

    /**
     * {@code jgrad train} with these options (e.g. {@code train("--epochs", "1")}): trains, prints
     * progress, the report, the confusion matrix and where the files went, and returns the final
     * evaluation on the test set, so a test can check what the demo reaches.
     */
    public static Trainer.Evaluation train(String... options) throws IOException {
        return train(Options.parse(List.of(options)));
    }

    private static Trainer.Evaluation train(Options o) throws IOException {
        Jgrad.manualSeed(o.seed);
        Data data = loadData(o);
        Module model = buildModel(o.model, data);
        System.out.printf("training %s on %s: %d train / %d test examples, %d parameters%n", o.model, o.dataset,
                data.train.size(), data.test.size(), model.parameterCount());
        var optimizer = new AdamW(model.parameters(), o.lr);
        var trainer = new Trainer(model, optimizer).withScheduler(new CosineAnnealingLR(optimizer, o.epochs, 0));
        History history = trainer.fit(new DataLoader(data.train, o.batchSize, true, false, o.seed, 2),
                new DataLoader(data.test, 256), o.epochs);
        var result = trainer.evaluate(new DataLoader(data.test, 256));
        System.out.printf("%ntest set: loss %.4f, accuracy %.4f%n%n", result.loss(), result.accuracy());
        System.out.println(result.matrix().report());
        System.out.println("confusion matrix:");
        System.out.println(result.matrix());
        Path checkpoint = o.out.resolve("model.safetensors");
        Path curves = o.out.resolve("curves.png");
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("model", o.model);
        metadata.put("dataset", o.dataset);
        metadata.put("epochs", Integer.toString(o.epochs));
        Safetensors.save(model.stateDict(), metadata, checkpoint);
        Curves.saveHistory(curves, history);
        System.out.println("checkpoint:                    " + checkpoint.toAbsolutePath());
        System.out.println("loss/accuracy curves (PNG):    " + curves.toAbsolutePath());
        return result;
    }

    private static int evaluate(Options o) throws IOException {
        if (o.checkpoint == null) {
            throw new IllegalArgumentException("eval needs --checkpoint FILE");
        }
        if (Files.isDirectory(o.checkpoint)) {
            throw new IllegalArgumentException("eval: --checkpoint " + o.checkpoint + " is a directory; expected the file train"
                    + " wrote, e.g. " + o.checkpoint.resolve("model.safetensors"));
        }
        if (!Files.exists(o.checkpoint)) {
            throw new IllegalArgumentException("eval: --checkpoint " + o.checkpoint + " does not exist");
        }
        var contents = Safetensors.read(o.checkpoint);
        String modelName = o.explicit.contains("model") ? o.model : contents.metadata().getOrDefault("model", o.model);
        String datasetName = o.explicit.contains("dataset") ? o.dataset : contents.metadata().getOrDefault("dataset", o.dataset);
        if (!MODELS.contains(modelName)) {
            throw new IllegalArgumentException("eval: checkpoint " + o.checkpoint + " names model '" + modelName
                    + "', which is not one of " + MODELS + " (pass --model to choose one)");
        }
        if (!DATASETS.contains(datasetName)) {
            throw new IllegalArgumentException("eval: checkpoint " + o.checkpoint + " names dataset '" + datasetName
                    + "', which is not one of " + DATASETS + " (pass --dataset to choose one)");
        }
        Options resolved = o.with(modelName, datasetName);
        Data data = loadData(resolved);
        Module model = buildModel(modelName, data);
        model.loadStateDict(contents.tensors());
        var result = new Trainer(model, new AdamW(model.parameters(), 0)).withOutput(null, false)
                .evaluate(new DataLoader(data.test, 256));
        System.out.printf("%s on %s test set: loss %.4f, accuracy %.4f%n%n", modelName, datasetName, result.loss(), result.accuracy());
        System.out.println(result.matrix().report());
        System.out.println(result.matrix());
        return 0;
    }

    private record Data(TensorDataset train, TensorDataset test, boolean images, int classes) {
    }

    private static Data loadData(Options o) throws IOException {
        return switch (o.dataset) {
            case "digits" -> new Data(RenderedDigits.generate(o.trainSize > 0 ? o.trainSize : 10_000, o.seed * 2 + 1),
                    RenderedDigits.generate(2_000, o.seed * 2 + 2), true, 10);
            case "mnist" -> {
                Path dir = Mnist.defaultDirectory();
                if (o.download) {
                    Mnist.download(dir, o.mirror);
                } else if (!Mnist.isAvailable(dir, true) || !Mnist.isAvailable(dir, false)) {
                    throw new IllegalArgumentException("MNIST not found in " + dir + "; add --download (from " + o.mirror
                            + ") or copy the IDX files there");
                }
                TensorDataset train = Mnist.load(dir, true);
                if (o.trainSize > 0) {
                    train = new TensorDataset(train.inputs().narrow(0, 0, o.trainSize), train.targets().narrow(0, 0, o.trainSize));
                }
                yield new Data(train, Mnist.load(dir, false), true, 10);
            }
            case "circles" -> new Data(Synthetic.circles(o.trainSize > 0 ? o.trainSize : 1_000, 0.08, 0.5, o.seed),
                    Synthetic.circles(500, 0.08, 0.5, o.seed + 1), false, 2);
            case "spirals" -> new Data(Synthetic.spirals(o.trainSize > 0 ? o.trainSize / 3 : 300, 3, 0.2, o.seed),
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

    /** Parsed {@code --name value} options with their defaults. */
    private record Options(String model, String dataset, int epochs, double lr, long seed, int batchSize, int trainSize,
                           Path out, boolean download, URI mirror, Path checkpoint, java.util.Set<String> explicit) {

        static Options parse(List<String> args) {
            Map<String, String> values = new LinkedHashMap<>();
            boolean download = false;
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (arg.equals("--download")) {
                    download = true;
                    continue;
                }
                if (!arg.startsWith("--") || i + 1 >= args.size()) {
                    throw new IllegalArgumentException("expected --option value, got '" + arg + "'\n" + USAGE);
                }
                values.put(arg.substring(2), args.get(++i));
            }
            var known = java.util.Set.of("model", "dataset", "epochs", "lr", "seed", "batch-size", "train-size", "out", "mirror", "checkpoint");
            for (String key : values.keySet()) {
                if (!known.contains(key)) throw new IllegalArgumentException("unknown option --" + key + "\n" + USAGE);
            }
            try {
                return new Options(values.getOrDefault("model", "cnn"), values.getOrDefault("dataset", "digits"),
                        atLeastOne(values, "epochs", "3"), positiveFinite(values, "lr", "1e-3"),
                        Long.parseLong(values.getOrDefault("seed", "0")), atLeastOne(values, "batch-size", "64"),
                        values.containsKey("train-size") ? atLeastOne(values, "train-size", null) : 0,
                        Path.of(values.getOrDefault("out", "runs/latest")),
                        download, values.containsKey("mirror") ? URI.create(values.get("mirror")) : Mnist.DEFAULT_MIRROR,
                        values.containsKey("checkpoint") ? Path.of(values.get("checkpoint")) : null, values.keySet());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad number: " + e.getMessage());
            }
        }

        /** A count such as --epochs: an integer of at least 1. */
        private static int atLeastOne(Map<String, String> values, String key, String defaultValue) {
            int value = Integer.parseInt(values.getOrDefault(key, defaultValue));
            if (value < 1) {
                throw new IllegalArgumentException("--" + key + " must be at least 1, got " + value);
            }
            return value;
        }

        /** A rate such as --lr: a finite number above 0 ("Infinity" and "NaN" parse as doubles, but train nothing). */
        private static double positiveFinite(Map<String, String> values, String key, String defaultValue) {
            double value = Double.parseDouble(values.getOrDefault(key, defaultValue));
            if (!(value > 0) || !Double.isFinite(value)) {
                throw new IllegalArgumentException("--" + key + " must be a finite number above 0, got " + values.get(key));
            }
            return value;
        }

        Options with(String newModel, String newDataset) {
            return new Options(newModel, newDataset, epochs, lr, seed, batchSize, trainSize, out, download, mirror, checkpoint, explicit);
        }
    }
}
