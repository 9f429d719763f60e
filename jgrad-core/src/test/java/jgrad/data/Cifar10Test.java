package jgrad.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jgrad.Tensor;
import jgrad.models.CifarNet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CIFAR-10 binary reader on small files written here in that format (nothing is downloaded). */
class Cifar10Test {

    @TempDir
    Path dir;

    /** A record: the label, then red, green, blue planes of 32x32; pixel value = (label + plane + row + column) mod 256. */
    private static byte[] records(int... labels) {
        byte[] bytes = new byte[labels.length * Cifar10.RECORD_BYTES];
        for (int r = 0; r < labels.length; r++) {
            int at = r * Cifar10.RECORD_BYTES;
            bytes[at] = (byte) labels[r];
            for (int plane = 0; plane < 3; plane++)
                for (int y = 0; y < 32; y++)
                    for (int x = 0; x < 32; x++)
                        bytes[at + 1 + plane * 1024 + y * 32 + x] = (byte) ((labels[r] + plane + y + x * 7) % 256);
        }
        return bytes;
    }

    @Test
    void readsRecordsAsChannelPlanesScaledToOne() throws IOException {
        Files.write(dir.resolve("test_batch.bin"), records(3, 9, 0));
        TensorDataset data = Cifar10.load(dir, false);
        assertThat(data.inputs().shape()).containsExactly(3, 3, 32, 32);
        assertThat(data.targets().toLongArray()).containsExactly(3, 9, 0);
        for (int[] p : new int[][] {{0, 0, 0, 0}, {1, 2, 31, 5}, {2, 1, 7, 31}}) {
            int expected = (new int[] {3, 9, 0}[p[0]] + p[1] + p[2] + p[3] * 7) % 256;
            assertThat(data.inputs().get(p)).as("pixel %s", java.util.Arrays.toString(p)).isCloseTo(expected / 255.0,
                    org.assertj.core.api.Assertions.within(1e-6));
        }
        Tensor logits = new CifarNet().forward(data.inputs());
        assertThat(logits.shape()).as("CifarNet maps (N, 3, 32, 32) to 10 scores").containsExactly(3, 10);
    }

    @Test
    void rejectsTruncatedFilesAndBadLabels() throws IOException {
        Path truncated = dir.resolve("truncated.bin");
        Files.write(truncated, java.util.Arrays.copyOf(records(1, 2), Cifar10.RECORD_BYTES + 100));
        assertThatThrownBy(() -> Cifar10.read(List.of(truncated))).hasMessageContaining("3173 bytes")
                .hasMessageContaining("multiple of the record size 3073");
        Path badLabel = dir.resolve("bad.bin");
        Files.write(badLabel, records(12));
        assertThatThrownBy(() -> Cifar10.read(List.of(badLabel))).hasMessageContaining("label 12");
        assertThatThrownBy(() -> Cifar10.load(dir, true)).hasMessageContaining("data_batch_1.bin not found");
    }

    @Test
    void tarExtractionWritesTheBinFilesOfTheArchiveFolder() throws IOException {
        var tar = new ByteArrayOutputStream();
        byte[] batch = records(4, 5);
        tarEntry(tar, "cifar-10-batches-bin/test_batch.bin", batch);
        tarEntry(tar, "cifar-10-batches-bin/readme.html", "hello".getBytes(StandardCharsets.US_ASCII));
        tar.write(new byte[1024]);
        int written = TarArchive.extract(new ByteArrayInputStream(tar.toByteArray()),
                name -> name.startsWith("cifar-10-batches-bin/") && name.endsWith(".bin") ? dir.resolve(name.substring(21)) : null);
        assertThat(written).isEqualTo(1);
        assertThat(Files.readAllBytes(dir.resolve("test_batch.bin"))).isEqualTo(batch);
        assertThat(dir.resolve("readme.html")).doesNotExist();

        byte[] cut = java.util.Arrays.copyOf(tar.toByteArray(), 512 + 1000);
        assertThatThrownBy(() -> TarArchive.extract(new ByteArrayInputStream(cut), name -> dir.resolve("x.bin")))
                .hasMessageContaining("archive ends");
    }

    /** A ustar header (name, mode, sizes in octal, checksum) and the content padded to 512 bytes. */
    private static void tarEntry(ByteArrayOutputStream out, String name, byte[] content) throws IOException {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644");
        put(header, 124, String.format("%011o", content.length));
        put(header, 136, String.format("%011o", 0));
        header[156] = '0';
        put(header, 257, "ustar");
        java.util.Arrays.fill(header, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : header) sum += b & 0xff;
        put(header, 148, String.format("%06o", sum));
        out.write(header);
        out.write(content);
        out.write(new byte[(512 - content.length % 512) % 512]);
    }

    private static void put(byte[] header, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }
}
