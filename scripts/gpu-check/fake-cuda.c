/*
 * A stand-in for libcudart and libcublas, for checking the GPU-check bundle on a machine without
 * an NVIDIA GPU. It is NOT a GPU library: "device" memory is malloc'd host memory and
 * cublasSgemm_v2 is three plain loops. What it does check is everything on jgrad's side of the
 * FFM boundary: symbol names, argument order and types, the row-major/column-major swap, the
 * leading dimensions passed (validated as cuBLAS documents), copies in and out, status handling.
 *
 *   cc -shared -fPIC -O2 -o libcudart.so.12 fake-cuda.c
 *   cp libcudart.so.12 libcublas.so.12     (one file exports both APIs)
 *
 * Environment: FAKE_CUDA_DEVICES=0 reports no device; FAKE_CUBLAS_WRONG=1 makes sgemm drop the
 * last product of every sum (a deliberate bug, so the parity check must fail).
 */
#include <stdlib.h>
#include <string.h>

int cudaGetDeviceCount(int *count) {
    const char *devices = getenv("FAKE_CUDA_DEVICES");
    *count = devices ? atoi(devices) : 1;
    return 0;
}

int cudaMalloc(void **pointer, size_t size) {
    *pointer = malloc(size ? size : 1);
    return *pointer ? 0 : 2;  /* cudaErrorMemoryAllocation */
}

int cudaMemcpy(void *dst, const void *src, size_t count, int kind) {
    if (kind != 1 && kind != 2) {
        return 21;  /* cudaErrorInvalidMemcpyDirection: jgrad only copies host->device (1) and back (2) */
    }
    memcpy(dst, src, count);
    return 0;
}

int cudaFree(void *pointer) {
    free(pointer);
    return 0;
}

int cudaDeviceSynchronize(void) {
    return 0;
}

const char *cudaGetErrorString(int error) {
    (void) error;
    return "fake CUDA error";
}

int cublasCreate_v2(void **handle) {
    static int token;
    *handle = &token;
    return 0;
}

int cublasDestroy_v2(void *handle) {
    (void) handle;
    return 0;
}

static int maximum(int a, int b) {
    return a > b ? a : b;
}

/* Column-major C(m×n) = alpha·op(A)·op(B) + beta·C; op = transpose when trans == 1 (CUBLAS_OP_T). */
int cublasSgemm_v2(void *handle, int transa, int transb, int m, int n, int k,
                   const float *alpha, const float *A, int lda, const float *B, int ldb,
                   const float *beta, float *C, int ldc) {
    const int invalid = 7;  /* CUBLAS_STATUS_INVALID_VALUE */
    if (handle == NULL) {
        return 1;  /* CUBLAS_STATUS_NOT_INITIALIZED */
    }
    if (m < 0 || n < 0 || k < 0 || (transa != 0 && transa != 1) || (transb != 0 && transb != 1)
            || lda < maximum(1, transa ? k : m) || ldb < maximum(1, transb ? n : k) || ldc < maximum(1, m)) {
        return invalid;
    }
    int terms = getenv("FAKE_CUBLAS_WRONG") && k > 0 ? k - 1 : k;
    for (int j = 0; j < n; j++) {
        for (int i = 0; i < m; i++) {
            float sum = 0.0f;
            for (int p = 0; p < terms; p++) {
                float a = transa ? A[p + (size_t) i * lda] : A[i + (size_t) p * lda];
                float b = transb ? B[j + (size_t) p * ldb] : B[p + (size_t) j * ldb];
                sum += a * b;
            }
            float *c = &C[i + (size_t) j * ldc];
            *c = *beta == 0.0f ? *alpha * sum : *alpha * sum + *beta * *c;
        }
    }
    return 0;
}
