#!/usr/bin/env bash
# W2-W5 of shared/bench/WORKLOADS.md, jgrad beside PyTorch, at 1 and 2 threads, in two cases:
#   native: the JVM's own vector width, PyTorch's OpenBLAS on CORETYPE (default: SkylakeX on an
#           AVX-512 CPU, Haswell otherwise);
#   avx2:   jgrad under -XX:UseAVX=2 (256-bit vectors, 16 registers), PyTorch with
#           ATEN_CPU_CAPABILITY=avx2, OPENBLAS_CORETYPE=Haswell and ONEDNN_MAX_CPU_ISA=AVX2 (PyTorch's
#           convolutions run on oneDNN, which ignores ATEN_CPU_CAPABILITY and would otherwise JIT
#           AVX-512 code: W3 ran 26.0 steps/s that way against 17.5 with AVX2 kernels).
# Each round runs, per case and thread count, jgrad's programs and torch_ref.py one after the other,
# the order flipped every round, so a neighbour's load falls on both sides alike. It prints the
# JVM's vector flags, PyTorch's OpenBLAS core (OPENBLAS_VERBOSE=2) and oneDNN ISA (ONEDNN_VERBOSE=1), the load, every figure, then the
# medians, the median of the per-round jgrad/PyTorch ratios, and 2 threads / 1 thread for each side;
# before them, jgrad's SGEMM (W1) at 1 and 2 threads for N = 64 … 1024 (GemmScaling).
#   sh scripts/bench/compare.sh [ROUNDS=3] [SECONDS=3] [CASES="native avx2"]
# Needs the compiled classes (./mvnw -q compile) and /usr/bin/python3 with torch (apt-get install python3-torch
# libopenblas0-pthread). Takes about a minute per round, case and thread count on a quiet machine.
set -eu
cd "$(dirname "$0")/../.."
rounds=${1:-3}; seconds=${2:-3}; cases=${3:-native avx2}
. bin/find-jdk.sh >/dev/null
torch_script=${TORCH_REF:-../shared/bench/torch_ref.py}
[ -f "$torch_script" ] || torch_script=/work/shared/bench/torch_ref.py
native_core=${CORETYPE:-$(grep -q avx512f /proc/cpuinfo && echo SkylakeX || echo Haswell)}
classes=target/compare-classes
mkdir -p "$classes"
javac -nowarn -d "$classes" -cp jgrad-core/target/classes:jgrad-course/target/classes jgrad-course/src/jmh/java/jgrad/bench/TrainingSteps.java jgrad-course/src/jmh/java/jgrad/bench/Rounds.java \
    jgrad-course/src/jmh/java/jgrad/bench/GemmScaling.java \
    2>&1 | grep -v '^warning\|incubat' || true
results=$(mktemp)
trap 'rm -f "$results"' EXIT

echo "== $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(nproc) CPUs; $(uptime | sed 's/.*load/load/')"
for case in $cases; do
  if [ "$case" = avx2 ]; then jvm_flags=-XX:UseAVX=2; core=Haswell; aten=avx2; isa=AVX2; else jvm_flags=; core=$native_core; aten=; isa=; fi
  java_cmd="java --add-modules jdk.incubator.vector $jvm_flags -cp jgrad-core/target/classes:jgrad-course/target/classes:$classes"
  echo "== case $case: JVM $(java $jvm_flags -XX:+PrintFlagsFinal -version 2>/dev/null | awk '$2 == "UseAVX" || $2 == "MaxVectorSize" {printf "%s=%s ", $2, $4}')"
  echo "   PyTorch: ATEN_CPU_CAPABILITY=${aten:-default} $(OPENBLAS_VERBOSE=2 OPENBLAS_CORETYPE=$core /usr/bin/python3 -c \
      'import torch; torch.ones(64, 64) @ torch.ones(64, 64)' 2>&1 | grep -m1 Core || echo 'Core: (not printed)')"
  echo "   PyTorch oneDNN (convolutions): ONEDNN_MAX_CPU_ISA=${isa:-default} $(env ${isa:+ONEDNN_MAX_CPU_ISA=$isa} ONEDNN_VERBOSE=1 \
      /usr/bin/python3 -c 'import torch; torch.nn.functional.conv2d(torch.ones(64, 32, 14, 14), torch.ones(64, 32, 3, 3), padding=1)' 2>&1 \
      | grep -m1 'info,cpu,isa' | sed 's/.*isa://' || echo '(not printed)')"
  # W1: jgrad's SGEMM at 1 and 2 threads, interleaved in one JVM (two threads must never be slower)
  $java_cmd jgrad.bench.GemmScaling 5 64 128 256 512 1024 2>&1 | grep GFLOP | sed 's/^/   W1 jgrad /'
  # W1 beside it: PyTorch's SGEMM (OpenBLAS on the core printed above) at N = 1024, 1 and 2 threads
  for threads in 1 2; do
    env ${aten:+ATEN_CPU_CAPABILITY=$aten} OPENBLAS_CORETYPE="$core" OPENBLAS_NUM_THREADS="$threads" OMP_NUM_THREADS="$threads" \
        /usr/bin/python3 - "$threads" <<'PY'
