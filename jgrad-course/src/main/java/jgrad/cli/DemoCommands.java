package jgrad.cli;

import jgrad.cli.DemoOptions.Epochs;
import jgrad.cli.DemoOptions.OutputFolder;
import jgrad.cli.DemoOptions.Seed;
import jgrad.cli.DemoOptions.Steps;
import jgrad.examples.AdditionTask;
import jgrad.examples.BpeCompression;
import jgrad.examples.DateTranslation;
import jgrad.examples.DigitsDemo;
import jgrad.examples.FortuneClassification;
import jgrad.examples.Gpt2Benchmark;
import jgrad.examples.MicrogradDemo;
import jgrad.examples.NamedEntityRecognition;
import jgrad.examples.SortTask;
import jgrad.examples.TangPoems;
import jgrad.explain.ExplainDemo;
import jgrad.quant.QuantBenchmark;
import jgrad.recsys.RecommenderDemo;
import jgrad.rl.examples.EnvBenchmark;
import jgrad.rl.examples.RlApplications;
import jgrad.rl.examples.RlTrain;
import jgrad.serve.ServeMain;
import jgrad.vision.classification.FashionMnistDemo;
import jgrad.vision.detection.DetectionDemo;
import jgrad.vision.generation.GenerationDemo;
import jgrad.vision.segmentation.SegmentationDemo;
import jgrad.vision.tracking.TrackingDemo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The demos, training runs and benchmarks as {@code bin/jgrad} commands. Each declares its options
 * with their types, ranges and defaults (the ones many demos share, such as {@code --epochs} and
 * {@code --out}, as {@link DemoOptions} mixins), so picocli checks the command line (and prints
 * {@code --help}) before anything trains; the command then calls the demo's {@code main} with the
 * checked values spelled out, so the demo's own argument reading only ever sees well-formed input.
 */
public final class DemoCommands {
    private DemoCommands() {
    }

    /** A demo run by its {@code main}: {@link #arguments()} spells out the checked options. */
    abstract static class Demo implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        /** What the demo's {@code main} is given. */
        abstract List<String> arguments();

        /** Runs the demo's {@code main}. */
        abstract void launch(String[] args) throws Exception;

        /** Where the demo writes its files, printed at the end; null for demos that write none. */
        Path outputFolder() {
            return null;
        }

        @Override
        public Integer call() throws Exception {
            launch(arguments().toArray(String[]::new));
            if (outputFolder() != null) {
                Cli.printOutputFolder(outputFolder());
            }
            return 0;
        }

