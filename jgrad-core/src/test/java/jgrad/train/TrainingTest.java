package jgrad.train;

import jgrad.Jgrad;
import jgrad.Tensor;
import jgrad.data.DataLoader;
import jgrad.data.RenderedDigits;
import jgrad.data.Synthetic;
import jgrad.data.TensorDataset;
import jgrad.models.MLP;
import jgrad.models.SmallCnn;
import jgrad.nn.functional.F;
import jgrad.optim.Adam;
import jgrad.optim.LinearLR;
import jgrad.optim.SGD;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * End-to-end learning: small models must fit small generated problems. Seeds are fixed, so each
 * run is the same; the thresholds sit well below what the runs reach (noted beside each) so that
 * another machine's fonts or a different but correct kernel does not flip the result.
 */
class TrainingTest {

    @Test
    void mlpSeparatesThreeSpirals() {
        Jgrad.manualSeed(0);
        TensorDataset spirals = Synthetic.spirals(100, 3, 0.2, 1);
        var model = new MLP(2, 3, 64, 64);
        var trainer = new Trainer(model, new Adam(model.parameters(), 0.01)).withOutput(null, false);
        History history = trainer.fit(new DataLoader(spirals, 32, true, 1), null, 40);
        // reaches 0.987; a linear model cannot pass 0.5 on interleaved spirals
        assertThat(history.trainAccuracy().getLast()).as("train accuracy after 40 epochs").isGreaterThan(0.9);
        assertThat(history.trainLoss().getLast()).isLessThan(history.trainLoss().getFirst());
    }

    @Test
    void mlpWithSgdMomentumSeparatesCircles() {
        Jgrad.manualSeed(1);
        var model = new MLP(2, 2, 16);
        var trainer = new Trainer(model, new SGD(model.parameters(), 0.1, 0.9)).withOutput(null, false);
        trainer.fit(new DataLoader(Synthetic.circles(400, 0.05, 0.5, 2), 32, true, 3), null, 30);
        double accuracy = trainer.evaluate(new DataLoader(Synthetic.circles(200, 0.05, 0.5, 4), 50)).accuracy();
        assertThat(accuracy).as("test accuracy on fresh circles").isGreaterThan(0.95);   // reaches 1.0
    }

    @Test
    void cnnLearnsRenderedDigits() {
        Jgrad.manualSeed(2);
        var model = new SmallCnn(6, 12, 32);    // the W3 architecture, narrower
        var trainer = new Trainer(model, new Adam(model.parameters(), 6e-3)).withOutput(null, false);
        History history = trainer.fit(new DataLoader(RenderedDigits.generate(640, 1), 16, true, 1),
                new DataLoader(RenderedDigits.generate(200, 2), 100), 3);
        // chance is 0.1; runs reach 0.89 to 0.915 (more data and epochs go far higher, see the CLI demo).
        // The bound sits a few points below, so a change that costs accuracy shows up here.
        assertThat(history.testAccuracy().getLast()).as("test accuracy after 3 epochs on 640 digits").isGreaterThan(0.85);
    }

    @Test
    void batchSchedulerStepsAfterEveryBatch() {
        Jgrad.manualSeed(3);
        var model = new MLP(2, 2, 8);
        var optimizer = new SGD(model.parameters(), 0.1);
        var schedule = new LinearLR(optimizer, 1.0, 0.1, 1000);
        var loader = new DataLoader(Synthetic.circles(100, 0.05, 0.5, 5), 16, true, 6);   // 7 batches, the last one short
        new Trainer(model, optimizer).withBatchScheduler(schedule).withOutput(null, false).fit(loader, null, 2);
        assertThat(schedule.lastEpoch()).as("scheduler steps after 2 epochs of %d batches", loader.size())
                .isEqualTo(2L * loader.size());
    }

    @Test
    void labelSmoothingTrainsOnTheSmoothedCrossEntropy() {
        Jgrad.manualSeed(4);
        var model = new MLP(2, 2, 8);
        TensorDataset circles = Synthetic.circles(64, 0.05, 0.5, 7);
        // lr 0 leaves the model as it is, so the reported train loss is the loss of the untrained model
        History history = new Trainer(model, new SGD(model.parameters(), 0.0)).withLabelSmoothing(0.2).withOutput(null, false)
                .fit(new DataLoader(circles, 64), null, 1);
        Tensor logits = model.forward(circles.inputs());
        double smoothed = F.crossEntropy(logits, circles.targets(), F.crossEntropyOptions().labelSmoothing(0.2)).item();
        double plain = F.crossEntropy(logits, circles.targets()).item();
        assertThat(history.trainLoss().getFirst()).as("train loss with label smoothing 0.2 (plain cross-entropy %s)", plain)
                .isCloseTo(smoothed, offset(1e-6));
        assertThat(Math.abs(smoothed - plain)).as("smoothing changes the loss").isGreaterThan(1e-3);
        assertThat(new Trainer(model, new SGD(model.parameters(), 0.0)).evaluate(new DataLoader(circles, 64)).loss())
                .as("evaluation stays the plain cross-entropy").isCloseTo(plain, offset(1e-6));
    }
}
