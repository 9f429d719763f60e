#!/bin/sh
# jgrad GPU check: runs jgrad.nativ.GpuCheck on the Java runtime packed next to this script, so
# the machine needs no JDK and no network, only glibc (and, to pass, an NVIDIA driver, the CUDA
# runtime and cuBLAS). See docs/gpu-check.md in the jgrad repository.
#
#   sh run.sh                                  # parity cases, then GEMM timings N = 1024, 2048, 4096
#   sh run.sh --sizes=1024,8192 --runs=9       # other sizes / more timed calls (--help lists all)
#   JGRAD_CUBLAS_PATH=/x/libcublas.so.12 JGRAD_CUDART_PATH=/x/libcudart.so.12 sh run.sh
#
# Exit code: 0 all passed, 1 a parity case or call failed, 2 cuBLAS unavailable, 3 bad arguments.
here=$(cd "$(dirname "$0")" && pwd)

# Build the java command line in "$@" behind the caller's arguments, then move those to the end.
count=$#
set -- "$@" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED
if [ -n "${JGRAD_CUDART_PATH:-}" ]; then set -- "$@" "-Djgrad.cudart.path=$JGRAD_CUDART_PATH"; fi
if [ -n "${JGRAD_CUBLAS_PATH:-}" ]; then set -- "$@" "-Djgrad.cublas.path=$JGRAD_CUBLAS_PATH"; fi
if [ -n "${JGRAD_CUBLASLT_PATH:-}" ]; then set -- "$@" "-Djgrad.cublaslt.path=$JGRAD_CUBLASLT_PATH"; fi
set -- "$@" -cp "$here/jgrad.jar" jgrad.nativ.GpuCheck
while [ "$count" -gt 0 ]; do
    set -- "$@" "$1"
    shift
    count=$((count - 1))
done
exec "$here/runtime/bin/java" "$@"
