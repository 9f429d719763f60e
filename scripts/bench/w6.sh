#!/usr/bin/env bash
# W6 side by side: jgrad's Gpt2Benchmark and PyTorch's torch_gpt2.py (shared/bench), alternated
# ROUNDS times at THREADS threads, each printing seconds/step and peak resident memory (MiB).
# PyTorch's OpenBLAS kernel is printed (OPENBLAS_VERBOSE=2); CORETYPE picks it (SkylakeX, Haswell).
#   sh scripts/bench/w6.sh THREADS [ROUNDS=1] [CORETYPE=SkylakeX] [extra JVM flags, e.g. -XX:UseAVX=2]
# For the AVX2 case: ATEN_CPU_CAPABILITY=avx2 ONEDNN_MAX_CPU_ISA=AVX2 sh scripts/bench/w6.sh 1 1 Haswell -XX:UseAVX=2
# jgrad's heap is W6_HEAP (default 2450m, the smallest that ran; RSS follows the heap limit).
# Needs the compiled classes (./mvnw -q compile) and /usr/bin/python3 with torch.
set -eu
cd "$(dirname "$0")/../.."
threads=${1:?threads}; rounds=${2:-1}; coretype=${3:-SkylakeX}; shift $(( $# < 3 ? $# : 3 ))
. bin/find-jdk.sh >/dev/null
torch_script=${TORCH_GPT2:-../shared/bench/torch_gpt2.py}
[ -f "$torch_script" ] || torch_script=/work/shared/bench/torch_gpt2.py
for round in $(seq "$rounds"); do
  echo "== round $round, $threads thread(s), $(uptime | sed 's/.*load/load/')"
  java --add-modules jdk.incubator.vector -Xmx"${W6_HEAP:-2450m}" "$@" -Djgrad.threads="$threads" -cp jgrad-core/target/classes:jgrad-course/target/classes \
      jgrad.examples.Gpt2Benchmark 3 2>&1 | grep -v '^WARNING' | sed 's/^/jgrad   /'
  OPENBLAS_VERBOSE=2 OPENBLAS_CORETYPE="$coretype" OPENBLAS_NUM_THREADS="$threads" OMP_NUM_THREADS="$threads" \
      /usr/bin/python3 -c '
import resource, runpy, sys
sys.argv = [sys.argv[1], sys.argv[2]]
runpy.run_path(sys.argv[0], run_name="__main__")
print(f"peak RSS={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")' "$torch_script" "$threads" 2>&1 | sed 's/^/pytorch /'
done