        /** {@code --name value} pairs, leaving out the options that were not given (null values). */
        static List<String> named(Object... namesAndValues) {
            var args = new ArrayList<String>();
            for (int i = 0; i < namesAndValues.length; i += 2) {
                if (namesAndValues[i + 1] != null) {
                    args.add((String) namesAndValues[i]);
                    args.add(String.valueOf(namesAndValues[i + 1]));
                }
            }
            return args;
        }
    }

    @Command(name = "digits", mixinStandardHelpOptions = true,
            description = "The quick-start demo: the W3 CNN learns to read digits (MNIST if present, else rendered), writes runs/digits-demo.")
    static final class Digits extends Demo {
        @Override
        List<String> arguments() {
            return List.of();
        }

        @Override
        void launch(String[] args) {
            DigitsDemo.main(args);
        }
    }

    @Command(name = "micrograd", mixinStandardHelpOptions = true,
            description = "Lecture 1: a micrograd MLP on two moons; writes the decision boundary.")
    static final class Micrograd extends Demo {
        @Option(names = "--png", defaultValue = "out/micrograd_moons.png", description = "picture to write (default: ${DEFAULT-VALUE})")
        Path png;

        @Override
        List<String> arguments() {
            return List.of(png.toString());
        }

        @Override
        void launch(String[] args) throws Exception {
            MicrogradDemo.main(args);
        }

        @Override
        Path outputFolder() {
            return png.toAbsolutePath().getParent();
        }
    }

    @Command(name = "sort", mixinStandardHelpOptions = true, description = "A tiny GPT learns to sort digits.")
    static final class Sort extends Demo {
        @Mixin Steps steps = new Steps(600);

        @Override
        List<String> arguments() {
            return List.of(Integer.toString(steps.value));
        }

        @Override
        void launch(String[] args) throws Exception {
            SortTask.main(args);
        }
    }

    @Command(name = "addition", mixinStandardHelpOptions = true, description = "A tiny GPT learns n-digit addition.")
    static final class Addition extends Demo {
        @Option(names = "--digits", defaultValue = "3", converter = Checks.Count.class, description = "digits per operand (default: ${DEFAULT-VALUE})")
        int digits;

        @Mixin Steps steps = new Steps(1500);

        @Override
        List<String> arguments() {
            return List.of(Integer.toString(digits), Integer.toString(steps.value));
        }

        @Override
        void launch(String[] args) throws Exception {
            AdditionTask.main(args);
        }
    }

    @Command(name = "dates", mixinStandardHelpOptions = true,
            description = "Seq2seq GRU + attention translates written dates to ISO dates; attention heatmaps.")
    static final class Dates extends Demo {
        @Mixin Steps steps = new Steps(1000);

        @Mixin OutputFolder out = new OutputFolder("out/dates");

        @Override
        List<String> arguments() {
            return List.of(out.value.toString(), Integer.toString(steps.value));
        }

        @Override
        void launch(String[] args) throws Exception {
            DateTranslation.main(args);
        }

        @Override
        Path outputFolder() {
            return out.value;
        }
    }

    @Command(name = "date-transformer", mixinStandardHelpOptions = true,
            description = "Dates with a Transformer encoder-decoder: greedy and beam search, BLEU, against the GRU.")
    static final class DateTransformer extends Demo {
        @Mixin Steps steps = new Steps(600);

        @Option(names = "--batch", defaultValue = "64", converter = Checks.Count.class, description = "examples per step (default: ${DEFAULT-VALUE})")
        int batch;

        @Override
        List<String> arguments() {
            return List.of(Integer.toString(steps.value), Integer.toString(batch));
        }

        @Override
        void launch(String[] args) throws Exception {
            jgrad.examples.DateTransformer.main(args);
        }
    }

    /** The fortune classifiers {@code fortunes --model} accepts. */
    enum FortuneModel { all, bag, cnn, bilstm }

    @Command(name = "fortunes", mixinStandardHelpOptions = true,
            description = "Fortune categories: fastText bag, TextCNN, BiLSTM vs naive Bayes (needs Debian fortunes).")
    static final class Fortunes extends Demo {
        @Option(names = "--model", defaultValue = "all", description = "all, bag, cnn or bilstm (default: ${DEFAULT-VALUE})")
        FortuneModel model;

        @Mixin Epochs epochs = new Epochs(12);

        @Mixin OutputFolder out = new OutputFolder("out/fortunes");

        @Override
        List<String> arguments() {
            return List.of(model.name(), Integer.toString(epochs.value), out.value.toString());
        }

        @Override
        void launch(String[] args) throws Exception {
            FortuneClassification.main(args);
        }

        @Override
        Path outputFolder() {
            return out.value;
        }
    }

    @Command(name = "ner", mixinStandardHelpOptions = true,
            description = "Named entities with a BiLSTM-CRF; conlleval scores and CoNLL output.")
    static final class Ner extends Demo {
        @Mixin Epochs epochs = new Epochs(6);

        @Mixin OutputFolder out = new OutputFolder("out/ner");

        @Override
        List<String> arguments() {
            return List.of(Integer.toString(epochs.value), out.value.toString());
        }

        @Override
        void launch(String[] args) throws Exception {
            NamedEntityRecognition.main(args);
        }

        @Override
        Path outputFolder() {
            return out.value;
        }
    }

    @Command(name = "tang", mixinStandardHelpOptions = true,
            description = "A character GPT writes Tang poems (needs Debian fortunes-zh).")
    static final class Tang extends Demo {
        @Mixin Steps steps = new Steps(1200);

        @Override
        List<String> arguments() {
            return List.of(Integer.toString(steps.value));
        }

        @Override
        void launch(String[] args) throws Exception {
            TangPoems.main(args);
        }
    }

    @Command(name = "bpe", mixinStandardHelpOptions = true, description = "Byte-level BPE: compression as the vocabulary grows.")
    static final class Bpe extends Demo {
        @Option(names = "--png", description = "also write the compression curve to this PNG")
        Path png;

        @Override
        List<String> arguments() {
            return png == null ? List.of() : List.of(png.toString());
        }

        @Override
        void launch(String[] args) throws Exception {
            BpeCompression.main(args);
        }
    }

    @Command(name = "bert-pretrain", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Pretrain a small BERT on fortunes by masked language modelling.")
    static final class BertPretrain extends Demo {
        @Option(names = "--dir", defaultValue = "runs/bert-fortunes/pretrained", description = "where the model goes (default: ${DEFAULT-VALUE})")
        Path dir;
        @Option(names = "--vocab", defaultValue = "2000", converter = Checks.Count.class, description = "WordPiece vocabulary (default: ${DEFAULT-VALUE})")
        int vocab;
        @Option(names = "--hidden", defaultValue = "64", converter = Checks.Count.class, description = "hidden size (default: ${DEFAULT-VALUE})")
        int hidden;
        @Option(names = "--layers", defaultValue = "2", converter = Checks.Count.class, description = "encoder layers (default: ${DEFAULT-VALUE})")
        int layers;
        @Option(names = "--heads", defaultValue = "4", converter = Checks.Count.class, description = "attention heads (default: ${DEFAULT-VALUE})")
        int heads;
        @Option(names = "--max-length", defaultValue = "64", converter = Checks.Count.class, description = "tokens per sequence (default: ${DEFAULT-VALUE})")
        int maxLength;
        @Option(names = "--batch", defaultValue = "32", converter = Checks.Count.class, description = "sequences per step (default: ${DEFAULT-VALUE})")
        int batch;
        @Mixin Steps steps = new Steps(2500);
        @Option(names = "--lr", defaultValue = "1e-3", converter = Checks.Rate.class, description = "learning rate (default: ${DEFAULT-VALUE})")
        double lr;
        @Option(names = "--eval-every", defaultValue = "250", converter = Checks.Count.class, description = "steps between evaluations (default: ${DEFAULT-VALUE})")
        int evalEvery;
        @Mixin Seed seed = new Seed();

        @Override
        List<String> arguments() {
            return named("--dir", dir, "--vocab", vocab, "--hidden", hidden, "--layers", layers, "--heads", heads,
                    "--max-length", maxLength, "--batch", batch, "--steps", steps.value, "--lr", lr, "--eval-every", evalEvery,
                    "--seed", seed.value);
        }

        @Override
        void launch(String[] args) throws Exception {
            jgrad.examples.BertPretrain.main(args);
        }

        @Override
        Path outputFolder() {
            return dir;
        }
    }

    /** What {@code bert-finetune --method} trains. */
    enum FineTuneMethod { full, scratch, lora, adapters, prefix, compare }

    /** Which output {@code bert-finetune --pooling} classifies. */
    enum Pooling { mean, cls }

    @Command(name = "bert-finetune", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Fine-tune a pretrained BERT to classify fortunes (full, LoRA, adapters, prefix; compare).")
    static final class BertFineTune extends Demo {
        @Option(names = "--method", defaultValue = "full", description = "full, scratch, lora, adapters, prefix or compare (default: ${DEFAULT-VALUE})")
        FineTuneMethod method;
        @Mixin Epochs epochs = new Epochs(8);
        @Option(names = "--batch", defaultValue = "16", converter = Checks.Count.class, description = "examples per step (default: ${DEFAULT-VALUE})")
        int batch;
        @Option(names = "--max-length", defaultValue = "64", converter = Checks.Count.class, description = "tokens per fortune (default: ${DEFAULT-VALUE})")
        int maxLength;
        @Option(names = "--lr", defaultValue = "1e-3", converter = Checks.Rate.class, description = "learning rate for full fine-tuning (default: ${DEFAULT-VALUE})")
        double lr;
        @Option(names = "--peft-lr", defaultValue = "3e-3", converter = Checks.Rate.class, description = "learning rate for LoRA, adapters, prefix (default: ${DEFAULT-VALUE})")
        double peftLr;
        @Option(names = "--per-category", defaultValue = "200", converter = Checks.Count.class, description = "fortunes per category (default: ${DEFAULT-VALUE})")
        int perCategory;
        @Option(names = "--pooling", defaultValue = "mean", description = "mean or cls (default: ${DEFAULT-VALUE})")
        Pooling pooling;
        @Option(names = "--pretrained", defaultValue = "runs/bert-fortunes/pretrained", description = "pretrained model folder (default: ${DEFAULT-VALUE})")
        Path pretrained;
        @Mixin Seed seed = new Seed();

        @Override
        List<String> arguments() {
            return named("--method", method, "--epochs", epochs.value, "--batch", batch, "--max-length", maxLength, "--lr", lr,
                    "--peft-lr", peftLr, "--per-category", perCategory, "--pooling", pooling, "--pretrained", pretrained,
                    "--seed", seed.value);
        }

        @Override
        void launch(String[] args) throws Exception {
            jgrad.examples.BertFineTune.main(args);
        }
    }

    /** The algorithms {@code rl --algo} accepts. */
    enum RlAlgorithm { ppo, dqn, reinforce }

    @Command(name = "rl", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Reinforcement learning: PPO, DQN or REINFORCE on CartPole-v1, PPO on Pendulum-v1.")
    static final class Rl extends Demo {
        @Option(names = "--algo", defaultValue = "ppo", description = "ppo, dqn or reinforce (default: ${DEFAULT-VALUE})")
        RlAlgorithm algo;
        @Option(names = "--env", defaultValue = "CartPole-v1", description = "environment id (default: ${DEFAULT-VALUE})")
        String env;
        @Option(names = "--steps", converter = Checks.LongCount.class, description = "environment steps (default: the algorithm's setting)")
        Long steps;
        @Option(names = "--episodes", defaultValue = "100", converter = Checks.Count.class, description = "evaluation episodes (default: ${DEFAULT-VALUE})")
        int episodes;
        @Option(names = "--seed", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
        long seed;
        @Option(names = "--out", description = "output folder (default: runs/rl/ALGO-ENV)")
        Path out;

        @Override
        List<String> arguments() {
            if (!jgrad.rl.env.Envs.ids().contains(env)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--env " + env + " is not an environment; known: " + new java.util.TreeSet<>(jgrad.rl.env.Envs.ids()));
            }
            return named("--algo", algo, "--env", env, "--steps", steps, "--episodes", episodes, "--seed", seed, "--out", out);
        }

        @Override
        void launch(String[] args) throws Exception {
            RlTrain.main(args);
        }

        @Override
        Path outputFolder() {
            return out != null ? out : Path.of("runs", "rl", algo + "-" + env);
        }
    }

    /** The applications {@code rl-apps --app} accepts. */
    enum RlApp { snake, arm, traffic, scheduling, driving }

    @Command(name = "rl-apps", mixinStandardHelpOptions = true, sortOptions = false,
            description = "RL applications (snake, arm, traffic, scheduling, driving): PPO against hand-written baselines.")
    static final class RlApps extends Demo {
        @Option(names = "--app", defaultValue = "traffic", description = "snake, arm, traffic, scheduling or driving (default: ${DEFAULT-VALUE})")
        RlApp app;
        @Option(names = "--steps", converter = Checks.LongCount.class, description = "environment steps (default: the app's setting)")
        Long steps;
        @Option(names = "--episodes", defaultValue = "100", converter = Checks.Count.class, description = "evaluation episodes (default: ${DEFAULT-VALUE})")
        int episodes;
        @Option(names = "--seed", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
        long seed;
        @Option(names = "--baselines-only", description = "evaluate the baselines and stop")
        boolean baselinesOnly;
        @Option(names = "--out", description = "output folder (default: runs/rl/APP)")
        Path out;

        @Override
        List<String> arguments() {
            return named("--app", app, "--steps", steps, "--episodes", episodes, "--seed", seed,
                    "--baselines-only", baselinesOnly ? "true" : null, "--out", out);
        }

        @Override
        void launch(String[] args) throws Exception {
            RlApplications.main(args);
        }

        @Override
        Path outputFolder() {
            return out != null ? out : Path.of("runs", "rl", app.name());
        }
    }

    /** The classifiers {@code fashion --model} accepts. */
    enum FashionModel { cnn, resnet, vgg }

    /** The learning-rate schedules {@code fashion --schedule} accepts. */
    enum FashionSchedule { cosine, onecycle }

    @Command(name = "fashion", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Fashion-MNIST: the W3 CNN, a small ResNet or a small VGG, augmentation, per-class report.")
    static final class Fashion extends Demo {
        @Option(names = "--model", defaultValue = "cnn", description = "cnn, resnet or vgg (default: ${DEFAULT-VALUE})")
        FashionModel model;
        @Option(names = "--width", converter = Checks.Count.class, description = "channels of the first layer (default: 32 for cnn and vgg, 16 for resnet)")
        Integer width;
        @Mixin Epochs epochs = new Epochs(5);
        @Option(names = "--train-size", defaultValue = "60000", converter = Checks.Count.class, description = "training images (default: ${DEFAULT-VALUE})")
        int trainSize;
        @Option(names = "--test-size", defaultValue = "10000", converter = Checks.NonNegative.class,
                description = "test images measured at the end; 0 leaves the test set untouched (default: ${DEFAULT-VALUE})")
        int testSize;
        @Option(names = "--batch", defaultValue = "128", converter = Checks.Count.class, description = "images per step (default: ${DEFAULT-VALUE})")
        int batch;
        @Option(names = "--lr", defaultValue = "2e-3", converter = Checks.Rate.class, description = "learning rate (default: ${DEFAULT-VALUE})")
        double lr;
        @Option(names = "--augment", arity = "1", defaultValue = "true", description = "random crops and flips, true or false (default: ${DEFAULT-VALUE})")
        boolean augment;
        @Option(names = "--schedule", defaultValue = "cosine", description = "cosine (per epoch) or onecycle (per batch) (default: ${DEFAULT-VALUE})")
        FashionSchedule schedule;
        @Option(names = "--label-smoothing", defaultValue = "0", converter = Checks.Probability.class, description = "label smoothing of the training loss (default: ${DEFAULT-VALUE})")
        double labelSmoothing;
        @Option(names = "--validation", defaultValue = "0", converter = Checks.NonNegative.class,
                description = "hold out the last N training images and measure them every epoch (default: ${DEFAULT-VALUE})")
        int validation;
        @Mixin Seed seed = new Seed();
        @Mixin OutputFolder out = new OutputFolder("runs/fashion-mnist");

        @Override
        List<String> arguments() {
            return named("--model", model, "--width", width, "--epochs", epochs.value, "--train-size", trainSize, "--test-size", testSize,
                    "--batch", batch, "--lr", lr, "--augment", augment, "--schedule", schedule, "--label-smoothing", labelSmoothing,
                    "--validation", validation, "--seed", seed.value, "--out", out.value);
        }

        @Override
        void launch(String[] args) throws Exception {
            FashionMnistDemo.main(args);
        }

        @Override
        Path outputFolder() {
            return out.value;
        }
    }

    @Command(name = "detection", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Object detection: CenterNet on generated scenes, mAP@0.5 and mAP@[.5:.95], detections.png.")
    static final class Detection extends Demo {
        @Option(names = "--train", defaultValue = "2000", converter = Checks.Count.class, description = "training scenes (default: ${DEFAULT-VALUE})")
        int train;
        @Option(names = "--test", defaultValue = "500", converter = Checks.Count.class, description = "test scenes (default: ${DEFAULT-VALUE})")
        int test;
        @Mixin Epochs epochs = new Epochs(12);
        @Option(names = "--width", defaultValue = "16", converter = Checks.Count.class, description = "backbone width (default: ${DEFAULT-VALUE})")
        int width;
        @Option(names = "--batch", defaultValue = "32", converter = Checks.Count.class, description = "scenes per step (default: ${DEFAULT-VALUE})")
        int batch;
        @Option(names = "--lr", defaultValue = "3e-3", converter = Checks.Rate.class, description = "learning rate (default: ${DEFAULT-VALUE})")
        double lr;
        @Mixin Seed seed = new Seed();
        @Mixin OutputFolder out = new OutputFolder("runs/detection");

        @Override
        List<String> arguments() {
            return named("--train", train, "--test", test, "--epochs", epochs.value, "--width", width, "--batch", batch, "--lr", lr,
                    "--seed", seed.value, "--out", out.value);
        }

        @Override
        void launch(String[] args) throws Exception {
            DetectionDemo.main(args);
        }

        @Override
        Path outputFolder() {
            return out.value;
        }
    }

    @Command(name = "segmentation", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Semantic segmentation: U-Net, cross-entropy + Dice, pixel accuracy and mIoU, segmentation.png.")
    static final class Segmentation extends Demo {
        @Option(names = "--train", defaultValue = "1200", converter = Checks.Count.class, description = "training scenes (default: ${DEFAULT-VALUE})")
        int train;
        @Option(names = "--test", defaultValue = "300", converter = Checks.Count.class, description = "test scenes (default: ${DEFAULT-VALUE})")
        int test;
        @Mixin Epochs epochs = new Epochs(8);
        @Option(names = "--width", defaultValue = "8", converter = Checks.Count.class, description = "U-Net width (default: ${DEFAULT-VALUE})")
        int width;
        @Option(names = "--batch", defaultValue = "16", converter = Checks.Count.class, description = "scenes per step (default: ${DEFAULT-VALUE})")
        int batch;
        @Option(names = "--lr", defaultValue = "3e-3", converter = Checks.Rate.class, description = "learning rate (default: ${DEFAULT-VALUE})")
        double lr;
        @Option(names = "--dice", defaultValue = "1", converter = Checks.NonNegativeNumber.class, description = "weight of the Dice loss (default: ${DEFAULT-VALUE})")
        double dice;
        @Mixin Seed seed = new Seed();
        @Mixin OutputFolder out = new OutputFolder("runs/segmentation");

        @Override
        List<String> arguments() {
            return named("--train", train, "--test", test, "--epochs", epochs.value, "--width", width, "--batch", batch, "--lr", lr,
                    "--dice", dice, "--seed", seed.value, "--out", out.value);
        }

        @Override
        void launch(String[] args) throws Exception {
            SegmentationDemo.main(args);
        }

        @Override
        Path outputFolder() {
            return out.value;
        }
    }

    /** The generative models {@code generation --model} accepts. */
    enum GenerativeModel { vae, dcgan }

    @Command(name = "generation", mixinStandardHelpOptions = true, sortOptions = false,
            description = "VAE or DCGAN on Fashion-MNIST: samples, interpolations, Frechet distance.")
    static final class Generation extends Demo {
        @Option(names = "--model", defaultValue = "vae", description = "vae or dcgan (default: ${DEFAULT-VALUE})")
        GenerativeModel model;
        @Mixin Epochs epochs = new Epochs(3);
        @Option(names = "--train-size", defaultValue = "20000", converter = Checks.Count.class, description = "training images (default: ${DEFAULT-VALUE})")
        int trainSize;
        @Mixin Seed seed = new Seed();
        @Option(names = "--out", description = "output folder (default: runs/generation-MODEL)")
        Path out;

        @Override
        List<String> arguments() {
            return named("--model", model, "--epochs", epochs.value, "--train-size", trainSize, "--seed", seed.value, "--out", out);
        }

        @Override
        void launch(String[] args) throws Exception {
            GenerationDemo.main(args);
        }

        @Override
        Path outputFolder() {
            return out != null ? out : Path.of("runs", "generation-" + model);
        }
    }

    @Command(name = "tracking", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Tracking: CenterNet + SORT (Kalman, Hungarian) on generated videos, MOTA and IDF1, tracks.png.")
    static final class Tracking extends Demo {
        @Option(names = "--detector", defaultValue = "runs/tracking/detector.safetensors",
                description = "CenterNet checkpoint; trained first (on objects cut by the borders too) when missing (default: ${DEFAULT-VALUE})")
        Path detector;
        @Option(names = "--detector-epochs", defaultValue = "6", converter = Checks.Count.class,
                description = "epochs for training the detector when its checkpoint is missing (default: ${DEFAULT-VALUE})")
        int detectorEpochs;
        @Option(names = "--settings", defaultValue = "tuned", description = "tracker settings: first or tuned (default: ${DEFAULT-VALUE})")
        String settings;
        @Option(names = "--videos", defaultValue = "20", converter = Checks.Count.class, description = "videos to track (default: ${DEFAULT-VALUE})")
        int videos;
        @Option(names = "--frames", defaultValue = "60", converter = Checks.Count.class, description = "frames per video (default: ${DEFAULT-VALUE})")
        int frames;
        @Mixin Seed seed = new Seed();
        @Mixin OutputFolder out = new OutputFolder("runs/tracking");

        @Override
        List<String> arguments() {
            if (!settings.equals("first") && !settings.equals("tuned")) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--settings must be first or tuned, not " + settings);
            }
            return named("--detector", detector, "--detector-epochs", detectorEpochs, "--settings", settings,
                    "--videos", videos, "--frames", frames, "--seed", seed.value, "--out", out.value);
        }

        @Override
        void launch(String[] args) throws Exception {
            TrackingDemo.main(args);
        }

        @Override
        Path outputFolder() {
            return out.value;
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Inference server: health, metrics, micro-batched digits, streamed text, on localhost.")
    static final class Serve extends Demo {
        @Option(names = "--model", description = "model folder to serve; repeat for several (default: the demo models in runs/serve)")
        List<Path> models = new ArrayList<>();
        @Option(names = "--port", defaultValue = "8080", converter = Checks.Port.class, description = "port, 0 for any free one (default: ${DEFAULT-VALUE})")
        int port;
        @Option(names = "--max-batch", defaultValue = "32", converter = Checks.Count.class, description = "requests per batch (default: ${DEFAULT-VALUE})")
        int maxBatch;
        @Option(names = "--max-wait-ms", defaultValue = "2", converter = Checks.NonNegative.class, description = "wait for a batch to fill (default: ${DEFAULT-VALUE})")
        int maxWait;
        @Option(names = "--max-queue", defaultValue = "256", converter = Checks.Count.class, description = "queued requests before 429 (default: ${DEFAULT-VALUE})")
        int maxQueue;
        @Option(names = "--max-body-bytes", defaultValue = "1000000", converter = Checks.Count.class, description = "largest request body (default: ${DEFAULT-VALUE})")
        int maxBody;

        @Override
        List<String> arguments() {
            var args = new ArrayList<String>();
            models.forEach(model -> args.addAll(List.of("--model", model.toString())));
            args.addAll(named("--port", port, "--max-batch", maxBatch, "--max-wait-ms", maxWait, "--max-queue", maxQueue,
                    "--max-body-bytes", maxBody));
            return args;
        }

        @Override
        void launch(String[] args) throws Exception {
            ServeMain.main(args);
        }
    }

    @Command(name = "load-test", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Load test of the server: p50/p99 and throughput at several client counts, then overload (429s).")
    static final class LoadTest extends Demo {
        @Option(names = "--seconds", defaultValue = "5", converter = Checks.Rate.class, description = "seconds per client count (default: ${DEFAULT-VALUE})")
        double seconds;
        @Option(names = "--clients", defaultValue = "1,8,32", split = ",", converter = Checks.Count.class,
                description = "client counts, comma-separated (default: ${DEFAULT-VALUE})")
        List<Integer> clients;
        @Option(names = "--overload-clients", defaultValue = "128", converter = Checks.Count.class, description = "clients in the overload run (default: ${DEFAULT-VALUE})")
        int overloadClients;
        @Option(names = "--overload-queue", defaultValue = "8", converter = Checks.Count.class, description = "queue in the overload run (default: ${DEFAULT-VALUE})")
        int overloadQueue;
        @Option(names = "--max-batch", defaultValue = "32", converter = Checks.Count.class, description = "requests per batch (default: ${DEFAULT-VALUE})")
        int maxBatch;
        @Option(names = "--max-wait-ms", defaultValue = "2", converter = Checks.NonNegative.class, description = "wait for a batch to fill (default: ${DEFAULT-VALUE})")
        int maxWait;

        @Override
        List<String> arguments() {
            return named("--seconds", seconds, "--clients", String.join(",", clients.stream().map(String::valueOf).toList()),
                    "--overload-clients", overloadClients, "--overload-queue", overloadQueue, "--max-batch", maxBatch,
                    "--max-wait-ms", maxWait);
        }

        @Override
        void launch(String[] args) throws Exception {
            jgrad.serve.LoadTest.main(args);
        }
    }

    @Command(name = "quant", mixinStandardHelpOptions = true, description = "int8 quantisation against float32: accuracy, size, speed.")
    static final class Quant extends Demo {
        @Mixin Epochs epochs = new Epochs(2);
        @Option(names = "--train", defaultValue = "6000", converter = Checks.Count.class, description = "training digits (default: ${DEFAULT-VALUE})")
        int train;
        @Option(names = "--test", defaultValue = "2000", converter = Checks.Count.class, description = "test digits (default: ${DEFAULT-VALUE})")
        int test;

        @Override
        List<String> arguments() {
            return named("--epochs", epochs.value, "--train", train, "--test", test);
        }

        @Override
        void launch(String[] args) {
            QuantBenchmark.main(args);
        }
    }

    @Command(name = "recsys", mixinStandardHelpOptions = true,
            description = "Recommenders (popularity, matrix factorisation, neural CF) by HR@10 and NDCG@10.")
    static final class Recsys extends Demo {
        @Option(names = "--movielens", description = "MovieLens ratings.dat (default: generated users and items)")
        Path movieLens;
        @Mixin Epochs epochs = new Epochs(8);

        @Override
        List<String> arguments() {
            Cli.requireFile(spec.commandLine(), "--movielens", movieLens);
            return named("--movielens", movieLens, "--epochs", epochs.value);
        }

        @Override
        void launch(String[] args) throws Exception {
            RecommenderDemo.main(args);
        }
    }

    @Command(name = "explain", mixinStandardHelpOptions = true,
            description = "Explanations (saliency, integrated gradients, Grad-CAM, tokens) and their sanity check; writes runs/explain.")
    static final class Explain extends Demo {
        @Override
        List<String> arguments() {
            return List.of();
        }

        @Override
        void launch(String[] args) throws Exception {
            ExplainDemo.main(args);
        }

        @Override
        Path outputFolder() {
            return Path.of("runs", "explain");
        }
    }

    @Command(name = "backends", mixinStandardHelpOptions = true,
            description = "Which GEMM backends (java, OpenBLAS, cuBLAS) this machine has, and the thread count.")
    static final class Backends extends Demo {
        @Override
        List<String> arguments() {
            return List.of();
        }

        @Override
        void launch(String[] args) {
            jgrad.nativ.Backends.main(args);
            System.out.println("threads: " + jgrad.kernels.Parallel.threads() + ", kernels: " + jgrad.kernels.Kernels.mode());
        }
    }

    @Command(name = "gpu-check", mixinStandardHelpOptions = true, sortOptions = false,
            description = "cuBLAS against the Java GEMM on a GPU machine: agreement and speed.")
    static final class GpuCheck extends Demo {
        @Option(names = "--sizes", defaultValue = "1024,2048,4096", split = ",", converter = Checks.Count.class,
                description = "matrix sizes (default: ${DEFAULT-VALUE})")
        List<Integer> sizes;
        @Option(names = "--java-size", defaultValue = "1024", converter = Checks.NonNegative.class, description = "largest size also run in Java (default: ${DEFAULT-VALUE})")
        int javaSize;
        @Option(names = "--warmups", defaultValue = "2", converter = Checks.NonNegative.class, description = "untimed runs (default: ${DEFAULT-VALUE})")
        int warmups;
        @Option(names = "--runs", defaultValue = "5", converter = Checks.Count.class, description = "timed runs (default: ${DEFAULT-VALUE})")
        int runs;
        @Option(names = "--seed", defaultValue = "42", converter = Checks.NonNegative.class, description = "random seed (default: ${DEFAULT-VALUE})")
        int seed;

        @Override
        List<String> arguments() {
            return List.of("--sizes=" + String.join(",", sizes.stream().map(String::valueOf).toList()), "--java-size=" + javaSize,
                    "--warmups=" + warmups, "--runs=" + runs, "--seed=" + seed);
        }

        @Override
        void launch(String[] args) throws Exception {
            jgrad.nativ.GpuCheck.main(args);
        }
    }

    /** The models {@code sequence-benchmark --model} times. */
    enum SequenceModel { all, gpt, lstm }

    @Command(name = "sequence-benchmark", mixinStandardHelpOptions = true, description = "W4/W5: GPT and LSTM training steps per second.")
    static final class SequenceBenchmark extends Demo {
        @Option(names = "--model", defaultValue = "all", description = "all, gpt or lstm (default: ${DEFAULT-VALUE})")
        SequenceModel model;
        @Option(names = "--seconds", defaultValue = "3", converter = Checks.Rate.class, description = "seconds per measurement (default: ${DEFAULT-VALUE})")
        double seconds;

        @Override
        List<String> arguments() {
            return List.of(model.name(), Double.toString(seconds));
        }

        @Override
        void launch(String[] args) {
            jgrad.examples.SequenceBenchmark.main(args);
        }
    }

    @Command(name = "gpt2-benchmark", mixinStandardHelpOptions = true, description = "W6: a GPT-2 124M training step, seconds per step and peak RSS.")
    static final class Gpt2Benchmark extends Demo {
        @Option(names = "--steps", defaultValue = "3", converter = Checks.Count.class, description = "timed steps (default: ${DEFAULT-VALUE})")
        int steps;

        @Override
        List<String> arguments() {
            return List.of(Integer.toString(steps));
        }

        @Override
        void launch(String[] args) throws Exception {
            jgrad.examples.Gpt2Benchmark.main(args);
        }
    }

    @Command(name = "env-benchmark", mixinStandardHelpOptions = true, description = "RL environments: steps per second.")
    static final class EnvBenchmark extends Demo {
        @Option(names = "--steps", defaultValue = "1000000", converter = Checks.Count.class, description = "steps per environment (default: ${DEFAULT-VALUE})")
        int steps;

        @Override
        List<String> arguments() {
            return List.of(Integer.toString(steps));
        }

        @Override
        void launch(String[] args) throws Exception {
            jgrad.rl.examples.EnvBenchmark.main(args);
        }
    }

    /** Redraws a set of lecture figures: {@code main([--quick,] DIR)}. */
    abstract static class Figures extends Demo {
        @Option(names = "--quick", description = "fewer training steps, for a check")
        boolean quick;
        @Mixin OutputFolder out = new OutputFolder("lectures/img");

        @Override
        List<String> arguments() {
            return quick ? List.of("--quick", out.value.toString()) : List.of(out.value.toString());
        }

        @Override
        Path outputFolder() {
            return out.value;
        }
    }

    @Command(name = "course-figures", mixinStandardHelpOptions = true, description = "Redraws the figures of lectures 4 and 5.")
    static final class CourseFigures extends Figures {
        @Override
        void launch(String[] args) throws Exception {
            jgrad.examples.CourseFigures.main(args);
        }
    }

    @Command(name = "sequence-figures", mixinStandardHelpOptions = true, description = "Redraws the figures of lectures 6 and 7.")
    static final class SequenceFigures extends Figures {
        @Override
        void launch(String[] args) throws Exception {
            jgrad.examples.SequenceFigures.main(args);
        }
    }

    @Command(name = "cifar", mixinStandardHelpOptions = true, sortOptions = false,
            description = "The survey's CIFAR-10 network: two convolutions, three linear layers, SGD with momentum.")
    static final class Cifar extends Demo {
        @Mixin Epochs epochs = new Epochs(2);
        @Option(names = "--batch", defaultValue = "4", converter = Checks.Count.class, description = "images per step (default: ${DEFAULT-VALUE})")
        int batch;
        @Option(names = "--lr", defaultValue = "0.001", converter = Checks.Rate.class, description = "SGD learning rate (default: ${DEFAULT-VALUE})")
        double lr;
        @Option(names = "--momentum", defaultValue = "0.9", converter = Checks.Probability.class, description = "SGD momentum (default: ${DEFAULT-VALUE})")
        double momentum;
        @Option(names = "--train-size", converter = Checks.Count.class, description = "training images (default: all)")
        Integer trainSize;
        @Option(names = "--test-size", converter = Checks.Count.class, description = "test images (default: all)")
        Integer testSize;
        @Mixin Seed seed = new Seed();
        @Option(names = "--data", description = "folder with CIFAR-10's binary files (default: $JGRAD_DATA/cifar-10)")
        Path data;
        @Option(names = "--download", description = "fetch the 170 MB archive into --data (needs the network)")
        boolean download;
        @Mixin OutputFolder out = new OutputFolder("runs/cifar");

        @Override
        List<String> arguments() {
            return named("--epochs", epochs.value, "--batch", batch, "--lr", lr, "--momentum", momentum, "--train-size", trainSize,
                    "--test-size", testSize, "--seed", seed.value, "--data", data, "--download", download ? "true" : null, "--out", out.value);
        }

        @Override
        void launch(String[] args) throws Exception {
            jgrad.examples.CifarTraining.main(args);
        }

        @Override
        Path outputFolder() {
            return out.value;
        }
    }

    /** How {@code customer-service} runs after training. */
    enum DialogueMode { scripted, chat }

    @Command(name = "customer-service", mixinStandardHelpOptions = true,
            description = "A customer-service assistant (joint intent and slot model): scripted held-out conversations or a chat.")
    static final class CustomerService extends Demo {
        @Option(names = "--mode", defaultValue = "scripted", description = "scripted or chat (default: ${DEFAULT-VALUE})")
        DialogueMode mode;
        @Mixin Epochs epochs = new Epochs(4);
        @Option(names = "--generator", defaultValue = "runs/customer-service/faq-generator.safetensors",
                description = "checkpoint of the generative answer fallback, trained and written on first use (minutes); 'none': no fallback (default: ${DEFAULT-VALUE})")
        String generator;

        @Override
        List<String> arguments() {
            return List.of(mode.name(), Integer.toString(epochs.value), generator);
        }

        @Override
        void launch(String[] args) throws Exception {
            jgrad.examples.dialogue.CustomerService.main(args);
        }
    }

    @Command(name = "vision-figures", mixinStandardHelpOptions = true, description = "Redraws the figures of lectures 10 to 12.")
    static final class VisionFigures extends Demo {
        @Mixin OutputFolder out = new OutputFolder("lectures/img");

        @Override
        List<String> arguments() {
            return named("--out", out.value);
        }

        @Override
        void launch(String[] args) throws Exception {
            jgrad.vision.VisionFigures.main(args);
        }

        @Override
        Path outputFolder() {
            return out.value;
        }
    }

    @Command(name = "tracking-analysis", mixinStandardHelpOptions = true,
            description = "Where the tracker's errors come from: MOTA and IDF1 with one tracker setting changed at a time.")
    static final class TrackingAnalysis extends Demo {
        @Option(names = "--detector", defaultValue = "runs/tracking/detector.safetensors",
                description = "CenterNet checkpoint the tracking demo wrote (default: ${DEFAULT-VALUE})")
        Path detector;
        @Option(names = "--videos", defaultValue = "20", converter = Checks.Count.class, description = "validation videos (default: ${DEFAULT-VALUE})")
        int videos;
        @Option(names = "--frames", defaultValue = "60", converter = Checks.Count.class, description = "frames per video (default: ${DEFAULT-VALUE})")
        int frames;

        @Override
        List<String> arguments() {
            Cli.requireFile(spec.commandLine(), "--detector", detector);
            return named("--detector", detector, "--videos", videos, "--frames", frames);
        }

        @Override
        void launch(String[] args) throws Exception {
            jgrad.vision.tracking.TrackingAnalysis.main(args);
        }
    }

    @Command(name = "gettext-translation", mixinStandardHelpOptions = true,
            description = "English to French UI messages from the installed gettext catalogues: Transformer against GRU + attention, BLEU.")
    static final class GettextTranslation extends Demo {
        @Mixin Steps steps = new Steps(600);
        @Option(names = "--batch", defaultValue = "32", converter = Checks.Count.class, description = "message pairs per step (default: ${DEFAULT-VALUE})")
        int batch;
        @Option(names = "--catalogues", defaultValue = "/usr/share/locale/fr/LC_MESSAGES", description = "folder of .mo files (default: ${DEFAULT-VALUE})")
        Path catalogues;
        @Option(names = "--bpe", defaultValue = "1000", description = "BPE tokens per language, learnt on the training messages; 0 for characters (default: ${DEFAULT-VALUE})")
        int bpe;
        @Option(names = "--validation", description = "score on a validation split carved from the training messages (for choosing settings), not the held-out ones")
        boolean validation;

        @Override
        List<String> arguments() {
            if (!java.nio.file.Files.isDirectory(catalogues)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--catalogues " + catalogues + " is not a folder");
            }
            if (bpe != 0 && bpe < 256) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--bpe must be 0 (characters) or at least 256, got " + bpe);
            }
            return List.of(Integer.toString(steps.value), Integer.toString(batch), catalogues.toString(), Integer.toString(bpe),
                    validation ? "validation" : "test");
        }

        @Override
        void launch(String[] args) throws Exception {
            jgrad.examples.GettextTranslation.main(args);
        }
    }
}
