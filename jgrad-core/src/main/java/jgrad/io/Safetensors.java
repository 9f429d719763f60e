package jgrad.io;

import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the safetensors format, so checkpoints move between jgrad and PyTorch.
 *
 * <p>Layout: an 8-byte little-endian unsigned header length {@code N}; {@code N} bytes of UTF-8 JSON
 * mapping each tensor name to {@code {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}}
 * (offsets relative to the byte buffer), with an optional {@code "__metadata__"} object of strings;
 * then the byte buffer, each tensor row-major little-endian.
 *
 * <pre>{@code
 * Safetensors.save(model.stateDict(), Path.of("model.safetensors"));
 * model.loadStateDict(Safetensors.load(Path.of("model.safetensors")));
 * }</pre>
 *
 * <p>dtypes: F32, F64, I64 and BOOL are read and written; F16 and BF16 are read and widened to
 * float32. The reader checks the header length, the JSON, every dtype, shape and offset, and that the
 * tensors tile the buffer exactly (no overlap, no gap), all before it reads any tensor data.
 */
public final class Safetensors {
    private Safetensors() {
    }

    /** Headers larger than this are refused (the reference implementation uses the same 100 MB bound). */
    public static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

    /** The tensors and the string metadata of a file. */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
    }

    // ---------------------------------------------------------------------------------------------
    // Writing
    // ---------------------------------------------------------------------------------------------

    public static void save(Map<String, Tensor> tensors, Path path) throws IOException {
        save(tensors, Map.of(), path);
    }

    /** Writes atomically (temporary file, then rename): an interrupted save never leaves a torn file. */
    public static void save(Map<String, Tensor> tensors, Map<String, String> metadata, Path path) throws IOException {
        byte[] bytes = toBytes(tensors, metadata);
        AtomicFiles.write(path, out -> out.write(bytes));
    }

    /** The file's bytes; the header is padded with spaces to a multiple of 8 so tensor data stays aligned. */
    public static byte[] toBytes(Map<String, Tensor> tensors, Map<String, String> metadata) {
        Map<String, Object> header = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            header.put("__metadata__", new LinkedHashMap<>(metadata));
        }
        long offset = 0;
        for (var entry : tensors.entrySet()) {
            if (entry.getKey().equals("__metadata__")) {
                throw new IllegalArgumentException("safetensors: '__metadata__' is reserved and cannot name a tensor");
            }
            Tensor t = entry.getValue();
            long size = (long) t.numel() * Format.of(t.dtype()).bytes;
            List<Object> shape = new ArrayList<>();
            for (int s : t.shape()) shape.add((long) s);
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("dtype", Format.of(t.dtype()).name());
            info.put("shape", shape);
            info.put("data_offsets", List.of(offset, offset + size));
            header.put(entry.getKey(), info);
            offset += size;
        }
        byte[] json = Json.write(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        if (offset + padded + 8 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("safetensors: " + (offset + padded + 8) + " bytes is more than one Java array can hold");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) (8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(padded);
        buffer.put(json);
        for (int i = json.length; i < padded; i++) buffer.put((byte) ' ');
        tensors.values().forEach(t -> Format.of(t.dtype()).put(t, buffer));
        return buffer.array();
    }

    // ---------------------------------------------------------------------------------------------
    // Reading
    // ---------------------------------------------------------------------------------------------

    /** The tensors of a file, in header order. */
    public static Map<String, Tensor> load(Path path) throws IOException {
        return read(path).tensors();
    }

    public static Contents read(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long fileSize = channel.size();
            if (fileSize < 8) {
                throw malformed(path, "file has " + fileSize + " bytes, fewer than the 8-byte header length");
            }
            long headerLength = readFully(channel, 0, 8, path).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (headerLength < 2 || headerLength > MAX_HEADER_BYTES || headerLength > fileSize - 8) {
                throw malformed(path, "header length " + Long.toUnsignedString(headerLength) + " is impossible for a file of "
                        + fileSize + " bytes (expected 2.." + Math.min(MAX_HEADER_BYTES, fileSize - 8) + ")");
            }
            String json = StandardCharsets.UTF_8.newDecoder()
                    .decode(readFully(channel, 8, (int) headerLength, path)).toString();
            long dataStart = 8 + headerLength;
            Header header = Header.parse(path, json, fileSize - dataStart);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Entry e : header.entries) {
                ByteBuffer bytes = readFully(channel, dataStart + e.begin, (int) (e.end - e.begin), path).order(ByteOrder.LITTLE_ENDIAN);
                tensors.put(e.name, e.format.get(bytes, e.shape));
            }
            return new Contents(tensors, header.metadata);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw malformed(path, "header is not valid UTF-8");
        }
    }

    /** Parses and validates the bytes of a file (written to a temporary file and read with {@link #read(Path)}). */
    public static Contents fromBytes(byte[] bytes) throws IOException {
        Path temporary = java.nio.file.Files.createTempFile("safetensors", ".bin");
        try {
            java.nio.file.Files.write(temporary, bytes);
            return read(temporary);
        } finally {
            java.nio.file.Files.deleteIfExists(temporary);
        }
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length, Path path) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw malformed(path, "file ended while reading " + length + " bytes at offset " + position);
            }
        }
        return buffer.flip();
    }

    private static IOException malformed(Path path, String why) {
        return new MalformedFileException("safetensors file " + path + ": " + why);
    }

    /** A file that is not valid safetensors; the message says what is wrong. */
    public static final class MalformedFileException extends IOException {
        MalformedFileException(String message) {
            super(message);
        }
    }

    private record Entry(String name, Format format, int[] shape, long begin, long end) {
    }

    private record Header(List<Entry> entries, Map<String, String> metadata) {

        /** Every check on the header, before any tensor byte is read. */
        static Header parse(Path path, String json, long bufferSize) throws IOException {
            Object root;
            try {
                root = Json.parse(json);
            } catch (Json.SyntaxException e) {
                throw malformed(path, "header is not valid JSON (" + e.getMessage() + ")");
            }
            if (!(root instanceof Map<?, ?> map)) {
                throw malformed(path, "header must be a JSON object");
            }
            List<Entry> entries = new ArrayList<>();
            Map<String, String> metadata = new LinkedHashMap<>();
            for (var item : map.entrySet()) {
                String name = (String) item.getKey();
                if (name.equals("__metadata__")) {
                    if (!(item.getValue() instanceof Map<?, ?> meta)) {
                        throw malformed(path, "__metadata__ must be an object of strings");
                    }
                    for (var m : meta.entrySet()) {
                        if (!(m.getValue() instanceof String value)) {
                            throw malformed(path, "__metadata__ value of '" + m.getKey() + "' is not a string");
                        }
                        metadata.put((String) m.getKey(), value);
                    }
                    continue;
                }
                entries.add(entry(path, name, item.getValue(), bufferSize));
            }
            entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
            long expectedBegin = 0;
            for (Entry e : entries) {
                if (e.begin < expectedBegin) {
                    throw malformed(path, "tensor '" + e.name + "' at bytes [" + e.begin + ", " + e.end + ") overlaps the previous tensor, which ends at " + expectedBegin);
                }
                if (e.begin > expectedBegin) {
                    throw malformed(path, "bytes [" + expectedBegin + ", " + e.begin + ") of the buffer belong to no tensor (before '" + e.name + "')");
                }
                expectedBegin = e.end;
            }
            if (expectedBegin != bufferSize) {
                throw malformed(path, "tensors cover " + expectedBegin + " bytes but the data buffer has " + bufferSize);
            }
            return new Header(entries, metadata);
        }

        private static Entry entry(Path path, String name, Object value, long bufferSize) throws IOException {
            if (!(value instanceof Map<?, ?> info)) {
                throw malformed(path, "entry '" + name + "' must be an object");
            }
            if (!(info.get("dtype") instanceof String dtype)) {
                throw malformed(path, "entry '" + name + "' has no string dtype");
            }
            Format format;
            try {
                format = Format.valueOf(dtype);
            } catch (IllegalArgumentException e) {
                throw malformed(path, "entry '" + name + "' has unsupported dtype " + dtype + " (supported: F32, F64, I64, BOOL, F16, BF16)");
            }
            if (!(info.get("shape") instanceof List<?> dims)) {
                throw malformed(path, "entry '" + name + "' has no shape array");
            }
            int[] shape = new int[dims.size()];
            long numel = 1;
            for (int d = 0; d < shape.length; d++) {
                if (!(dims.get(d) instanceof Long size) || size < 0 || size > Integer.MAX_VALUE) {
                    throw malformed(path, "entry '" + name + "' has an invalid size " + dims.get(d) + " in its shape");
                }
                shape[d] = (int) (long) size;
                numel *= size;
                if (numel > Integer.MAX_VALUE) {
                    throw malformed(path, "entry '" + name + "' has more than 2^31-1 elements");
                }
            }
            if (!(info.get("data_offsets") instanceof List<?> offsets) || offsets.size() != 2
                    || !(offsets.get(0) instanceof Long begin) || !(offsets.get(1) instanceof Long end)) {
                throw malformed(path, "entry '" + name + "' needs data_offsets [begin, end] of integers");
            }
            if (begin < 0 || end < begin || end > bufferSize) {
                throw malformed(path, "entry '" + name + "' has data_offsets [" + begin + ", " + end
                        + "] outside the data buffer of " + bufferSize + " bytes");
            }
            if (end - begin != numel * format.bytes) {
                throw malformed(path, "entry '" + name + "' of shape " + Shape.format(shape) + " and dtype " + dtype + " needs "
                        + numel * format.bytes + " bytes but its data_offsets span " + (end - begin));
            }
            return new Entry(name, format, shape, begin, end);
        }
    }

    /** The dtypes of the format: their byte size and how to move tensors to and from little-endian bytes. */
    private enum Format {
        F32(4), F64(8), I64(8), BOOL(1), F16(2), BF16(2);

        final int bytes;

        Format(int bytes) {
            this.bytes = bytes;
        }

        static Format of(DType dtype) {
            return switch (dtype) {
                case FLOAT32 -> F32;
                case FLOAT64 -> F64;
                case INT64 -> I64;
                case BOOL -> BOOL;
            };
        }

        void put(Tensor t, ByteBuffer out) {
            switch (this) {
                case F32 -> { for (float v : t.toFloatArray()) out.putFloat(v); }
                case F64 -> { for (double v : t.toDoubleArray()) out.putDouble(v); }
                case I64 -> { for (long v : t.toLongArray()) out.putLong(v); }
                case BOOL -> { for (double v : t.toDoubleArray()) out.put((byte) (v != 0 ? 1 : 0)); }
                default -> throw new IllegalStateException("jgrad does not write " + this);
            }
        }

        /** Reads a tensor of {@code shape}; reshape turns the 1-element array of a scalar into shape (). */
        Tensor get(ByteBuffer in, int[] shape) {
            int n = Shape.numel(shape);
            switch (this) {
                case F64 -> {
                    double[] v = new double[n];
                    in.asDoubleBuffer().get(v);
                    return Tensor.of(v, shape).reshape(shape);
                }
                case I64 -> {
                    long[] v = new long[n];
                    in.asLongBuffer().get(v);
                    return Tensor.of(v, shape).reshape(shape);
                }
                case BOOL -> {
                    boolean[] v = new boolean[n];
                    for (int i = 0; i < n; i++) v[i] = in.get() != 0;
                    return Tensor.of(v, shape).reshape(shape);
                }
                default -> {
                    float[] v = new float[n];
                    for (int i = 0; i < n; i++) {
                        v[i] = switch (this) {
                            case F32 -> in.getFloat();
                            case F16 -> Float.float16ToFloat(in.getShort());
                            default -> Float.intBitsToFloat((in.getShort() & 0xffff) << 16);   // BF16: the top half of a float
                        };
                    }
                    return Tensor.of(v, shape).reshape(shape);
                }
            }
        }
    }
}
