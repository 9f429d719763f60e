package jgrad.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import jgrad.Grad;
import jgrad.Tensor;
import jgrad.data.Fortunes;
import jgrad.io.Safetensors;
import jgrad.models.BertConfig;
import jgrad.models.BertForSequenceClassification;
import jgrad.models.HuggingFaceCheckpoints;
import jgrad.nn.Peft;
import jgrad.nn.functional.F;
import jgrad.optim.AdamW;
import jgrad.optim.ClipGrad;
import jgrad.optim.WarmupLinearLR;
import jgrad.text.BertTokenizer;
import jgrad.train.ConfusionMatrix;
import jgrad.train.Progress;

/**
 * The fine-tuning project of the course text, in Java: a pretrained BERT learns to tell which
 * file of the {@code fortunes} corpus a fortune comes from (computers, food, politics, science).
 * <pre>
 *   ./mvnw -q compile exec:exec -Djgrad.main=jgrad.examples.BertFineTune -Djgrad.args="--method full"
 * </pre>
 * The recipe, step by step as the text teaches it: tokenizer ({@link BertTokenizer}, the
 * pretrained {@code vocab.txt}); data set (stratified split of the labelled fortunes, 20% held
 * out); {@link BertForSequenceClassification} with the pretrained encoder loaded (the load report
 * lists the new pooler and classifier as missing and the MLM head as unexpected); AdamW with
 * {@code eps = 1e-8}, weight decay 0.01 except on biases and LayerNorm weights; linear warm-up over
 * the first 10% of the steps, then linear decay to zero; gradient clipping at 1; a progress bar
 * with loss and rate over the batches; held-out accuracy after every epoch; a classification
 * report (precision, recall, F1 per class) at the end.
 *
 * <p>When the pretrained folder ({@code runs/bert-fortunes/pretrained}) does not exist yet, it is
 * made first by {@link BertPretrain} (MLM on every English fortune file except the held-out
 * fortunes of this task). {@code --method} chooses what is trained:
 * <ul>
 *   <li>{@code full}: every weight (lr 1e-3: BERT-base uses 2e-5, but this tiny model, far from a good optimum,
 *       stayed at chance for epochs with small rates in development runs);</li>
 *   <li>{@code scratch}: the same model and recipe from a random start (no pretraining);</li>
 *   <li>{@code lora}: LoRA (r 8, α 16, dropout 0.1) on the query and value projections;</li>
 *   <li>{@code adapters}: bottleneck adapters (width 16) after the attention and feed-forward sublayers, plus the LayerNorms;</li>
 *   <li>{@code prefix}: 16 learned key/value prefixes in every layer;</li>
 *   <li>{@code compare}: all five on the same split and budget, then a table of trainable
 *       parameters (count and share), held-out accuracy and time.</li>
 * </ul>
 * The parameter-efficient methods also train the pooler and classifier (they are new: pretraining
 * was MLM only) and use lr 3e-3 ({@code --peft-lr}). The classifier reads the mean of the token vectors
 * ({@code --pooling mean}, the default here) because an MLM-only encoder never trained its {@code [CLS]} output;
 * {@code --pooling cls} is Hugging Face's choice.
 * Other options: {@code --epochs [8] --batch [16] --max-length [64] --lr [1e-3] --seed [0] --pretrained DIR --per-category [200]}.
 */
public final class BertFineTune {
    static final Path DEFAULT_PRETRAINED = Path.of("runs", "bert-fortunes", "pretrained");
    /** The four fortune files of the task; the label is the index. */
    public static final List<String> TASK = List.of("computers", "food", "politics", "science");
    /** Files that are not English prose (Chinese poetry, ASCII pictures, a stub): left out of pretraining. */
    static final Set<String> NOT_ENGLISH_PROSE = Set.of("chinese", "tang300", "song100", "ascii-art", "translate-me");

    private BertFineTune() {
    }

    /** What is trained. */
    public enum Method { FULL, SCRATCH, LORA, ADAPTERS, PREFIX }

    /** Training budget (the same for every method) and the task's data options. */
    public record Options(int epochs, int batchSize, int maxLength, double fullLr, double peftLr, int perCategory, long seed,
                          BertForSequenceClassification.Pooling pooling) {
        public static Options defaults() {
            return new Options(8, 16, 64, 1e-3, 3e-3, 200, 0, BertForSequenceClassification.Pooling.MEAN);
        }
    }

