package jgrad.examples;

import jgrad.Grad;
import jgrad.Tensor;
import jgrad.cli.Checks;
import jgrad.cli.Cli;
import jgrad.io.Safetensors;
import jgrad.models.CharLSTM;
import jgrad.models.GPT;
import jgrad.nn.HiddenState;
import jgrad.nn.Module;
import jgrad.nn.functional.F;
import jgrad.optim.AdamW;
import jgrad.optim.ClipGrad;
import jgrad.text.CharTokenizer;
import jgrad.text.Sampler;
import jgrad.text.StreamingDecoder;
import jgrad.train.TruncatedBptt;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * Trains a character-level GPT or LSTM on any text file, offline, and samples from it: nanoGPT's
 * {@code train.py} recipe (AdamW with betas 0.9/0.99, weight decay 0.1 on matrices only, gradient
 * clipping at 1, linear warm-up then cosine decay to lr/10), a 90/10 train/validation split,
 * validation loss every {@code --eval-interval} steps, and a checkpoint (model, optimizer, step,
 * tokenizer) written atomically to {@code --out} at each evaluation. {@code --resume} continues
 * from that checkpoint.
 *
 * <pre>
 * bin/jgrad text --steps 500                                   (the bundled Coriolanus excerpt)
 * bin/jgrad text --data file.txt --model lstm --steps 1000 --out out-lstm
 * bin/jgrad text --out out-lstm --sample 500 --temperature 0.8   (sample only: --out holds a checkpoint)
 * </pre>
 * {@code bin/jgrad text --help} lists the options with their defaults. {@code --tbptt true|false}: for the LSTM, truncated backprop through time ({@link TruncatedBptt}):
 * the training text is read as {@code --batch} parallel stripes in consecutive windows of
 * {@code --block} tokens, and each window starts from the state the previous one ended in, detached,
 * so the model learns from context longer than a window. With {@code false} (and always for the GPT)
 * every step takes random windows from a zero state. A resumed run starts the stripes afresh.
 * Evaluation uses random windows from a zero state either way.
 */
@Command(name = "text", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a character-level GPT or LSTM on a text file and sample from it.",
                "Without --data it trains on the excerpt of Shakespeare's Coriolanus that ships with jgrad, or, when --out "
                        + "already holds a checkpoint, samples from that checkpoint."})
public final class TextTrain implements Callable<Integer> {
    /** The text that ships with jgrad (public domain; see NOTICE): about 64 KB of Coriolanus. */
    public static final String BUNDLED_TEXT = "coriolanus.txt";

    /** The models {@code --model} accepts. */
    public enum ModelKind { gpt, lstm }

    @Option(names = "--data", description = "UTF-8 text file to train on (default: the bundled Coriolanus excerpt)")
    private Path data;

    @Option(names = "--out", defaultValue = "out-text", description = "checkpoint folder (default: ${DEFAULT-VALUE})")
    private Path out;

    @Option(names = "--resume", description = "continue training from the checkpoint in --out")
    private boolean resumeRequested;

    @Option(names = "--model", defaultValue = "gpt", description = "gpt or lstm (default: ${DEFAULT-VALUE})")
    private ModelKind modelKind;

    @Option(names = "--steps", defaultValue = "2000", converter = Checks.Count.class, description = "training steps (default: ${DEFAULT-VALUE})")
    private int steps;

    @Option(names = "--batch", defaultValue = "12", converter = Checks.Count.class, description = "sequences per step (default: ${DEFAULT-VALUE})")
    private int batch;

    @Option(names = "--block", defaultValue = "64", converter = Checks.Count.class, description = "context length in characters (default: ${DEFAULT-VALUE})")
    private int block;

    @Option(names = "--layers", defaultValue = "4", converter = Checks.Count.class, description = "layers (default: ${DEFAULT-VALUE}; the LSTM uses 1 unless given)")
    private int layers;

    @Option(names = "--heads", defaultValue = "4", converter = Checks.Count.class, description = "attention heads (default: ${DEFAULT-VALUE})")
    private int heads;

    @Option(names = "--width", defaultValue = "128", converter = Checks.Count.class, description = "model width (default: ${DEFAULT-VALUE})")
    private int width;

    @Option(names = "--lr", defaultValue = "1e-3", converter = Checks.Rate.class, description = "peak learning rate (default: ${DEFAULT-VALUE})")
    private double lr;

