package jgrad.train;

import jgrad.Grad;
import jgrad.Tensor;
import jgrad.data.DataLoader;
import jgrad.data.Example;
import jgrad.nn.Module;
import jgrad.nn.functional.F;
import jgrad.optim.ClipGrad;
import jgrad.optim.LRScheduler;
import jgrad.optim.Optimizer;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The classification training loop, written out once: for each epoch, for each batch, zero the
 * gradients, compute {@code crossEntropy(model(x), y)}, backpropagate, (optionally clip,) step; then
 * evaluate on the test loader and step the scheduler.
 *
 * <pre>{@code
 * var trainer = new Trainer(model, new AdamW(model.parameters(), 1e-3));
 * History history = trainer.fit(trainLoader, testLoader, 3);
 * Evaluation result = trainer.evaluate(testLoader);
 * System.out.println(result.matrix().report());
 * }</pre>
 */
public final class Trainer {
    private final Module model;
    private final Optimizer optimizer;
    private LRScheduler scheduler;
    private LRScheduler batchScheduler;
    private double labelSmoothing;
    private String heldOutName = "test";
    private double clipNorm = Double.NaN;
    private PrintStream out = System.out;
    private boolean terminal = Progress.isTerminal();
    private java.util.function.IntConsumer epochEnd = epoch -> { };

    public Trainer(Module model, Optimizer optimizer) {
        this.model = model;
        this.optimizer = optimizer;
    }

    /** Steps {@code scheduler} after every epoch. */
    public Trainer withScheduler(LRScheduler scheduler) {
        this.scheduler = scheduler;
        return this;
    }

    /** Steps {@code scheduler} after every optimizer step (schedules designed per batch, such as OneCycleLR). */
    public Trainer withBatchScheduler(LRScheduler scheduler) {
        this.batchScheduler = scheduler;
        return this;
    }

    /**
     * Trains on the cross-entropy against smoothed targets, {@code (1 - eps)} on the true class and
     * {@code eps / classes} spread over all classes (Szegedy et al. 2016); evaluation keeps the plain
     * cross-entropy, so its loss stays the negative log-likelihood of the true class.
     */
    public Trainer withLabelSmoothing(double eps) {
        if (!(eps >= 0 && eps < 1)) {
            throw new IllegalArgumentException("Trainer: label smoothing must be in [0, 1), got " + eps);
        }
        this.labelSmoothing = eps;
        return this;
    }

    /** What the per-epoch line calls the loader measured after each epoch ("test" unless told, e.g. "validation"). */
    public Trainer withHeldOutName(String name) {
        this.heldOutName = name;
        return this;
    }

    /** Clips the gradients' total 2-norm to {@code maxNorm} before each step. */
    public Trainer withGradientClipping(double maxNorm) {
        this.clipNorm = maxNorm;
        return this;
    }

    /** Where progress goes, and whether it is a terminal (redrawn bar) or a log (plain lines); null is silent. */
    public Trainer withOutput(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
        return this;
    }

    /** Calls {@code action} with the epoch's number (from 1) after each epoch, e.g. to save a checkpoint. */
    public Trainer withEpochEnd(java.util.function.IntConsumer action) {
        this.epochEnd = action;
        return this;
    }

    /** The loss and the confusion matrix of a model on a dataset. */
    public record Evaluation(double loss, ConfusionMatrix matrix) {
        public double accuracy() {
            return matrix.accuracy();
        }
    }

    /** Trains for {@code epochs} epochs; {@code test} may be null. */
    public History fit(DataLoader train, DataLoader test, int epochs) {
        History history = new History();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            long start = System.nanoTime();
            model.train();
            Progress progress = out == null ? null : new Progress(out, terminal, "epoch " + epoch + "/" + epochs, train.size());
            double lossSum = 0;
            long correct = 0, seen = 0;
            for (Example batch : train) {
                optimizer.zeroGrad();
                Tensor logits = model.forward(batch.input());
                Tensor loss = F.crossEntropy(logits, batch.target(), F.crossEntropyOptions().labelSmoothing(labelSmoothing));
                loss.backward();
                if (!Double.isNaN(clipNorm)) {
                    ClipGrad.clipGradNorm(model.parameters(), clipNorm);
                }
                optimizer.step();
                if (batchScheduler != null) batchScheduler.step();
                int n = batch.target().size(0);
                lossSum += loss.item() * n;
                seen += n;
                correct += countCorrect(logits, batch.target());
                if (progress != null) progress.step(loss.item());
            }
            Evaluation evaluation = test == null ? null : evaluate(test);
            double trainLoss = lossSum / seen, trainAccuracy = (double) correct / seen;
            history.add(trainLoss, trainAccuracy, evaluation == null ? Double.NaN : evaluation.loss(),
                    evaluation == null ? Double.NaN : evaluation.accuracy());
            if (scheduler != null) {
                scheduler.step();
            }
            if (out != null) {
                out.printf(Locale.ROOT, "epoch %d/%d  train loss %.4f acc %.4f%s  (%.1f s)%n", epoch, epochs, trainLoss,
                        trainAccuracy, evaluation == null ? "" : String.format(Locale.ROOT, "  %s loss %.4f acc %.4f",
                                heldOutName, evaluation.loss(), evaluation.accuracy()), (System.nanoTime() - start) / 1e9);
            }
            epochEnd.accept(epoch);
        }
        return history;
    }

    /** Runs the model in eval mode without recording a graph; the number of classes is the logits' width. */
    public Evaluation evaluate(DataLoader loader) {
        boolean wasTraining = model.isTraining();
        model.eval();
        ConfusionMatrix matrix = null;
        double lossSum = 0;
        long seen = 0;
        try (var ignored = Grad.noGrad()) {
            for (Example batch : loader) {
                Tensor logits = model.forward(batch.input());
                int n = batch.target().size(0);
                lossSum += F.crossEntropy(logits, batch.target()).item() * n;
                seen += n;
                if (matrix == null) matrix = new ConfusionMatrix(logits.size(1));
                matrix.add(logits.argmax(1, false), batch.target());
            }
        } finally {
            model.train(wasTraining);
        }
        if (matrix == null) {
            throw new IllegalArgumentException("evaluate: the loader has no batches");
        }
        return new Evaluation(lossSum / seen, matrix);
    }

    private static long countCorrect(Tensor logits, Tensor target) {
        long[] predicted = logits.argmax(1, false).toLongArray();
        long[] actual = target.toLongArray();
        long correct = 0;
        for (int i = 0; i < actual.length; i++) {
            if (predicted[i] == actual[i]) correct++;
        }
        return correct;
    }
}
