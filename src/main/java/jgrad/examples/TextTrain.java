package jgrad.examples;

import jgrad.Grad;
import jgrad.Tensor;
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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains a character-level GPT or LSTM on any text file, offline, and samples from it: nanoGPT's
 * {@code train.py} recipe (AdamW with betas 0.9/0.99, weight decay 0.1 on matrices only, gradient
 * clipping at 1, linear warm-up then cosine decay to lr/10), a 90/10 train/validation split,
 * validation loss every {@code --eval-interval} steps, and a checkpoint (model, optimizer, step,
 * tokenizer) written atomically to {@code --out} at each evaluation. {@code --resume} continues
 * from that checkpoint.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp target/classes jgrad.examples.TextTrain \
 *     --data shared/data/tinyshakespeare.txt --model gpt --steps 2000 --out out-shakespeare
 * java ... jgrad.examples.TextTrain --data file.txt --model lstm --steps 1000 --out out-lstm
 * java ... jgrad.examples.TextTrain --out out-shakespeare --sample 500 --temperature 0.8   (sample only)
 * </pre>
 * Options (defaults in brackets): --model gpt|lstm [gpt], --steps [2000], --batch [12], --block [64],
 * --layers [4], --heads [4], --width [128], --lr [1e-3], --dropout [0], --eval-interval [250],
 * --eval-iters [20], --seed [1337], --sample [300], --temperature [0.8], --top-k [0 = off],
 * --tbptt true|false [true]: for the LSTM, truncated backprop through time ({@link TruncatedBptt}):
 * the training text is read as {@code --batch} parallel stripes in consecutive windows of
 * {@code --block} tokens, and each window starts from the state the previous one ended in, detached,
 * so the model learns from context longer than a window. With {@code false} (and always for the GPT)
 * every step takes random windows from a zero state. A resumed run starts the stripes afresh.
 * Evaluation uses random windows from a zero state either way.
 */
public final class TextTrain {
    private final Map<String, String> options;
    private final Path out;
    private CharTokenizer tokenizer;
    private Module model;
    private AdamW optimizer;
    private int step;

    private TextTrain(Map<String, String> options) {
        this.options = options;
        this.out = Path.of(option("out", "out-text"));
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("TextTrain: expected --name value pairs, got '" + args[i] + "'");
            }
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            options.put(args[i].substring(2), flag ? "true" : args[++i]);
        }
        new TextTrain(options).run();
    }

    private String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    private int intOption(String name, int fallback) {
        return Integer.parseInt(option(name, String.valueOf(fallback)));
    }

    private double doubleOption(String name, double fallback) {
        return Double.parseDouble(option(name, String.valueOf(fallback)));
    }

    private void run() throws IOException {
        boolean resume = options.containsKey("resume") || !options.containsKey("data");
        if (resume) {
            loadCheckpoint();
        }
        if (options.containsKey("data")) {
            String text = Files.readString(Path.of(options.get("data")), StandardCharsets.UTF_8);
            if (tokenizer == null) {
                tokenizer = CharTokenizer.fromText(text);
                model = buildModel(tokenizer.vocabSize());
                optimizer = buildOptimizer(model);
            }
            train(text);
        }
        sample(intOption("sample", 300));
    }

    private Module buildModel(int vocab) {
        var generator = new SplittableRandom(Long.parseLong(option("seed", "1337")));
        int width = intOption("width", 128);
        if (option("model", "gpt").equals("lstm")) {
            return new CharLSTM(vocab, Math.min(width, 64), width, intOption("layers", 1), doubleOption("dropout", 0), generator);
        }
        return new GPT(new GPT.Config(intOption("block", 64), vocab, intOption("layers", 4), intOption("heads", 4), width,
                doubleOption("dropout", 0), true), generator);
    }

    /** AdamW as nanoGPT configures it: weight decay 0.1 on matrices (dim >= 2) only. */
    private AdamW buildOptimizer(Module m) {
        List<Tensor> matrices = m.parameters().stream().filter(p -> p.dim() >= 2).toList();
        List<Tensor> others = m.parameters().stream().filter(p -> p.dim() < 2).toList();
        var adamW = new AdamW(matrices, doubleOption("lr", 1e-3), 0.9, 0.99, 1e-8, 0.1, false);
        adamW.addParamGroup(others, Map.of("weight_decay", 0.0));
        return adamW;
    }

    /** Linear warm-up over 100 steps, then cosine decay from lr to lr/10 at the last step (nanoGPT's get_lr). */
    private double learningRate(int at, int steps) {
        double lr = doubleOption("lr", 1e-3), minLr = lr / 10;
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
        int steps = intOption("steps", 2000), batch = intOption("batch", 12), block = intOption("block", 64);
        int evalInterval = intOption("eval-interval", 250), evalIters = intOption("eval-iters", 20);
        var random = new SplittableRandom(Long.parseLong(option("seed", "1337")) + step);
        long start = System.nanoTime();
        TruncatedBptt bptt = model instanceof CharLSTM && Boolean.parseBoolean(option("tbptt", "true"))
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
        options.forEach((name, value) -> {
            if (!name.equals("resume") && !name.equals("data") && !name.equals("out")) {
                metadata.put("option." + name, value);
            }
        });
        metadata.put("step", String.valueOf(step));
        metadata.put("val_loss", String.valueOf(validLoss));
        tokenizer.save(out.resolve("tokenizer.txt"));
        Safetensors.save(tensors, metadata, out.resolve("checkpoint.safetensors"));
    }

    private void loadCheckpoint() throws IOException {
        Path file = out.resolve("checkpoint.safetensors");
        if (!Files.exists(file)) {
            if (!options.containsKey("data")) {
                throw new IllegalArgumentException("TextTrain: no --data to train on and no checkpoint at " + file);
            }
            return;   // nothing to resume: start fresh
        }
        var contents = Safetensors.read(file);
        contents.metadata().forEach((name, value) -> {
            if (name.startsWith("option.")) {
                options.putIfAbsent(name.substring("option.".length()), value);
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
        var sampler = new Sampler().withTemperature(doubleOption("temperature", 0.8));
        int topK = intOption("top-k", 0);
        if (topK > 0) {
            sampler = sampler.withTopK(topK);
        }
        var random = new SplittableRandom(Long.parseLong(option("seed", "1337")));
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
