package jgrad.kernels;

import java.lang.management.ManagementFactory;
import java.util.Locale;

import jgrad.kernels.SgemmMicroKernels.MicroKernel;

/**
 * Which micro-kernel and cache blocks {@link BlockedSgemm} uses on this CPU: a table keyed by the
 * vector width (floats per vector) and the number of vector registers, both filled in by
 * measurement (see docs/performance.md, "Micro-kernel shape per vector width").
 *
 * <p>Why it depends on both: the micro-kernel keeps {@code MR × NR/LANES} accumulators, the
 * {@code NR/LANES} vectors of B and one broadcast of A in registers for the whole K loop. If they
 * do not fit, C2 spills accumulators to the stack and every FMA pays a load and a store. AVX-512
 * has 32 registers of 16 floats; AVX2 has 16 of 8 (what HotSpot uses with {@code -XX:UseAVX=2});
 * with {@code -XX:MaxVectorSize=16} vectors hold 4 floats (as on ARM NEON, which has 32
 * registers).
 *
 * <p>The tile shape never changes the result: every C element is the same p-ordered FMA chain
 * whatever the shape, so the bits are those of any other shape. KC does change them (each K block
 * is summed separately, then added to C), so every row of the table keeps KC = 256: the same
 * inputs give the same bits on every CPU.
 *
 * <p>Override for experiments: {@code -Djgrad.sgemm.kernel=4x2} (rows × vectors, one of
 * {@link SgemmMicroKernels#ALL}) and {@code -Djgrad.sgemm.kc=256}, {@code -Djgrad.sgemm.mc=192}.
 *
 * @param kernel the register tile
 * @param mc     rows of op(A) packed at a time (the packed A block, ~L2)
 * @param kc     rows of K per block (a B sliver kc×NR stays in L1)
 */
record SgemmBlocking(MicroKernel kernel, int mc, int kc) {

    /** Columns of the packed B panel: KC×NC floats (~L3); one constant for every shape. */
    static final int NC = 3072;

    /** The blocking for this JVM, chosen once from the table (or the override properties). */
    static final SgemmBlocking CHOSEN = choose(SgemmMicroKernels.LANES, vectorRegisters());

    SgemmBlocking {
        if (mc < kernel.mr() || kc < 1) {
            throw new IllegalArgumentException("SgemmBlocking: need mc >= MR (" + kernel.mr() + ") and kc >= 1, got mc="
                    + mc + " kc=" + kc);
        }
    }

    /**
     * The measured table (N = 1024, 1 thread, shapes interleaved in one JVM on an AVX-512 Xeon run
     * natively, with {@code -XX:UseAVX=2} and with {@code -XX:MaxVectorSize=16}).
     */
    static SgemmBlocking table(int lanes, int registers) {
        if (registers < 32) {
            return new SgemmBlocking(new SgemmMicroKernels.Kernel4x2V(), 192, 256);    // 4×16 on AVX2
        }
        if (lanes >= 16) {
            return new SgemmBlocking(new SgemmMicroKernels.Kernel12x2V(), 192, 256);   // 12×32 on AVX-512
        }
        return new SgemmBlocking(new SgemmMicroKernels.Kernel6x4V(), 192, 256);        // 6×16 on 4 lanes (NEON-like)
    }

    private static SgemmBlocking choose(int lanes, int registers) {
        SgemmBlocking fromTable = table(lanes, registers);
        MicroKernel kernel = fromTable.kernel();
        String shape = System.getProperty("jgrad.sgemm.kernel");
        if (shape != null && !shape.isBlank()) {
            kernel = byName(shape.trim());
        }
        return new SgemmBlocking(kernel, intProperty("jgrad.sgemm.mc", fromTable.mc()),
                intProperty("jgrad.sgemm.kc", fromTable.kc()));
    }

    /** The kernel named {@code "RxV"} (rows × vectors), e.g. {@code "4x2"}. */
    static MicroKernel byName(String shape) {
        for (MicroKernel kernel : SgemmMicroKernels.ALL) {
            if (name(kernel).equals(shape.toLowerCase(Locale.ROOT))) {
                return kernel;
            }
        }
        throw new IllegalArgumentException("jgrad.sgemm.kernel: no micro-kernel '" + shape + "'; have "
                + SgemmMicroKernels.ALL.stream().map(SgemmBlocking::name).toList());
    }

    /** {@code "RxV"}: rows × vectors of the tile. */
    static String name(MicroKernel kernel) {
        return kernel.mr() + "x" + kernel.nr() / SgemmMicroKernels.LANES;
    }

    @Override
    public String toString() {
        return name(kernel) + " (" + kernel.mr() + "×" + kernel.nr() + " floats), MC=" + mc + ", KC=" + kc
                + ", lanes=" + SgemmMicroKernels.LANES + ", registers=" + vectorRegisters();
    }

    /**
     * Vector registers the JIT can use: 16 on x86 below AVX-512 ({@code UseAVX < 3}, which is how
     * {@code -XX:UseAVX=2} gives the AVX2 register file on an AVX-512 machine), else 32 (AVX-512,
     * ARM NEON and SVE).
     */
    static int vectorRegisters() {
        String arch = System.getProperty("os.arch", "");
        if (!arch.equals("amd64") && !arch.equals("x86_64")) {
            return 32;
        }
        try {
            var hotspot = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return Integer.parseInt(hotspot.getVMOption("UseAVX").getValue()) >= 3 ? 32 : 16;
        } catch (RuntimeException | LinkageError e) {
            return 16;   // not HotSpot, or the flag is unknown: assume the smaller register file
        }
    }

    private static int intProperty(String name, int fallback) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": want an integer, got '" + value + "'", e);
        }
    }
}
