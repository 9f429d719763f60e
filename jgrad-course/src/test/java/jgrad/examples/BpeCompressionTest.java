package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BpeCompressionTest {
    @Test
    void bytesPerTokenStartsAtOneAndGrowsFasterOnTheTrainingText() {
        double[][] curves = BpeCompression.curves();
        double[] training = curves[0], heldOut = curves[1];
        assertThat(training[0]).as("256 tokens: every token is one byte").isEqualTo(1.0);
        assertThat(heldOut[0]).isEqualTo(1.0);
        for (int i = 1; i < training.length; i++) {
            assertThat(training[i]).as("training bytes/token never falls as merges are added (size index %d)", i)
                    .isGreaterThanOrEqualTo(training[i - 1]);
        }
        int last = training.length - 1;
        assertThat(training[last]).as("compression of the training text vs held-out text")
                .isGreaterThan(heldOut[last] + 1.0);
    }
}
