package jgrad.nativ;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jgrad.kernels.GemmChecks;

/**
 * GEMM on an NVIDIA GPU: the CUDA runtime and cuBLAS bound with the FFM API, from their
 * documented C signatures ({@code cudaError_t} and {@code cublasStatus_t} are C enums: int):
 *
 * <pre>
 * cudaError_t cudaGetDeviceCount(int *count);
 * cudaError_t cudaMalloc(void **devPtr, size_t size);
 * cudaError_t cudaMemcpy(void *dst, const void *src, size_t count, cudaMemcpyKind kind);
 * cudaError_t cudaFree(void *devPtr);
 * cudaError_t cudaDeviceSynchronize(void);
 * const char *cudaGetErrorString(cudaError_t error);
 * cublasStatus_t cublasCreate_v2(cublasHandle_t *handle);
 * cublasStatus_t cublasDestroy_v2(cublasHandle_t handle);
 * cublasStatus_t cublasSgemm_v2(cublasHandle_t handle, cublasOperation_t transa, cublasOperation_t transb,
 *                               int m, int n, int k, const float *alpha, const float *A, int lda,
 *                               const float *B, int ldb, const float *beta, float *C, int ldc);
 * </pre>
 *
 * <b>Row-major through a column-major library.</b> A row-major {@code r×c} matrix with leading
 * dimension ld is, read column-major, its transpose {@code c×r} with the same ld. Since
 * {@code Cᵀ = op(B)ᵀ·op(A)ᵀ}, we ask cuBLAS for the {@code n×m} column-major product of B and A
 * with the same transpose flags — no data is moved: {@code cublasSgemm(opB, opA, n, m, k, B, ldb, A, lda, C, ldc)}.
 *
 * <p>Libraries: {@code -Djgrad.cudart.path} / {@code -Djgrad.cublas.path} (exact files), else
 * {@code /usr/local/cuda*}, the distro lib dirs, {@code LD_LIBRARY_PATH}, conda, pip's
 * {@code site-packages/nvidia/{cuda_runtime,cublas}/lib} (see {@link #searchDirectories(List)}),
 * then the system loader; libcublasLt is loaded first from the same places. Each call
 * allocates device buffers, copies A, B (and C if beta != 0) over, runs, copies C back and frees;
 * every status is checked and a failure throws {@link IllegalStateException} naming the call.
 */
public final class CublasBackend implements GemmBackend, AutoCloseable {

    private static final int CUDA_MEMCPY_HOST_TO_DEVICE = 1;
    private static final int CUDA_MEMCPY_DEVICE_TO_HOST = 2;
    private static final int CUBLAS_OP_N = 0;
    private static final int CUBLAS_OP_T = 1;

    private final MethodHandle cudaMalloc;
    private final MethodHandle cudaMemcpy;
    private final MethodHandle cudaFree;
    private final MethodHandle cudaDeviceSynchronize;
    private final MethodHandle cudaGetErrorString;
    private final MethodHandle cublasDestroy;
    private final MethodHandle cublasSgemm;
    private final String where;
    private MemorySegment handle;

