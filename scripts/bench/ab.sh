#!/usr/bin/env bash
# A/B of one of jgrad's benchmark programs between a base commit and the working tree, alternated
# (base, current, base, current, ...) so that a neighbour's load falls on both alike. Prints each
# run's summary lines; compare the CPU ms/step, which a loaded machine inflates less than wall time.
#   bash scripts/bench/ab.sh BASE ROUNDS "JVM FLAGS" MAIN [ARGS...]
#   bash scripts/bench/ab.sh bad79be 3 "-XX:UseAVX=2" jgrad.examples.SequenceBenchmark gpt 5
#   bash scripts/bench/ab.sh bad79be 3 "" jgrad.bench.TrainingSteps 3 3 cnn
# Builds BASE once in a git worktree under target/ab-base (reused while BASE is the same commit);
# the working tree must be compiled (./mvnw -q compile). Threads: JGRAD_THREADS (default 1).
set -eu
cd "$(dirname "$0")/../.."
[ $# -ge 4 ] || { sed -n '2,9p' "$0"; exit 2; }
base=$(git rev-parse "$1"); rounds=$2; flags=$3; shift 3
. bin/find-jdk.sh >/dev/null
tree=target/ab-base
if [ ! -d "$tree" ] || [ "$(git -C "$tree" rev-parse HEAD 2>/dev/null)" != "$base" ]; then
  git worktree remove --force "$tree" 2>/dev/null || rm -rf "$tree"
  git worktree prune
  git worktree add -q --detach "$tree" "$base"
  (cd "$tree" && ./mvnw -q -o compile)
fi
for side in "$tree" .; do   # the JMH-source programs (TrainingSteps, ...) compiled against each side
  mkdir -p "$side/target/ab-classes"
  javac -nowarn -d "$side/target/ab-classes" -cp "$side/jgrad-core/target/classes:$side/jgrad-course/target/classes" \
      "$side"/jgrad-course/src/jmh/java/jgrad/bench/{TrainingSteps,Rounds,GemmScaling}.java 2>&1 | grep -v '^warning\|incubat\|^Note' || true
done
for round in $(seq "$rounds"); do
  for side in "$tree" .; do
    name=$([ "$side" = . ] && echo current || echo "base ${base:0:7}")
    java --add-modules jdk.incubator.vector $flags -Djgrad.threads="${JGRAD_THREADS:-1}" \
        -cp "$side/jgrad-core/target/classes:$side/jgrad-course/target/classes:$side/target/ab-classes" "$@" 2>&1 \
        | grep -E 'median|tokens/s|GFLOP' | tail -2 | sed "s/^/$round $name: /"
  done
done
