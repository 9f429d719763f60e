#!/bin/sh
# Packs the self-contained GPU check: target/gpu-check.tar.gz holds
#   gpu-check/runtime/   a Java runtime cut down by jlink to java.base + jdk.incubator.vector
#   gpu-check/jgrad.jar  the library (jgrad-core), main class jgrad.nativ.GpuCheck
#   gpu-check/run.sh     the entry point (POSIX sh)
# Copy the archive to a CUDA machine, unpack, run `sh gpu-check/run.sh`. docs/gpu-check.md has more.
set -eu
cd "$(dirname "$0")/../.."
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export JAVA_HOME

./mvnw -q package -DskipTests -pl jgrad-core
jar=$(ls jgrad-core/target/jgrad-core-*.jar | grep -v -e sources -e javadoc -e tests | head -n 1)
mkdir -p target

stage=target/gpu-check
rm -rf "$stage" target/gpu-check.tar.gz
mkdir -p "$stage"
# JDK 25 without jmods links from its own run-time image (JEP 493); that works for a JDK built
# with --enable-linkable-runtime, as Temurin 25 is. GpuCheck needs no other module.
"$JAVA_HOME/bin/jlink" --add-modules java.base,jdk.incubator.vector \
    --strip-debug --no-header-files --no-man-pages --compress zip-6 \
    --output "$stage/runtime" 2>&1 | grep -v 'Using incubator modules' || true
test -x "$stage/runtime/bin/java"
cp "$jar" "$stage/jgrad.jar"
cp scripts/gpu-check/run.sh "$stage/run.sh"
chmod +x "$stage/run.sh"
tar -C target -czf target/gpu-check.tar.gz gpu-check
echo "built target/gpu-check.tar.gz ($(du -h target/gpu-check.tar.gz | cut -f1); runtime $(du -sh "$stage/runtime" | cut -f1), jar $(du -h "$stage/jgrad.jar" | cut -f1) unpacked)"
