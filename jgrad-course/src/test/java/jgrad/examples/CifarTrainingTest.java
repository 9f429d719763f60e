package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import jgrad.Jgrad;
import jgrad.Tensor;
import jgrad.data.TensorDataset;
import org.junit.jupiter.api.Test;

class CifarTrainingTest {

    @Test
    void greyPicturesBecomeFramedColourPicturesOfCifarSize() {
        Jgrad.manualSeed(3);
        Tensor grey = Tensor.rand(2, 1, 28, 28).add(0.5);   // no pixel is 0, so the frame is the only black
        var colour = CifarTraining.asColour32(new TensorDataset(grey, Tensor.zeros(2)));

        Tensor images = colour.inputs();
        assertThat(images.shape()).containsExactly(2, 3, 32, 32);
        for (int c = 0; c < 3; c++) {
            assertThat(images.narrow(1, c, 1).narrow(2, 2, 28).narrow(3, 2, 28).toDoubleArray())
                    .as("channel %d holds the grey picture 2 pixels in from the corner", c).containsExactly(grey.toDoubleArray());
        }
        double total = images.abs().sum().item();
        double inner = images.narrow(2, 2, 28).narrow(3, 2, 28).abs().sum().item();
        assertThat(total).as("the 2-pixel frame is black").isEqualTo(inner);
    }
}