    /** One fine-tuning run: trainable and total parameters, mean training loss and held-out accuracy of each epoch, wall time. */
    public record Result(Method method, long trainable, long total, List<Double> trainLosses, List<Double> accuracies,
                         double seconds, ConfusionMatrix confusion) {
        public double finalAccuracy() {
            return accuracies.getLast();
        }
    }

    /** A pretrained checkpoint folder read into memory: config, tokenizer and weights. */
    public record Pretrained(BertConfig config, BertTokenizer tokenizer, Map<String, Tensor> weights) {
        public static Pretrained read(Path directory) throws IOException {
            return new Pretrained(BertConfig.fromJson(directory.resolve("config.json")),
                    BertTokenizer.fromVocabFile(directory.resolve("vocab.txt"), true),
                    Safetensors.load(directory.resolve("model.safetensors")));
        }
    }

    public static void main(String[] args) throws IOException {
        var a = new Args(args);
        var d = Options.defaults();
        var options = new Options(a.integer("epochs", d.epochs()), a.integer("batch", d.batchSize()),
                a.integer("max-length", d.maxLength()), a.number("lr", d.fullLr()), a.number("peft-lr", d.peftLr()),
                a.integer("per-category", d.perCategory()), a.integer("seed", (int) d.seed()),
                BertForSequenceClassification.Pooling.valueOf(a.string("pooling", d.pooling().name()).toUpperCase(Locale.ROOT)));
        Path pretrainedDir = Path.of(a.string("pretrained", DEFAULT_PRETRAINED.toString()));
        String method = a.string("method", "full").toLowerCase(Locale.ROOT);

        Path fortunes = fortunesOrExit();
        var task = taskSplit(fortunes, options.perCategory(), options.seed());
        if (!Files.exists(pretrainedDir.resolve("model.safetensors"))) {
            System.out.println("no pretrained model in " + pretrainedDir + ": pretraining one first (BertPretrain)");
            var corpus = pretrainingCorpus(fortunes, 0.05, options.seed());
            BertPretrain.pretrain(corpus.train(), corpus.validation(), BertPretrain.Options.defaults(pretrainedDir), System.out);
        }
        var pretrained = Pretrained.read(pretrainedDir);
        System.out.printf(Locale.ROOT, "task: %s; %d training and %d held-out fortunes%n", TASK, task.train().size(), task.test().size());
        List<Method> methods = method.equals("compare") ? List.of(Method.values())
                : List.of(Method.valueOf(method.toUpperCase(Locale.ROOT)));
        List<Result> results = new ArrayList<>();
        for (Method m : methods) {
            System.out.println("\n== " + m.name().toLowerCase(Locale.ROOT) + " ==");
            Result result = fineTune(m, pretrained, task, options, System.out);
            results.add(result);
            System.out.println("classification report (held out); classes: " + classLegend());
            System.out.print(result.confusion().report());
        }
        System.out.println();
        System.out.print(table(results));
    }

