#!/usr/bin/env bash
# W1-W5 of shared/bench/WORKLOADS.md side by side: jgrad's benchmark commands, then PyTorch's
# torch_ref.py, at THREADS threads, ROUNDS times alternated. PyTorch's OpenBLAS kernel is printed
# (OPENBLAS_VERBOSE=2); CORETYPE picks it. Extra arguments go to every JVM.
#   sh scripts/bench/w1-w5.sh THREADS [ROUNDS=1] [CORETYPE=SkylakeX] [JVM flags]
#   ATEN_CPU_CAPABILITY=avx2 ONEDNN_MAX_CPU_ISA=AVX2 sh scripts/bench/w1-w5.sh 1 1 Haswell -XX:UseAVX=2   # the AVX2 case
#   (ONEDNN_MAX_CPU_ISA: PyTorch's convolutions run on oneDNN, which ignores ATEN_CPU_CAPABILITY)
# Needs jgrad-course/target/benchmarks.jar (./mvnw -q -P jmh package -DskipTests) and /usr/bin/python3 with torch.
set -eu
cd "$(dirname "$0")/../.."
threads=${1:?threads}; rounds=${2:-1}; coretype=${3:-SkylakeX}; shift $(( $# < 3 ? $# : 3 ))
. bin/find-jdk.sh >/dev/null
torch_script=${TORCH_REF:-../shared/bench/torch_ref.py}
[ -f "$torch_script" ] || torch_script=/work/shared/bench/torch_ref.py
java="java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED $* -Djgrad.threads=$threads -cp jgrad-course/target/benchmarks.jar"
for round in $(seq "$rounds"); do
  echo "== round $round, $threads thread(s), $(uptime | sed 's/.*load/load/')"
  export OPENBLAS_VERBOSE=2 OPENBLAS_CORETYPE="$coretype"
  $java jgrad.bench.GemmCompare 1024 5 2>&1 | grep -E 'Core|threads=|ratio|java /|threads /' | sed 's/^/jgrad   W1 /'
  $java jgrad.bench.TrainingSteps 3 3 2>&1 | grep median | sed 's/^/jgrad   /'
  $java jgrad.examples.SequenceBenchmark all 3 2>&1 | grep -v '^WARNING' | sed 's/^/jgrad   /'
  OPENBLAS_NUM_THREADS="$threads" OMP_NUM_THREADS="$threads" /usr/bin/python3 "$torch_script" "$threads" 2>&1 | sed 's/^/pytorch /'
done
