#!/usr/bin/env bash
# Checks what a project that depends on the jgrad library gets: deploys jgrad-core (and the parent
# pom) into a temporary file repository, builds a throwaway project that depends on it, prints its
# dependency tree, and fails if anything but jgrad-core is on its class path (a test framework,
# picocli, XChart, ...). Then compiles and runs a two-line program against it.
#   bash scripts/check-consumer.sh        (needs Maven Central for plugins not yet in ~/.m2)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source bin/find-jdk.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

./mvnw -q deploy -DskipTests -pl jgrad-core -am -DaltDeploymentRepository=tmp::file://"$work/repo"

mkdir -p "$work/consumer/src/main/java/demo"
cat > "$work/consumer/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>demo</groupId>
  <artifactId>consumer</artifactId>
  <version>1</version>
  <properties>
    <maven.compiler.release>25</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <repositories>
    <repository><id>jgrad-tmp</id><url>file://$work/repo</url></repository>
  </repositories>
  <dependencies>
    <dependency><groupId>io.jgrad</groupId><artifactId>jgrad-core</artifactId><version>0.1.0-SNAPSHOT</version></dependency>
  </dependencies>
</project>
POM
cat > "$work/consumer/src/main/java/demo/Main.java" <<'JAVA'
package demo;

public class Main {
    public static void main(String[] args) {
        var w = jgrad.Tensor.ones(2, 3).requiresGrad(true);
        w.mul(w).sum().backward();
        System.out.println("jgrad-core works: d(sum w^2)/dw = " + w.grad());
    }
}
JAVA
cd "$work/consumer"
"$root/mvnw" -q dependency:tree -DoutputFile=tree.txt
echo "--- dependency tree of a project that depends on jgrad-core:"
cat tree.txt
"$root/mvnw" -q compile dependency:build-classpath -Dmdep.outputFile=cp.txt -DincludeScope=runtime
entries=$(tr ':' '\n' < cp.txt | grep -c . || true)
if [ "$entries" != 1 ] || ! grep -q "jgrad-core" cp.txt; then
  echo "FAIL: the run-time class path should hold jgrad-core only, but holds:" >&2
  tr ':' '\n' < cp.txt >&2
  exit 1
fi
if grep -Eiq 'junit|opentest4j|apiguardian|jqwik|assertj|picocli|xchart' tree.txt; then
  echo "FAIL: a test framework or course library reached the consumer's tree" >&2
  exit 1
fi
"$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -cp "target/classes:$(cat cp.txt)" demo.Main 2>&1 | grep -v '^WARNING: Using incubator'
echo "OK: the run-time class path is jgrad-core alone ($(tr ':' '\n' < cp.txt))"
