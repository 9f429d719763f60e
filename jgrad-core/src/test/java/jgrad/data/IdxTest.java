package jgrad.data;

import jgrad.DType;
import jgrad.Tensor;
import jgrad.testing.Allocations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdxTest {

    @TempDir
    Path dir;

    /** An IDX file of unsigned bytes, built from the format description. */
    static byte[] idxBytes(int[] shape, int[] values) throws IOException {
        var bytes = new ByteArrayOutputStream();
        var out = new DataOutputStream(bytes);
        out.write(new byte[] {0, 0, 0x08, (byte) shape.length});
        for (int size : shape) out.writeInt(size);
        for (int v : values) out.writeByte(v);
        return bytes.toByteArray();
    }

    static Path write(Path path, byte[] bytes, boolean gzip) throws IOException {
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(path)) : Files.newOutputStream(path)) {
            out.write(bytes);
        }
        return path;
    }

    @Test
    void readsRawAndGzippedFilesAlike() throws IOException {
        byte[] bytes = idxBytes(new int[] {2, 3}, new int[] {0, 1, 2, 253, 254, 255});
        for (boolean gzip : new boolean[] {false, true}) {
            Tensor t = Idx.read(write(dir.resolve("f" + gzip), bytes, gzip), DType.FLOAT32);
            assertThat(t.shape()).containsExactly(2, 3);
            assertThat(t.toDoubleArray()).as("unsigned bytes, gzip=" + gzip).containsExactly(0, 1, 2, 253, 254, 255);
        }
    }

    @Test
    void readsWiderTypesBigEndian() throws IOException {
        var bytes = new ByteArrayOutputStream();
        var out = new DataOutputStream(bytes);
        out.write(new byte[] {0, 0, 0x0C, 1});
        out.writeInt(2);
        out.writeInt(-7);
        out.writeInt(70000);
        assertThat(Idx.read(write(dir.resolve("ints"), bytes.toByteArray(), false), DType.INT64).toLongArray()).containsExactly(-7, 70000);
    }

    @Test
    void aCompressedHeaderClaimingHalfABillionItemsFailsBeforeAllocatingThem() throws IOException {
        byte[] header = idxBytes(new int[] {500_000_000}, new int[0]);
        Path file = write(dir.resolve("claims.gz"), header, true);
        assertThat(Files.size(file)).as("a tiny file").isLessThan(40);
        var result = Allocations.measure(() -> Idx.read(file, DType.FLOAT32));
        assertThat(result.thrown()).isInstanceOf(IOException.class)
                .hasMessageContaining("data ends before the 500000000 values of shape (500000000,) (0 of 500000000 bytes present)");
        assertThat(result.bytes()).as("bytes allocated reading a " + Files.size(file) + "-byte file").isLessThan(16L << 20);
    }

    @Test
    void aTruncatedHeaderSaysWhereItEnds() throws IOException {
        byte[] header = idxBytes(new int[] {60000, 28, 28}, new int[0]);
        for (boolean gzip : new boolean[] {false, true}) {
            assertThatThrownBy(() -> Idx.read(write(dir.resolve("cut" + gzip), java.util.Arrays.copyOf(header, 10), gzip), DType.FLOAT32))
                    .as("gzip=" + gzip).isInstanceOf(IOException.class)
                    .hasMessageContaining("the header ends inside the size of dim 1 (the magic number promises 3 dims)");
            assertThatThrownBy(() -> Idx.read(write(dir.resolve("magic" + gzip), new byte[] {0, 0}, gzip), DType.FLOAT32))
                    .as("gzip=" + gzip).isInstanceOf(IOException.class)
                    .hasMessageContaining("the file ends after 2 bytes, inside the 4-byte magic number");
        }
        byte[] gz = Files.readAllBytes(write(dir.resolve("whole.gz"), header, true));
        assertThatThrownBy(() -> Idx.read(write(dir.resolve("gzcut"), java.util.Arrays.copyOf(gz, 5), false), DType.FLOAT32))
                .isInstanceOf(IOException.class).hasMessageContaining("the gzip data ends early");
    }

    @Test
    void malformedHeadersAndLengthsAreRejected() throws IOException {
        byte[] good = idxBytes(new int[] {2, 2}, new int[] {1, 2, 3, 4});
        byte[] badMagic = good.clone();
        badMagic[0] = 1;
        assertThatThrownBy(() -> Idx.read(write(dir.resolve("magic"), badMagic, false), DType.FLOAT32)).hasMessageContaining("two zero bytes");
        byte[] badType = good.clone();
        badType[2] = 0x0A;
        assertThatThrownBy(() -> Idx.read(write(dir.resolve("type"), badType, false), DType.FLOAT32)).hasMessageContaining("unknown type code 0x0A");
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 1);
        assertThatThrownBy(() -> Idx.read(write(dir.resolve("short"), truncated, false), DType.FLOAT32)).hasMessageContaining("needs 4 data bytes but the file has 3");
        assertThatThrownBy(() -> Idx.read(write(dir.resolve("short.gz"), truncated, true), DType.FLOAT32)).hasMessageContaining("data ends before the 4 values");
        byte[] longer = java.util.Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> Idx.read(write(dir.resolve("long.gz"), longer, true), DType.FLOAT32)).hasMessageContaining("continues past");
        byte[] huge = idxBytes(new int[] {65536, 65536}, new int[0]);
        assertThatThrownBy(() -> Idx.read(write(dir.resolve("huge"), huge, false), DType.FLOAT32)).hasMessageContaining("more than 2^31-1");
        byte[] negative = idxBytes(new int[] {-1}, new int[0]);
        assertThatThrownBy(() -> Idx.read(write(dir.resolve("negative"), negative, false), DType.FLOAT32)).hasMessageContaining("negative");
    }

    @Test
    void mnistLoadsGeneratedFilesAsImagesInZeroOneAndLabels() throws IOException {
        int[] pixels = new int[3 * 2 * 2];
        for (int i = 0; i < pixels.length; i++) pixels[i] = i * 20;
        write(dir.resolve("t10k-images-idx3-ubyte.gz"), idxBytes(new int[] {3, 2, 2}, pixels), true);
        write(dir.resolve("t10k-labels-idx1-ubyte"), idxBytes(new int[] {3}, new int[] {7, 0, 9}), false);
        assertThat(Mnist.isAvailable(dir, false)).isTrue();
        assertThat(Mnist.isAvailable(dir, true)).isFalse();
        TensorDataset test = Mnist.load(dir, false);
        assertThat(test.inputs().shape()).containsExactly(3, 1, 2, 2);
        assertThat(test.inputs().get(2, 0, 1, 1)).isCloseTo(220 / 255.0, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(test.targets().toLongArray()).containsExactly(7, 0, 9);
        assertThatThrownBy(() -> Mnist.load(dir, true)).hasMessageContaining("train-images-idx3-ubyte(.gz) not found");
    }

    @Test
    void downloadsAreVerifiedBeforeTheyLand() throws IOException {
        Path mirror = Files.createDirectories(dir.resolve("mirror"));
        Path source = Files.write(mirror.resolve("data.bin"), new byte[] {1, 2, 3});
        String sha = Downloads.sha256(source);
        assertThat(sha).isEqualTo("039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81");   // sha256 of bytes 01 02 03
        Path cache = dir.resolve("cache").resolve("data.bin");
        assertThatThrownBy(() -> Downloads.fetch(source.toUri(), cache, "00".repeat(32))).hasMessageContaining("was discarded");
        assertThat(cache).doesNotExist();
        assertThat(Downloads.fetch(source.toUri(), cache, sha)).hasBinaryContent(new byte[] {1, 2, 3});
        Files.delete(source);
        assertThat(Downloads.fetch(source.toUri(), cache, sha)).as("cached copy reused without the network").exists();
    }
}
