package jgrad.nativ;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import jgrad.kernels.GemmChecks;

/** Copies between row-major Java matrices and off-heap memory, for the native backends. */
final class OffHeap {

    private OffHeap() {
    }

    /** A new segment holding the {@code rows×cols} matrix at {@code array[offset]} with leading dimension ld. */
    static MemorySegment copyIn(Arena arena, float[] array, int offset, int rows, int cols, int ld) {
        long span = GemmChecks.span(rows, cols, ld);
        MemorySegment segment = arena.allocate(ValueLayout.JAVA_FLOAT, Math.max(1, span));
        MemorySegment.copy(array, offset, segment, ValueLayout.JAVA_FLOAT, 0, (int) span);
        return segment;
    }

    /** An uninitialised-by-us (zeroed) segment big enough for the matrix; used when beta == 0 so C is not read. */
    static MemorySegment allocate(Arena arena, int rows, int cols, int ld) {
        return arena.allocate(ValueLayout.JAVA_FLOAT, Math.max(1, GemmChecks.span(rows, cols, ld)));
    }

    /**
     * Copies the matrix back row by row, so the elements between rows (when {@code ld > cols})
     * are left as the caller had them.
     */
    static void copyOut(MemorySegment segment, float[] array, int offset, int rows, int cols, int ld) {
        if (ld == cols) {
            MemorySegment.copy(segment, ValueLayout.JAVA_FLOAT, 0, array, offset, rows * cols);
            return;
        }
        for (int r = 0; r < rows; r++) {
            MemorySegment.copy(segment, ValueLayout.JAVA_FLOAT, (long) r * ld * Float.BYTES, array, offset + r * ld, cols);
        }
    }
}
