#!/bin/sh
# Checks the GPU-check bundle on a machine without a GPU (docs/gpu-check.md, "What was verified"):
#   1. unpacked in a temporary directory and run with an empty environment and no java on PATH,
#      it must use its own runtime and report cuBLAS unavailable with exit code 2;
#   2. if a C compiler is present, against fake-cuda.c (CUDA runtime and cuBLAS semantics on the
#      CPU) it must pass (exit 0), fail a deliberately wrong sgemm (exit 1) and report a machine
#      with no device as unavailable (exit 2).
# Usage: sh scripts/gpu-check/selftest.sh [path/to/gpu-check.tar.gz]   (default: build it first)
set -eu
cd "$(dirname "$0")/../.."
bundle=${1:-}
if [ -z "$bundle" ]; then
    sh scripts/gpu-check/build.sh
    bundle=target/gpu-check.tar.gz
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -C "$work" -xzf "$bundle"
# A PATH with nothing but what run.sh uses, so no system java can be picked up by accident.
mkdir "$work/bin"
ln -s "$(command -v dirname)" "$work/bin/dirname"

failures=0
# expect CODE TEXT [VAR=value ...] -- [run.sh arguments ...]
expect() {
    code=$1 text=$2
    shift 2
    vars=""
    while [ "$1" != "--" ]; do vars="$vars $1"; shift; done
    shift
    set +e
    # shellcheck disable=SC2086
    env -i PATH="$work/bin" $vars /bin/sh "$work/gpu-check/run.sh" "$@" >"$work/out.txt" 2>&1
    got=$?
    set -e
    # every report names the runtime it ran on: it must be the bundled one (a usage error has no report)
    if [ "$got" -eq "$code" ] && grep -q -- "$text" "$work/out.txt" \
            && { [ "$code" -eq 3 ] || grep -q "($work/gpu-check/runtime)" "$work/out.txt"; }; then
        echo "ok   exit $got, '$text'${vars:+ with$vars}"
    else
        echo "FAIL expected exit $code and '$text'${vars:+ with$vars}, got exit $got:"
        sed 's/^/     /' "$work/out.txt"
        failures=$((failures + 1))
    fi
}

expect 2 "cuBLAS unavailable: " --
expect 2 "could not be loaded" JGRAD_CUBLAS_PATH=/nonexistent/libcublas.so.12 --
expect 3 "unknown argument" -- --bogus

if command -v cc >/dev/null 2>&1; then
    cc -shared -fPIC -O2 -o "$work/libcudart.so.12" scripts/gpu-check/fake-cuda.c
    cp "$work/libcudart.so.12" "$work/libcublas.so.12"
    fake="JGRAD_CUDART_PATH=$work/libcudart.so.12 JGRAD_CUBLAS_PATH=$work/libcublas.so.12"
    # shellcheck disable=SC2086
    expect 0 "RESULT: PASS" $fake -- --sizes=128,256 --java-size=128 --runs=3
    # shellcheck disable=SC2086
    expect 1 "RESULT: FAIL (28 of 40" $fake FAKE_CUBLAS_WRONG=1 -- --sizes=64 --java-size=0 --runs=1
    # shellcheck disable=SC2086
    expect 2 "cuBLAS unavailable: no CUDA device visible" $fake FAKE_CUDA_DEVICES=0 --
else
    echo "skip the fake-CUDA runs: no C compiler (cc) on PATH"
fi
echo "bundle $(du -h "$bundle" | cut -f1)"
[ "$failures" -eq 0 ] && echo "selftest: all passed" || { echo "selftest: $failures failed"; exit 1; }