import sys, time, torch
threads = int(sys.argv[1])
torch.set_num_threads(threads)
a, b = torch.randn(1024, 1024), torch.randn(1024, 1024)
for _ in range(3):
    a @ b
times = []
for _ in range(9):
    start = time.perf_counter()
    a @ b
    times.append(time.perf_counter() - start)
print(f"   W1 PyTorch 1024x1024x1024: {threads} thread(s) {2 * 1024 ** 3 / sorted(times)[4] / 1e9:.1f} GFLOP/s (median of 9)")
PY
  done
  for round in $(seq "$rounds"); do
    for threads in 1 2; do
      run_jgrad() {
        $java_cmd -Djgrad.threads="$threads" jgrad.bench.TrainingSteps "$seconds" 1 2>&1 | grep median \
            | awk -v c="$case" -v r="$round" -v t="$threads" '{split($4, a, "="); print c, r, t, "jgrad", $1, a[2]}' >> "$results"
        $java_cmd -Djgrad.threads="$threads" jgrad.examples.SequenceBenchmark all "$seconds" 2>&1 | grep tokens/s \
            | awk -v c="$case" -v r="$round" -v t="$threads" '{split($3, a, "="); print c, r, t, "jgrad", $1, a[2]}' >> "$results"
      }
      run_torch() {
        env ${aten:+ATEN_CPU_CAPABILITY=$aten} ${isa:+ONEDNN_MAX_CPU_ISA=$isa} OPENBLAS_CORETYPE="$core" OPENBLAS_NUM_THREADS="$threads" OMP_NUM_THREADS="$threads" \
            /usr/bin/python3 "$torch_script" "$threads" 2>&1 | grep -E '^(mlp|cnn|gpt|lstm) ' \
            | awk -v c="$case" -v r="$round" -v t="$threads" '{split($3, a, "="); print c, r, t, "pytorch", $1, a[2]}' >> "$results"
      }
      if [ $((round % 2)) = 1 ]; then run_jgrad; run_torch; else run_torch; run_jgrad; fi
      echo "   round $round, $threads thread(s) done; $(uptime | sed 's/.*load/load/')"
    done
  done
done

echo "== every figure (case round threads side workload value; steps/s for mlp, cnn; tokens/s for gpt, lstm)"
cat "$results"
/usr/bin/python3 - "$results" <<'PY'
import sys, statistics as st
from collections import defaultdict
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
value = {(c, int(r), int(t), side, w): float(v) for c, r, t, side, w, v in rows}
names = {"mlp": "W2 MLP steps/s", "cnn": "W3 CNN steps/s", "gpt": "W4 GPT tokens/s", "lstm": "W5 LSTM tokens/s"}
print("== medians over rounds; ratio = median of per-round jgrad/PyTorch; 2T/1T = median of per-round ratios")
print(f"{'case':7} {'workload':18} {'thr':>3} {'jgrad':>10} {'pytorch':>10} {'ratio':>6}   {'jgrad 2T/1T':>11} {'torch 2T/1T':>11}")
for case in dict.fromkeys(k[0] for k in value):
    for w in ["mlp", "cnn", "gpt", "lstm"]:
        for t in (1, 2):
            rs = sorted({k[1] for k in value if k[0] == case})
            j = [value[(case, r, t, "jgrad", w)] for r in rs if (case, r, t, "jgrad", w) in value]
            p = [value[(case, r, t, "pytorch", w)] for r in rs if (case, r, t, "pytorch", w) in value]
            ratio = [value[(case, r, t, "jgrad", w)] / value[(case, r, t, "pytorch", w)] for r in rs
                     if (case, r, t, "jgrad", w) in value and (case, r, t, "pytorch", w) in value]
            scale = ""
            if t == 2:
                def two_over_one(side):
                    q = [value[(case, r, 2, side, w)] / value[(case, r, 1, side, w)] for r in rs
                         if (case, r, 2, side, w) in value and (case, r, 1, side, w) in value]
                    return f"{st.median(q):11.2f}" if q else f"{'-':>11}"
                scale = f"   {two_over_one('jgrad')} {two_over_one('pytorch')}"
            med = lambda xs: f"{st.median(xs):10.1f}" if xs else f"{'-':>10}"
            print(f"{case:7} {names[w]:18} {t:>3} {med(j)} {med(p)} {st.median(ratio) if ratio else float('nan'):6.2f}{scale}")
PY
echo "== end: $(uptime | sed 's/.*load/load/')"
