package jgrad.train;

import jgrad.Jgrad;
import jgrad.data.DataLoader;
import jgrad.data.RenderedDigits;
import jgrad.data.Synthetic;
import jgrad.data.TensorDataset;
import jgrad.models.MLP;
import jgrad.models.SmallCnn;
import jgrad.optim.Adam;
import jgrad.optim.SGD;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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
}