    /** {@code 0 = computers, 1 = food, ...}. */
    static String classLegend() {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < TASK.size(); i++) {
            parts.add(i + " = " + TASK.get(i));
        }
        return String.join(", ", parts);
    }

    /** The Debian fortunes directory (or $JGRAD_DATA/fortunes); exits with a message when absent. */
    static Path fortunesOrExit() {
        Path directory = Fortunes.defaultDirectory();
        if (!Fortunes.isAvailable(directory, TASK.toArray(String[]::new))) {
            System.err.println("The fortunes corpus is not in " + directory + ": install the Debian package 'fortunes' "
                    + "(apt-get install fortunes) or copy its category files to $JGRAD_DATA/fortunes.");
            System.exit(2);
        }
        return directory;
    }

    /** The labelled task: {@link #TASK}, at most {@code perCategory} fortunes each, 20% of each held out. */
    public static Fortunes.Split taskSplit(Path fortunes, int perCategory, long seed) throws IOException {
        return Fortunes.load(fortunes, TASK.toArray(String[]::new)).capped(perCategory, seed).split(0.2, seed);
    }

    /** Unlabelled text for pretraining, split into training and validation texts. */
    public record Corpus(List<String> train, List<String> validation) {
    }

    /**
     * Every English fortune file's entries except this task's held-out fortunes (so the test set is
     * never seen, not even without labels), shuffled, with {@code validationFraction} kept for validation.
     */
    public static Corpus pretrainingCorpus(Path fortunes, double validationFraction, long seed) throws IOException {
        Set<String> heldOut = new HashSet<>();
        taskSplit(fortunes, Options.defaults().perCategory(), seed).test().forEach(t -> heldOut.add(t.text()));
        List<String> texts = new ArrayList<>();
        for (String category : Fortunes.availableCategories(fortunes)) {
            if (!NOT_ENGLISH_PROSE.contains(category)) {
                Fortunes.load(fortunes, category).entries(category).stream().filter(t -> !heldOut.contains(t)).forEach(texts::add);
            }
        }
        Collections.shuffle(texts, new java.util.Random(seed));
        int validation = (int) Math.round(texts.size() * validationFraction);
        return new Corpus(List.copyOf(texts.subList(validation, texts.size())), List.copyOf(texts.subList(0, validation)));
    }

    /** Builds the classifier for {@code method}, loads the pretrained encoder (except for scratch), and runs the recipe. */
    public static Result fineTune(Method method, Pretrained pretrained, Fortunes.Split task, Options o, PrintStream out) {
        var random = new SplittableRandom(o.seed() + 1);
        var config = pretrained.config();
        var model = new BertForSequenceClassification(config, TASK.size(), o.pooling(), random.split());
        if (method != Method.SCRATCH) {
            out.println("loading the pretrained encoder: " + HuggingFaceCheckpoints.loadBert(model, pretrained.weights()).describe());
        }
        String trainable = switch (method) {
            case FULL, SCRATCH -> ".*";
            case LORA -> {
                Peft.applyLora(model, ".*attention\\.self\\.(query|value)", 8, 16, 0.1, random.split());
                yield ".*(lora_|pooler|classifier).*";
            }
            case ADAPTERS -> {
                Peft.addAdapters(model, ".*(attention\\.output|\\d+\\.output)\\.dense", 16, random.split());
                yield ".*(adapter_|LayerNorm|pooler|classifier).*";
            }
            case PREFIX -> {
                model.bert().addPrefixes(16, random.split());
                yield ".*(prefix_|pooler|classifier).*";
            }
        };
        Peft.trainOnly(model, trainable);
        double lr = method == Method.FULL || method == Method.SCRATCH ? o.fullLr() : o.peftLr();
        long trainableCount = Peft.trainableCount(model), total = model.parameterCount();
        out.printf(Locale.ROOT, "%s: %,d of %,d parameters trainable (%.2f%%), lr %.0e%n", method, trainableCount, total,
                100.0 * trainableCount / total, lr);
        return train(method, model, pretrained.tokenizer(), task, o, lr, trainableCount, total, random, out);
    }

    private static Result train(Method method, BertForSequenceClassification model, BertTokenizer tokenizer,
                                Fortunes.Split task, Options o, double lr, long trainable, long total,
                                SplittableRandom random, PrintStream out) {
        long start = System.nanoTime();
        int maxLength = Math.min(o.maxLength(), model.bert().config().maxPositionEmbeddings());   // no longer than the position table
        List<BertTokenizer.Encoding> trainIds = BertPretrain.encodeAll(tokenizer, texts(task.train()), maxLength);
        long[] trainLabels = labels(task.train());
        List<BertTokenizer.Encoding> testIds = BertPretrain.encodeAll(tokenizer, texts(task.test()), maxLength);
        long[] testLabels = labels(task.test());
        int batchesPerEpoch = (trainIds.size() + o.batchSize() - 1) / o.batchSize();
        int totalSteps = batchesPerEpoch * o.epochs();
        AdamW optimizer = adamW(Peft.namedTrainableParameters(model), lr, 0.01);
        var schedule = new WarmupLinearLR(optimizer, totalSteps / 10, totalSteps);
        List<Tensor> parameters = Peft.trainableParameters(model);
        List<Double> accuracies = new ArrayList<>(), trainLosses = new ArrayList<>();
        ConfusionMatrix confusion = null;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < trainIds.size(); i++) order.add(i);
        for (int epoch = 1; epoch <= o.epochs(); epoch++) {
            model.train();
            Collections.shuffle(order, new java.util.Random(random.nextLong()));
            var progress = new Progress(out, Progress.isTerminal(), "epoch " + epoch + "/" + o.epochs(), batchesPerEpoch);
            double lossSum = 0;
            for (int from = 0; from < order.size(); from += o.batchSize()) {
                List<Integer> rows = order.subList(from, Math.min(order.size(), from + o.batchSize()));
                var batch = tokenizer.collate(rows.stream().map(trainIds::get).toList(), 0);
                long[] y = rows.stream().mapToLong(i -> trainLabels[i]).toArray();
                Tensor loss = F.crossEntropy(model.forward(batch.inputIds(), batch.tokenTypeIds(), batch.attentionMask()),
                        Tensor.of(y, y.length));
                optimizer.zeroGrad();
                loss.backward();
                ClipGrad.clipGradNorm(parameters, 1.0);
                optimizer.step();
                schedule.step();
                progress.step(loss.item());
                lossSum += loss.item() * rows.size();
            }
            trainLosses.add(lossSum / order.size());
            confusion = evaluate(model, tokenizer, testIds, testLabels, o.batchSize());
            accuracies.add(confusion.accuracy());
            out.printf(Locale.ROOT, "epoch %d: training loss %.4f, held-out accuracy %.4f%n", epoch, trainLosses.getLast(),
                    confusion.accuracy());
        }
        return new Result(method, trainable, total, trainLosses, accuracies, (System.nanoTime() - start) / 1e9, confusion);
    }

    /** Predictions (argmax of the logits) on the held-out set in evaluation mode. */
    static ConfusionMatrix evaluate(BertForSequenceClassification model, BertTokenizer tokenizer,
                                    List<BertTokenizer.Encoding> ids, long[] labels, int batchSize) {
        model.eval();
        var confusion = new ConfusionMatrix(TASK.size());
        try (var ignored = Grad.noGrad()) {
            for (int from = 0; from < ids.size(); from += batchSize) {
                int to = Math.min(ids.size(), from + batchSize);
                var batch = tokenizer.collate(ids.subList(from, to), 0);
                Tensor predicted = model.forward(batch.inputIds(), batch.tokenTypeIds(), batch.attentionMask()).argmax(-1, false);
                confusion.add(predicted, Tensor.of(java.util.Arrays.copyOfRange(labels, from, to), to - from));
            }
        }
        return confusion;
    }

    /**
     * AdamW as BERT uses it: {@code eps = 1e-8}, and weight decay on the weight matrices only, not
     * on biases or LayerNorm parameters (decaying those toward zero would only hurt: a bias or a
     * LayerNorm gain of zero is not a "simpler" model).
     */
    public static AdamW adamW(Map<String, Tensor> namedParameters, double lr, double weightDecay) {
        List<Tensor> decay = new ArrayList<>(), noDecay = new ArrayList<>();
        namedParameters.forEach((name, p) -> (name.endsWith("bias") || name.contains("LayerNorm") ? noDecay : decay).add(p));
        List<Tensor> first = decay.isEmpty() ? noDecay : decay;
        var optimizer = new AdamW(first, lr, 0.9, 0.999, 1e-8, decay.isEmpty() ? 0.0 : weightDecay, false);
        if (!decay.isEmpty() && !noDecay.isEmpty()) {
            optimizer.addParamGroup(noDecay, Map.of("weight_decay", 0.0));
        }
        return optimizer;
    }

    /** The comparison table: method, trainable parameters (count, share), held-out accuracy, time. */
    public static String table(List<Result> results) {
        var sb = new StringBuilder(String.format(Locale.ROOT, "%-9s %12s %8s %10s %9s%n", "method", "trainable", "share",
                "accuracy", "time"));
        for (Result r : results) {
            sb.append(String.format(Locale.ROOT, "%-9s %,12d %7.2f%% %10.4f %8.1fs%n", r.method().name().toLowerCase(Locale.ROOT),
                    r.trainable(), 100.0 * r.trainable() / r.total(), r.finalAccuracy(), r.seconds()));
        }
        return sb.toString();
    }

    private static List<String> texts(List<Fortunes.LabeledText> items) {
        return items.stream().map(Fortunes.LabeledText::text).toList();
    }

    private static long[] labels(List<Fortunes.LabeledText> items) {
        return items.stream().mapToLong(Fortunes.LabeledText::label).toArray();
    }

    /** {@code --name value} pairs. */
    static final class Args {
        private final Map<String, String> values = new LinkedHashMap<>();

        Args(String[] args) {
            for (int i = 0; i < args.length; i += 2) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("expected --name value pairs, got '" + String.join(" ", args) + "'");
                }
                values.put(args[i].substring(2), args[i + 1]);
            }
        }

        String string(String name, String fallback) {
            return values.getOrDefault(name, fallback);
        }

        int integer(String name, int fallback) {
            return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
        }

        double number(String name, double fallback) {
            return values.containsKey(name) ? Double.parseDouble(values.get(name)) : fallback;
        }
    }
}
