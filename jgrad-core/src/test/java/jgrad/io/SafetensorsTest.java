package jgrad.io;

import jgrad.DType;
import jgrad.Tensor;
import jgrad.nn.BatchNorm1d;
import jgrad.nn.Linear;
import jgrad.nn.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SafetensorsTest {

    @TempDir
    Path dir;

    /** A file from a literal header and data bytes, exactly as the format lays them out. */
    private static byte[] file(String header, byte[] data) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + json.length + data.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(json.length).put(json).put(data).array();
    }

    private static byte[] littleEndianFloats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) b.putFloat(v);
        return b.array();
    }

    @Test
    void readsAFileBuiltByHandFromTheSpecification() throws IOException {
        byte[] bytes = file("{\"__metadata__\":{\"format\":\"pt\"},\"b\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[8,12]},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", littleEndianFloats(1.5f, -2f, 7f));
        var contents = Safetensors.fromBytes(bytes);
        assertThat(contents.metadata()).containsEntry("format", "pt");
        assertThat(contents.tensors().get("w").toDoubleArray()).containsExactly(1.5, -2);
        assertThat(contents.tensors().get("b").shape()).isEmpty();
        assertThat(contents.tensors().get("b").item()).isEqualTo(7.0);
    }

    @Test
    void roundTripsEveryWritableDtypeWithMetadata() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("f32", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        tensors.put("f64", Tensor.of(new double[] {Math.PI, -0.0, 1e-300}));
        tensors.put("i64", Tensor.of(new long[] {Long.MIN_VALUE, 0, Long.MAX_VALUE}));
        tensors.put("mask", Tensor.of(new boolean[] {true, false}));
        tensors.put("scalar", Tensor.scalar(3, DType.FLOAT64));
        tensors.put("empty", Tensor.zeros(DType.FLOAT32, 0, 4));
        tensors.put("transposed", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3).t());   // written in row-major order
        Path path = dir.resolve("all.safetensors");
        Safetensors.save(tensors, Map.of("epoch", "3"), path);
        var contents = Safetensors.read(path);
        assertThat(contents.metadata()).containsExactly(Map.entry("epoch", "3"));
        assertThat(contents.tensors().keySet()).containsExactlyInAnyOrderElementsOf(tensors.keySet());
        tensors.forEach((name, expected) -> {
            Tensor actual = contents.tensors().get(name);
            assertThat(actual.dtype()).as(name).isEqualTo(expected.dtype());
            assertThat(actual.shape()).as(name).containsExactly(expected.shape());
            assertThat(actual.toDoubleArray()).as(name).containsExactly(expected.toDoubleArray());
        });
        assertThat(contents.tensors().get("i64").toLongArray()).containsExactly(Long.MIN_VALUE, 0, Long.MAX_VALUE);
        long headerLength = ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(headerLength % 8).as("header padded so data is 8-byte aligned").isZero();
    }

    @Test
    void readsHalfPrecisionAsFloat32() throws IOException {
        ByteBuffer data = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
                .putShort(Float.floatToFloat16(1.5f)).putShort((short) (Float.floatToIntBits(-2.5f) >>> 16));
        var tensors = Safetensors.fromBytes(file("{\"h\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,2]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[1],\"data_offsets\":[2,4]}}", data.array())).tensors();
        assertThat(tensors.get("h").item()).isEqualTo(1.5);
        assertThat(tensors.get("b").item()).isEqualTo(-2.5);
        assertThat(tensors.get("b").dtype()).isEqualTo(DType.FLOAT32);
    }

    @Test
    void modelStateDictRoundTripsThroughAFile() throws IOException {
        var source = new Sequential(new Linear(3, 4), new BatchNorm1d(4));
        source.forward(Tensor.randn(5, 3));    // moves the running statistics off their defaults
        Path path = dir.resolve("model.safetensors");
        Safetensors.save(source.stateDict(), path);
        var target = new Sequential(new Linear(3, 4), new BatchNorm1d(4));
        target.loadStateDict(Safetensors.load(path));
        source.stateDict().forEach((key, value) ->
                assertThat(target.stateDict().get(key).toDoubleArray()).as(key).containsExactly(value.toDoubleArray()));
    }

    @Test
    void saveReplacesAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
        Path path = dir.resolve("ckpt.safetensors");
        Safetensors.save(Map.of("a", Tensor.ones(3)), path);
        Safetensors.save(Map.of("a", Tensor.zeros(5)), path);
        assertThat(Safetensors.load(path).get("a").shape()).containsExactly(5);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("ckpt.safetensors");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Malformed files: each must fail with a message naming the problem, before any data is read
    // ---------------------------------------------------------------------------------------------

    private static void assertMalformed(byte[] bytes, String... fragments) {
        var assertion = assertThatThrownBy(() -> Safetensors.fromBytes(bytes))
                .isInstanceOf(Safetensors.MalformedFileException.class);
        for (String fragment : fragments) assertion.hasMessageContaining(fragment);
    }

    private static final String ONE_F32 = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";

    @Test
    void truncatedFilesAreRejected() {
        byte[] whole = file(ONE_F32, littleEndianFloats(1, 2));
        assertMalformed(java.util.Arrays.copyOf(whole, 5), "fewer than the 8-byte header length");
        assertMalformed(java.util.Arrays.copyOf(whole, 20), "header length");
        assertMalformed(java.util.Arrays.copyOf(whole, whole.length - 1), "data_offsets [0, 8] outside the data buffer of 7 bytes");
    }

    @Test
    void trailingBytesThatNoTensorOwnsAreRejected() {
        assertMalformed(file(ONE_F32, littleEndianFloats(1, 2, 3)), "tensors cover 8 bytes but the data buffer has 12");
    }

    @Test
    void oversizedHeaderLengthsAreRejected() {
        byte[] bytes = file(ONE_F32, littleEndianFloats(1, 2));
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, Long.MAX_VALUE);
        assertMalformed(bytes, "header length 9223372036854775807 is impossible");
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -1);   // 2^64 - 1 as unsigned
        assertMalformed(bytes, "18446744073709551615");
    }

    @Test
    void overlappingGappedAndOutOfBoundsOffsetsAreRejected() {
        byte[] data = littleEndianFloats(1, 2, 3);
        assertMalformed(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", data), "'b'", "overlaps");
        assertMalformed(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}", data), "[4, 8)", "belong to no tensor");
        assertMalformed(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", data), "outside the data buffer of 12 bytes");
        assertMalformed(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]}}", data), "data_offsets [4, 0]");
    }

    @Test
    void badJsonDtypesAndShapesAreRejected() {
        byte[] data = littleEndianFloats(1, 2);
        assertMalformed(file("{\"w\":{\"dtype\":\"F32\",", data), "not valid JSON");
        assertMalformed(file("[1, 2]", data), "must be a JSON object");
        assertMalformed(file("{\"w\":{\"dtype\":\"Q8\",\"shape\":[2],\"data_offsets\":[0,8]}}", data), "unsupported dtype Q8");
        assertMalformed(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", data), "needs 12 bytes", "span 8");
        assertMalformed(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", data), "invalid size -2");
        assertMalformed(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", data), "duplicate key");
        assertMalformed(file("{\"__metadata__\":{\"n\":3}," + ONE_F32.substring(1), data), "not a string");
    }
}