    private CublasBackend(SymbolLookup cudart, SymbolLookup cublas, String where) {
        Linker linker = Linker.nativeLinker();
        cudaMalloc = bind(linker, cudart, "cudaMalloc", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
        cudaMemcpy = bind(linker, cudart, "cudaMemcpy", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT));
        cudaFree = bind(linker, cudart, "cudaFree", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        cudaDeviceSynchronize = bind(linker, cudart, "cudaDeviceSynchronize", FunctionDescriptor.of(JAVA_INT));
        cudaGetErrorString = bind(linker, cudart, "cudaGetErrorString", FunctionDescriptor.of(ADDRESS, JAVA_INT));
        cublasDestroy = bind(linker, cublas, "cublasDestroy_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        cublasSgemm = bind(linker, cublas, "cublasSgemm_v2", FunctionDescriptor.of(JAVA_INT,
                ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
        this.where = where;
    }

    /**
     * Loads both libraries, checks that a device is present and creates the cuBLAS handle; the
     * result holds the backend or a one-line reason.
     */
    static Backends.Availability load() {
        List<Path> directories = searchDirectories();
        var cudart = NativeLibraries.find("jgrad.cudart.path",
                List.of("libcudart.so", "libcudart.so.13", "libcudart.so.12", "libcudart.so.11.0"), directories);
        if (!cudart.loaded()) {
            return Backends.Availability.missing("cublas", "CUDA runtime: " + cudart.reason());
        }
        preloadCublasLt(directories);
        var cublas = NativeLibraries.find("jgrad.cublas.path",
                List.of("libcublas.so", "libcublas.so.13", "libcublas.so.12", "libcublas.so.11"), directories);
        if (!cublas.loaded()) {
            return Backends.Availability.missing("cublas", "cuBLAS: " + cublas.reason());
        }
        Linker linker = Linker.nativeLinker();
        MethodHandle deviceCount = bind(linker, cudart.lookup(), "cudaGetDeviceCount", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        MethodHandle create = bind(linker, cublas.lookup(), "cublasCreate_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        var backend = new CublasBackend(cudart.lookup(), cublas.lookup(), cudart.where() + " + " + cublas.where());
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment count = arena.allocate(JAVA_INT);
            int error = (int) deviceCount.invokeExact(count);
            if (error != 0) {
                return Backends.Availability.missing("cublas", "cudaGetDeviceCount failed: " + backend.cudaError(error));
            }
            if (count.get(JAVA_INT, 0) == 0) {
                return Backends.Availability.missing("cublas", "no CUDA device visible");
            }
            MemorySegment handleSlot = arena.allocate(ADDRESS);
            int status = (int) create.invokeExact(handleSlot);
            if (status != 0) {
                return Backends.Availability.missing("cublas", "cublasCreate_v2 failed: " + cublasStatus(status));
            }
            backend.handle = handleSlot.get(ADDRESS, 0);
        } catch (Throwable t) {
            return Backends.Availability.missing("cublas", "CUDA initialisation failed: " + t);
        }
        return Backends.Availability.of(backend);
    }

    /**
     * libcublas needs libcublasLt. A CUDA toolkit not registered with ldconfig (and not on
     * {@code LD_LIBRARY_PATH}) has no way to find it, so when libcublas is opened by path its
     * dependency fails; once a library with that soname is loaded, the dynamic loader reuses it.
     * So load libcublasLt first, from next to the libcublas override if there is one, else from
     * the same directories. Best effort: if this fails, loading libcublas gives the reason.
     */
    private static void preloadCublasLt(List<Path> directories) {
        List<Path> where = new ArrayList<>();
        String override = System.getProperty("jgrad.cublas.path");
        if (override != null && !override.isBlank() && Path.of(override.trim()).getParent() != null) {
            where.add(Path.of(override.trim()).getParent());
        }
        where.addAll(directories);
        NativeLibraries.find("jgrad.cublaslt.path",
                List.of("libcublasLt.so", "libcublasLt.so.13", "libcublasLt.so.12", "libcublasLt.so.11"), where);
    }

    @Override
    public String name() {
        return "cublas";
    }

    @Override
    public String description() {
        return "cublasSgemm_v2 from " + where;
    }

    @Override
    public synchronized void sgemm(boolean transA, boolean transB, int m, int n, int k,
                                   float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                                   float beta, float[] c, int cOffset, int ldc) {
        GemmChecks.check("CublasBackend.sgemm", transA, transB, m, n, k, a.length, aOffset, lda,
                b.length, bOffset, ldb, c.length, cOffset, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        if (handle == null) {
            throw new IllegalStateException("CublasBackend.sgemm: backend was closed");
        }
        List<MemorySegment> device = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment hostA = OffHeap.copyIn(arena, a, aOffset, transA ? k : m, transA ? m : k, lda);
            MemorySegment hostB = OffHeap.copyIn(arena, b, bOffset, transB ? n : k, transB ? k : n, ldb);
            MemorySegment hostC = beta == 0f ? OffHeap.allocate(arena, m, n, ldc) : OffHeap.copyIn(arena, c, cOffset, m, n, ldc);
            MemorySegment deviceA = toDevice(arena, hostA, device);
            MemorySegment deviceB = toDevice(arena, hostB, device);
            MemorySegment deviceC = beta == 0f ? deviceAlloc(arena, hostC.byteSize(), device) : toDevice(arena, hostC, device);
            MemorySegment alpha = arena.allocateFrom(JAVA_FLOAT, 1f);
            MemorySegment betaValue = arena.allocateFrom(JAVA_FLOAT, beta);
            int status = (int) cublasSgemm.invokeExact(handle, transB ? CUBLAS_OP_T : CUBLAS_OP_N, transA ? CUBLAS_OP_T : CUBLAS_OP_N,
                    n, m, k, alpha, deviceB, ldb, deviceA, lda, betaValue, deviceC, ldc);
            if (status != 0) {
                throw new IllegalStateException("cublasSgemm_v2(m=" + n + ", n=" + m + ", k=" + k + ") failed: " + cublasStatus(status));
            }
            checkCuda("cudaDeviceSynchronize", (int) cudaDeviceSynchronize.invokeExact());
            checkCuda("cudaMemcpy device->host", (int) cudaMemcpy.invokeExact(hostC, deviceC, hostC.byteSize(), CUDA_MEMCPY_DEVICE_TO_HOST));
            OffHeap.copyOut(hostC, c, cOffset, m, n, ldc);
        } catch (IllegalStateException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("CublasBackend.sgemm: native call failed: " + t, t);
        } finally {
            for (MemorySegment pointer : device) {
                try {
                    int ignored = (int) cudaFree.invokeExact(pointer);
                } catch (Throwable t) {
                    // freeing is best effort; the original failure (if any) is the one to report
                }
            }
        }
    }

    /** Destroys the cuBLAS handle; later calls throw. */
    @Override
    public synchronized void close() {
        if (handle != null) {
            try {
                int status = (int) cublasDestroy.invokeExact(handle);
                if (status != 0) {
                    throw new IllegalStateException("cublasDestroy_v2 failed: " + cublasStatus(status));
                }
            } catch (IllegalStateException e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException("cublasDestroy_v2 call failed: " + t, t);
            } finally {
                handle = null;
            }
        }
    }

    private MemorySegment deviceAlloc(Arena arena, long bytes, List<MemorySegment> device) throws Throwable {
        MemorySegment slot = arena.allocate(ADDRESS);
        checkCuda("cudaMalloc(" + bytes + " bytes)", (int) cudaMalloc.invokeExact(slot, bytes));
        MemorySegment pointer = slot.get(ADDRESS, 0);
        device.add(pointer);
        return pointer;
    }

    private MemorySegment toDevice(Arena arena, MemorySegment host, List<MemorySegment> device) throws Throwable {
        MemorySegment pointer = deviceAlloc(arena, host.byteSize(), device);
        checkCuda("cudaMemcpy host->device", (int) cudaMemcpy.invokeExact(pointer, host, host.byteSize(), CUDA_MEMCPY_HOST_TO_DEVICE));
        return pointer;
    }

    private void checkCuda(String call, int error) {
        if (error != 0) {
            throw new IllegalStateException(call + " failed: " + cudaError(error));
        }
    }

    private String cudaError(int error) {
        try {
            MemorySegment text = (MemorySegment) cudaGetErrorString.invokeExact(error);
            return "error " + error + " (" + text.reinterpret(1024).getString(0) + ")";
        } catch (Throwable t) {
            return "error " + error;
        }
    }

    private static String cublasStatus(int status) {
        String name = switch (status) {
            case 1 -> "CUBLAS_STATUS_NOT_INITIALIZED";
            case 3 -> "CUBLAS_STATUS_ALLOC_FAILED";
            case 7 -> "CUBLAS_STATUS_INVALID_VALUE";
            case 8 -> "CUBLAS_STATUS_ARCH_MISMATCH";
            case 11 -> "CUBLAS_STATUS_MAPPING_ERROR";
            case 13 -> "CUBLAS_STATUS_EXECUTION_FAILED";
            case 14 -> "CUBLAS_STATUS_INTERNAL_ERROR";
            case 15 -> "CUBLAS_STATUS_NOT_SUPPORTED";
            case 16 -> "CUBLAS_STATUS_LICENSE_ERROR";
            default -> "unknown cublasStatus_t";
        };
        return "status " + status + " (" + name + ")";
    }

    private static MethodHandle bind(Linker linker, SymbolLookup library, String symbol, FunctionDescriptor descriptor) {
        return linker.downcallHandle(library.find(symbol)
                .orElseThrow(() -> new IllegalStateException("symbol " + symbol + " not found")), descriptor);
    }

    /** Where {@link #load()} looks, in order: see {@link #searchDirectories(List)}. */
    static List<Path> searchDirectories() {
        return searchDirectories(NativeLibraries.pythonRoots());
    }

    /**
     * {@code $CUDA_HOME}, {@code /usr/local/cuda} and every versioned {@code /usr/local/cuda-X.Y}
     * (newest first), the distro library dirs, {@code LD_LIBRARY_PATH}, conda's {@code lib}, then
     * pip's NVIDIA wheels in each python root ({@code site-packages/nvidia/{cuda_runtime,cublas}/lib}
     * for CUDA 12, {@code nvidia/cu13/lib} for CUDA 13).
     */
    static List<Path> searchDirectories(List<Path> pythonRoots) {
        List<Path> installs = new ArrayList<>();
        String cudaHome = System.getenv("CUDA_HOME");
        if (cudaHome != null && !cudaHome.isBlank()) {
            installs.add(Path.of(cudaHome));
        }
        installs.add(Path.of("/usr/local/cuda"));
        installs.addAll(NativeLibraries.children(Path.of("/usr/local")).stream()
                .filter(path -> path.getFileName().toString().startsWith("cuda-"))
                .sorted(Comparator.reverseOrder())
                .toList());
        List<Path> directories = new ArrayList<>();
        for (Path install : installs) {
            directories.add(install.resolve("lib64"));
            directories.add(install.resolve("lib"));
            directories.add(install.resolve("targets/x86_64-linux/lib"));
        }
        directories.add(Path.of("/usr/lib/x86_64-linux-gnu"));
        directories.add(Path.of("/usr/lib64"));
        directories.addAll(NativeLibraries.ldLibraryPath());
        String condaPrefix = System.getenv("CONDA_PREFIX");
        if (condaPrefix != null && !condaPrefix.isBlank()) {
            directories.add(Path.of(condaPrefix, "lib"));
        }
        for (Path site : NativeLibraries.pythonSitePackages(pythonRoots)) {
            directories.add(site.resolve("nvidia/cuda_runtime/lib"));
            directories.add(site.resolve("nvidia/cublas/lib"));
            directories.add(site.resolve("nvidia/cu13/lib"));
        }
        return directories.stream().distinct().toList();
    }
}