    @Option(names = "--dropout", defaultValue = "0", converter = Checks.Probability.class, description = "dropout probability (default: ${DEFAULT-VALUE})")
    private double dropout;

    @Option(names = "--eval-interval", defaultValue = "250", converter = Checks.Count.class, description = "steps between validation and checkpoint (default: ${DEFAULT-VALUE})")
    private int evalInterval;

    @Option(names = "--eval-iters", defaultValue = "20", converter = Checks.Count.class, description = "batches per validation estimate (default: ${DEFAULT-VALUE})")
    private int evalIters;

    @Option(names = "--seed", defaultValue = "1337", description = "random seed (default: ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--sample", defaultValue = "300", converter = Checks.NonNegative.class, description = "characters to sample at the end (default: ${DEFAULT-VALUE})")
    private int sampleCount;

    @Option(names = "--temperature", defaultValue = "0.8", converter = Checks.Rate.class, description = "sampling temperature (default: ${DEFAULT-VALUE})")
    private double temperature;

    @Option(names = "--top-k", defaultValue = "0", converter = Checks.NonNegative.class, description = "sample from the k likeliest characters; 0 = all (default: ${DEFAULT-VALUE})")
    private int topK;

    @Option(names = "--tbptt", arity = "1", defaultValue = "true", description = "LSTM: truncated backprop through time, true or false (default: ${DEFAULT-VALUE})")
    private boolean tbptt;

    @Spec
    private CommandSpec spec;

    /** Every option by name (without dashes) as text: what the checkpoint stores and a resumed run reads back. */
    private final Map<String, String> options = new LinkedHashMap<>();
    /** Options whose value is settled (given on this command line, or read back from the checkpoint). */
    private final Set<String> settled = new HashSet<>();
    private CharTokenizer tokenizer;
    private Module model;
    private AdamW optimizer;
    private int step;

    public static void main(String[] args) {
        Cli.exit(new TextTrain(), args);
    }

