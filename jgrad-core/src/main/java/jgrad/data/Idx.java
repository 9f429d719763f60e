package jgrad.data;

import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST, raw or gzip-compressed (detected from the
 * content, not the name).
 *
 * <p>Layout (big-endian): two zero bytes, a type byte (0x08 unsigned byte, 0x09 signed byte,
 * 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64), a byte with the number of dims, one int32
 * size per dim, then the values row-major. The header is checked before any data is read, and the
 * data must have exactly the size the header promises.
 *
 * <pre>{@code
 * Tensor images = Idx.read(Path.of("train-images-idx3-ubyte.gz"), DType.FLOAT32);   // (60000, 28, 28), 0..255
 * }</pre>
 */
public final class Idx {
    private Idx() {
    }

    private static final int MAX_DIMS = 8;

    /** The file's values converted to {@code dtype} (FLOAT32, FLOAT64 or INT64), in the file's shape. */
    public static Tensor read(Path path, DType dtype) throws IOException {
        if (!dtype.isFloatingPoint() && dtype != DType.INT64) {
            throw new IllegalArgumentException("Idx.read: dtype must be float32, float64 or int64, got " + dtype);
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(path))) {
            raw.mark(2);
            int first = raw.read(), second = raw.read();
            boolean gzip = first == 0x1f && second == 0x8b;     // the gzip magic number
            raw.reset();
            long compressedSize = Files.size(path);
            DataInputStream in = new DataInputStream(gzip ? new GZIPInputStream(raw) : raw);
            byte[] magic = in.readNBytes(4);
            if (magic.length < 4) {
                throw malformed(path, "the file ends after " + magic.length + " bytes, inside the 4-byte magic number");
            }
            int zero1 = magic[0] & 0xFF, zero2 = magic[1] & 0xFF, type = magic[2] & 0xFF, rank = magic[3] & 0xFF;
            if (zero1 != 0 || zero2 != 0) {
                throw malformed(path, "magic number must start with two zero bytes, got " + zero1 + ", " + zero2);
            }
            int elementSize = switch (type) {
                case 0x08, 0x09 -> 1;
                case 0x0B -> 2;
                case 0x0C, 0x0D -> 4;
                case 0x0E -> 8;
                default -> throw malformed(path, String.format("unknown type code 0x%02X (expected 08, 09, 0B, 0C, 0D or 0E)", type));
            };
            if (rank < 1 || rank > MAX_DIMS) {
                throw malformed(path, "number of dims " + rank + " is outside 1.." + MAX_DIMS);
            }
            int[] shape = new int[rank];
            long numel = 1;
            for (int d = 0; d < rank; d++) {
                shape[d] = readHeaderInt(in, path, d, rank);
                if (shape[d] < 0) {
                    throw malformed(path, "size of dim " + d + " is negative (" + shape[d] + ")");
                }
                numel *= shape[d];
                if (numel > Integer.MAX_VALUE) {
                    throw malformed(path, "shape " + Shape.format(java.util.Arrays.copyOf(shape, d + 1)) + " has more than 2^31-1 elements");
                }
            }
            long expectedData = numel * elementSize;
            long headerSize = 4 + 4L * rank;
            // The header's claim is checked against the bytes present before the tensor is allocated:
            // a raw file's size is known; compressed data is inflated first (memory grows only with
            // the bytes that really arrive) and then measured.
            DataInputStream data = in;
            if (!gzip && compressedSize != headerSize + expectedData) {
                throw malformed(path, "shape " + Shape.format(shape) + " needs " + expectedData + " data bytes but the file has "
                        + (compressedSize - headerSize));
            }
            if (gzip) {
                if (expectedData > Shape.MAX_NUMEL) {
                    throw malformed(path, "shape " + Shape.format(shape) + " needs " + expectedData
                            + " data bytes; compressed files are read up to " + Shape.MAX_NUMEL);
                }
                byte[] inflated = in.readNBytes((int) expectedData);
                if (inflated.length < expectedData) {
                    throw dataEnds(path, numel, shape, inflated.length, expectedData);
                }
                data = new DataInputStream(new ByteArrayInputStream(inflated));
            }
            Tensor out = Tensor.zeros(dtype, shape);
            try {
                for (int i = 0; i < numel; i++) {
                    double value = switch (type) {
                        case 0x08 -> data.readUnsignedByte();
                        case 0x09 -> data.readByte();
                        case 0x0B -> data.readShort();
                        case 0x0C -> data.readInt();
                        case 0x0D -> data.readFloat();
                        default -> data.readDouble();
                    };
                    out.storage().set(i, value);
                }
            } catch (EOFException e) {
                throw dataEnds(path, numel, shape, -1, expectedData);
            }
            if (in.read() != -1) {
                throw malformed(path, "data continues past the " + numel + " values of shape " + Shape.format(shape));
            }
            return out;
        } catch (EOFException e) {
            // The checks above word every early end of the IDX content; what is left is the gzip
            // layer's own header or trailer being cut short.
            throw malformed(path, "the gzip data ends early (a truncated .gz file)");
        }
    }

    /** One int32 dim size of the header; a file that ends inside the header says so instead of a bare EOFException. */
    private static int readHeaderInt(DataInputStream in, Path path, int dim, int rank) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw malformed(path, "the header ends inside the size of dim " + dim + " (the magic number promises " + rank + " dims)");
        }
    }

    private static IOException dataEnds(Path path, long numel, int[] shape, long present, long expected) {
        return malformed(path, "data ends before the " + numel + " values of shape " + Shape.format(shape)
                + (present >= 0 ? " (" + present + " of " + expected + " bytes present)" : ""));
    }

    private static IOException malformed(Path path, String why) {
        return new IOException("IDX file " + path + ": " + why);
    }
}
