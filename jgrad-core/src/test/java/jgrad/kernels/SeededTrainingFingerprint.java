package jgrad.kernels;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

import jgrad.DType;
import jgrad.Tensor;
import jgrad.models.CharLSTM;
import jgrad.models.GPT;
import jgrad.nn.BatchNorm2d;
import jgrad.nn.Conv2d;
import jgrad.nn.Flatten;
import jgrad.nn.Linear;
import jgrad.nn.MaxPool2d;
import jgrad.nn.Module;
import jgrad.nn.ReLU;
import jgrad.nn.Sequential;
import jgrad.nn.functional.F;
import jgrad.optim.AdamW;

/**
 * A few seeded float32 training steps through every fast kernel a student's run meets (GEMM,
 * softmax and log-softmax, exact and tanh GELU, layer norm, fused attention, the fused LSTM cell,
 * convolution, batch norm, max pooling, tanh, sigmoid, exp, sums, cross-entropy, AdamW), summarised as one fingerprint: the bits of
 * every loss and a CRC of the bits of every trained parameter. Equal fingerprints mean
 * bit-identical runs.
 *
 * <p>{@link DeterminismTest} compares fingerprints across repeated runs in one JVM, thread counts,
 * and a child JVM run with {@code -Xint}; {@link #main} is that child's entry point.
 */
final class SeededTrainingFingerprint {

    private SeededTrainingFingerprint() {
    }

    /** {@code steps [small|large] [repeats]}: prints the fingerprint of each of {@code repeats} runs, one per line. */
    public static void main(String[] args) {
        int steps = Integer.parseInt(args[0]);
        boolean large = args[1].equals("large");
        int repeats = Integer.parseInt(args[2]);
        for (int run = 0; run < repeats; run++) {
            System.out.println(run(steps, large));
        }
    }

    /**
     * @param steps optimizer steps per model
     * @param large make the MLP wide, so that its activations (40 Ki floats per op) and products are
     *              big enough for {@link Parallel#forRange} and the GEMM to split them over threads
     */
    static String run(int steps, boolean large) {
        var losses = new ArrayList<Float>();
        var crc = new CRC32();
        var random = new SplittableRandom(2024);

        for (String gelu : new String[] {"none", "tanh"}) {
            var gpt = new GPT(new GPT.Config(8, 13, 2, 2, 32, 0.0, true, gelu), random);
            train(gpt, random, losses, steps, () -> {
                Tensor idx = Tensor.randint(random, 0, 13, 4, 8);
                Tensor targets = Tensor.randint(random, 0, 13, 4, 8);
                return gpt.loss(idx, targets);
            });
            fold(crc, gpt);
        }

        var lstm = new CharLSTM(13, 12, 24, 1, 0.0, random);
        train(lstm, random, losses, steps, () -> {
            Tensor idx = Tensor.randint(random, 0, 13, 3, 7);
            Tensor targets = Tensor.randint(random, 0, 13, 3 * 7);
            return F.crossEntropy(lstm.forward(idx).reshape(3 * 7, 13), targets);
        });
        fold(crc, lstm);

        var cnn = new Sequential(
                new Conv2d(1, 4, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, 1, true, random),
                new BatchNorm2d(4), new ReLU(), new MaxPool2d(2), new Flatten(), new Linear(4 * 3 * 3, 5, true, random));
        train(cnn, random, losses, steps, () -> {
            Tensor images = Tensor.randn(random, DType.FLOAT32, 8, 1, 6, 6);
            return F.crossEntropy(cnn.forward(images), Tensor.randint(random, 0, 5, 8));
        });
        fold(crc, cnn);

        int width = large ? 160 : 40, batch = large ? 256 : 16;
        Tensor w1 = Tensor.randn(random, DType.FLOAT32, 24, width).mul(0.2).requiresGrad(true);
        Tensor w2 = Tensor.randn(random, DType.FLOAT32, width, width).mul(0.1).requiresGrad(true);
        Tensor w3 = Tensor.randn(random, DType.FLOAT32, width, 10).mul(0.1).requiresGrad(true);
        var mlp = List.of(w1, w2, w3);
        var optimizer = new AdamW(mlp, 1e-2);
        for (int step = 0; step < steps; step++) {
            Tensor x = Tensor.randn(random, DType.FLOAT32, batch, 24).mul(3);
            Tensor target = Tensor.randint(random, 0, 10, batch);
            Tensor h = x.matmul(w1).tanh();
            h = h.matmul(w2).sigmoid().add(h.exp().mul(0.01)).gelu();
            Tensor logits = h.matmul(w3);
            Tensor loss = F.crossEntropy(logits, target).add(logits.logSoftmax(-1).mul(-0.01).sum().div(batch))
                    .add(logits.softmax(-1).pow(2).sum().mul(0.001));
            optimizer.zeroGrad();
            loss.backward();
            optimizer.step();
            losses.add((float) loss.item());
        }
        for (Tensor w : mlp) {
            foldBits(crc, w);
        }

        var lossBits = new StringBuilder();
        for (float loss : losses) {
            lossBits.append(HexFormat.of().toHexDigits(Float.floatToRawIntBits(loss)));
        }
        return "losses=" + losses + " bits=" + lossBits + " params-crc=" + Long.toHexString(crc.getValue());
    }

    private static void train(Module model, SplittableRandom random, List<Float> losses, int steps,
                              java.util.function.Supplier<Tensor> lossOfABatch) {
        var optimizer = new AdamW(model.parameters(), 3e-3);
        for (int step = 0; step < steps; step++) {
            Tensor loss = lossOfABatch.get();
            optimizer.zeroGrad();
            loss.backward();
            optimizer.step();
            losses.add((float) loss.item());
        }
    }

    private static void fold(CRC32 crc, Module model) {
        for (Tensor parameter : model.parameters()) {
            foldBits(crc, parameter);
        }
    }

    private static void foldBits(CRC32 crc, Tensor t) {
        for (float value : t.detach().toFloatArray()) {
            int bits = Float.floatToRawIntBits(value);
            crc.update(new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits});
        }
    }
}