    @Override
    public Integer call() throws IOException {
        Cli.requireFile(spec.commandLine(), "--data", data);
        for (OptionSpec option : spec.options()) {
            String name = option.longestName().substring(2);
            if (option.usageHelp() || option.versionHelp() || Set.of("data", "out", "resume").contains(name)) {
                continue;
            }
            options.put(name, String.valueOf((Object) option.getValue()));
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                settled.add(name);
            }
        }
        run();
        Cli.printOutputFolder(out);
        return 0;
    }

    private String option(String name) {
        return options.get(name);
    }

    private int intOption(String name) {
        return Integer.parseInt(option(name));
    }

    private double doubleOption(String name) {
        return Double.parseDouble(option(name));
    }

    private void run() throws IOException {
        Path checkpoint = out.resolve("checkpoint.safetensors");
        boolean sampleOnly = data == null && Files.exists(checkpoint);
        if (resumeRequested || sampleOnly) {
            loadCheckpoint();
        }
        if (!sampleOnly) {
            String text;
            if (data != null) {
                text = Files.readString(data, StandardCharsets.UTF_8);
            } else {
                System.out.println("no --data: training on the bundled excerpt of Shakespeare's Coriolanus (" + BUNDLED_TEXT + ")");
                text = bundledText();
            }
            if (tokenizer == null) {
                tokenizer = CharTokenizer.fromText(text);
                model = buildModel(tokenizer.vocabSize());
                optimizer = buildOptimizer(model);
            }
            train(text);
        } else {
            System.out.println("no --data and a checkpoint in " + out + ": sampling from it (pass --data FILE --resume to train on)");
        }
        sample(intOption("sample"));
    }

    /** The public-domain text that ships with jgrad, so {@code bin/jgrad text} runs out of the box. */
    public static String bundledText() throws IOException {
        try (var in = TextTrain.class.getResourceAsStream(BUNDLED_TEXT)) {
            if (in == null) {
                throw new IOException("the bundled text " + BUNDLED_TEXT + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Module buildModel(int vocab) {
        var generator = new SplittableRandom(Long.parseLong(option("seed")));
        int width = intOption("width");
        if (option("model").equals("lstm")) {
            // The LSTM's default depth is 1, not the GPT's 4; the checkpoint records what was built.
            options.put("layers", settled.contains("layers") ? option("layers") : "1");
            settled.add("layers");
            int lstmLayers = intOption("layers");
            return new CharLSTM(vocab, Math.min(width, 64), width, lstmLayers, doubleOption("dropout"), generator);
        }
        return new GPT(new GPT.Config(intOption("block"), vocab, intOption("layers"), intOption("heads"), width,
                doubleOption("dropout"), true), generator);
    }

    /** AdamW as nanoGPT configures it: weight decay 0.1 on matrices (dim >= 2) only. */
    private AdamW buildOptimizer(Module m) {
        List<Tensor> matrices = m.parameters().stream().filter(p -> p.dim() >= 2).toList();
        List<Tensor> others = m.parameters().stream().filter(p -> p.dim() < 2).toList();
        var adamW = new AdamW(matrices, doubleOption("lr"), 0.9, 0.99, 1e-8, 0.1, false);
        adamW.addParamGroup(others, Map.of("weight_decay", 0.0));
        return adamW;
    }

    /** Linear warm-up over 100 steps, then cosine decay from lr to lr/10 at the last step (nanoGPT's get_lr). */
    private double learningRate(int at, int steps) {
        double lr = doubleOption("lr"), minLr = lr / 10;
        int warmup = Math.min(100, steps / 10);
        if (at < warmup) {
            return lr * (at + 1) / warmup;
        }
        double progress = (double) (at - warmup) / Math.max(1, steps - warmup);
        return minLr + 0.5 * (1 + Math.cos(Math.PI * Math.min(1, progress))) * (lr - minLr);
    }

    private void train(String text) throws IOException {
        int[] ids = tokenizer.encode(text);
        int split = (int) (ids.length * 0.9);
        int[] trainIds = java.util.Arrays.copyOfRange(ids, 0, split);
        int[] validIds = java.util.Arrays.copyOfRange(ids, split, ids.length);
        int steps = intOption("steps"), batch = intOption("batch"), block = intOption("block");
        int evalInterval = intOption("eval-interval"), evalIters = intOption("eval-iters");
        var random = new SplittableRandom(Long.parseLong(option("seed")) + step);
        long start = System.nanoTime();
        TruncatedBptt bptt = model instanceof CharLSTM && Boolean.parseBoolean(option("tbptt"))
                ? new TruncatedBptt(trainIds, batch, block) : null;
        model.train();
        while (step < steps) {
            if (step % evalInterval == 0) {
                evaluate(trainIds, validIds, batch, block, evalIters, start);
            }
            double lr = learningRate(step, steps);
            optimizer.paramGroups().forEach(group -> group.set("lr", lr));
            optimizer.zeroGrad();
            Tensor loss;
            if (bptt != null) {
                loss = bptt.loss(((CharLSTM) model)::forward);
            } else {
                Tensor[] xy = batch(trainIds, batch, block, random);
                loss = loss(xy[0], xy[1]);
            }
            loss.backward();
            ClipGrad.clipGradNorm(model.parameters(), 1.0);
            optimizer.step();
            step++;
            if (step % 50 == 0) {
                System.out.printf(Locale.ROOT, "step %5d  loss %.4f  lr %.2e  %.1f s%n", step, loss.item(), lr, seconds(start));
            }
        }
        evaluate(trainIds, validIds, batch, block, evalIters, start);
    }

    private Tensor loss(Tensor x, Tensor y) {
        Tensor logits = model.forward(x);
        return F.crossEntropy(logits.reshape(-1, logits.size(-1)), y.reshape(-1));
    }

    private void evaluate(int[] trainIds, int[] validIds, int batch, int block, int iters, long start) throws IOException {
        model.eval();
        var random = new SplittableRandom(7);
        double trainLoss = 0, validLoss = 0;
        try (var ignored = Grad.noGrad()) {
            for (int i = 0; i < iters; i++) {
                Tensor[] a = batch(trainIds, batch, block, random);
                trainLoss += loss(a[0], a[1]).item() / iters;
                Tensor[] b = batch(validIds, batch, block, random);
                validLoss += loss(b[0], b[1]).item() / iters;
            }
        }
        model.train();
        System.out.printf(Locale.ROOT, "step %5d  train loss %.4f  val loss %.4f  %.1f s%n", step, trainLoss, validLoss, seconds(start));
        saveCheckpoint(validLoss);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** {@code batch} random windows: inputs {@code (B, T)} and the next tokens as targets. */
    private static Tensor[] batch(int[] ids, int batch, int block, SplittableRandom random) {
        long[] x = new long[batch * block], y = new long[batch * block];
        for (int b = 0; b < batch; b++) {
            int at = random.nextInt(ids.length - block - 1);
            for (int t = 0; t < block; t++) {
                x[b * block + t] = ids[at + t];
                y[b * block + t] = ids[at + t + 1];
            }
        }
        return new Tensor[] {Tensor.of(x, batch, block), Tensor.of(y, batch, block)};
    }

    // ---------------------------------------------------------------------------------------------
    // Checkpoints: model.* and optim.* tensors in one safetensors file (written atomically), the run's
    // options and step in its metadata, the tokenizer beside it.
    // ---------------------------------------------------------------------------------------------

    private void saveCheckpoint(double validLoss) throws IOException {
        Files.createDirectories(out);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        model.stateDict().forEach((name, t) -> tensors.put("model." + name, t));
        optimizer.stateDict().forEach((name, t) -> tensors.put("optim." + name, t));
        Map<String, String> metadata = new LinkedHashMap<>();
        options.forEach((name, value) -> metadata.put("option." + name, value));
        metadata.put("step", String.valueOf(step));
        metadata.put("val_loss", String.valueOf(validLoss));
        tokenizer.save(out.resolve("tokenizer.txt"));
        Safetensors.save(tensors, metadata, out.resolve("checkpoint.safetensors"));
    }

    private void loadCheckpoint() throws IOException {
        Path file = out.resolve("checkpoint.safetensors");
        if (!Files.exists(file)) {
            System.out.println("--resume: no checkpoint at " + file + " yet; starting fresh");
            return;
        }
        var contents = Safetensors.read(file);
        contents.metadata().forEach((name, value) -> {
            String option = name.substring(Math.min(name.length(), "option.".length()));
            if (name.startsWith("option.") && options.containsKey(option) && !settled.contains(option)) {
                options.put(option, value);
                settled.add(option);
            }
        });
        tokenizer = CharTokenizer.load(out.resolve("tokenizer.txt"));
        model = buildModel(tokenizer.vocabSize());
        optimizer = buildOptimizer(model);
        Map<String, Tensor> modelState = new LinkedHashMap<>(), optimState = new LinkedHashMap<>();
        contents.tensors().forEach((name, t) -> {
            if (name.startsWith("model.")) modelState.put(name.substring(6), t);
            if (name.startsWith("optim.")) optimState.put(name.substring(6), t);
        });
        model.loadStateDict(modelState);
        optimizer.loadStateDict(optimState);
        step = Integer.parseInt(contents.metadata().getOrDefault("step", "0"));
        System.out.printf(Locale.ROOT, "resumed %s at step %d (val loss %s)%n", file, step, contents.metadata().get("val_loss"));
    }

    // ---------------------------------------------------------------------------------------------
    // Sampling, streamed to the terminal as tokens are drawn
    // ---------------------------------------------------------------------------------------------

    private void sample(int count) {
        if (count <= 0) {
            return;
        }
        var sampler = new Sampler().withTemperature(doubleOption("temperature"));
        int topK = intOption("top-k");
        if (topK > 0) {
            sampler = sampler.withTopK(topK);
        }
        var random = new SplittableRandom(Long.parseLong(option("seed")));
        var decoder = new StreamingDecoder(tokenizer);
        System.out.println("---- sample ----");
        Tensor start = Tensor.of(new long[] {tokenizer.encode("\n").length > 0 ? tokenizer.encode("\n")[0] : 0}, 1, 1);
        if (model instanceof GPT gpt) {
            gpt.generate(start, count, sampler, random, id -> System.out.print(decoder.push(id)));
        } else {
            sampleLstm((CharLSTM) model, start, count, sampler, random, decoder);
        }
        System.out.println(decoder.flush());
    }

    /** The LSTM carries its state, so each step feeds only the newest token. */
    private static void sampleLstm(CharLSTM lstm, Tensor start, int count, Sampler sampler, SplittableRandom random,
                                   StreamingDecoder decoder) {
        lstm.eval();
        try (var ignored = Grad.noGrad()) {
            Tensor token = start;
            HiddenState state = null;
            for (int i = 0; i < count; i++) {
                var out = lstm.forward(token, state);
                state = out.state();
                int id = sampler.sample(out.output().select(1, 0), random)[0];
                System.out.print(decoder.push(id));
                token = Tensor.of(new long[] {id}, 1, 1);
            }
        }
    }
}
