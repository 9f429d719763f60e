# Sourced by bin/jgrad, bin/jshell and bin/install-kernel (after bin/find-jdk.sh): builds jgrad when
# the build is missing or older than the sources, then sets JGRAD_CLASSPATH to jgrad-course's run-time
# class path: jgrad-course's and jgrad-core's classes and the jars they use (picocli, XChart, ...).
# Needs $root, the repository root.

jgrad_classpath_file="$root/jgrad-course/target/jgrad.classpath"

# Stale when never built, or when a source, resource, a pom or this script changed since the last build.
jgrad_needs_build() {
  [ -f "$jgrad_classpath_file" ] && [ -d "$root/jgrad-course/target/classes" ] || return 0
  [ -n "$(find "$root"/jgrad-*/src/main "$root"/pom.xml "$root"/jgrad-*/pom.xml "$root/bin/classpath.sh" \
      -newer "$jgrad_classpath_file" -print -quit)" ]
}

# build-classpath reads its scope from the user property includeScope (its output file from
# mdep.outputFile): runtime keeps compile- and runtime-scope jars and leaves the test jars
# (jqwik, AssertJ, the JUnit aggregator) off the class path bin/jgrad runs with.
jgrad_build() {
  local goals=(compile dependency:build-classpath -Dmdep.outputFile=target/jgrad.classpath -DincludeScope=runtime)
  echo "jgrad: building (./mvnw -q -o compile) ..." >&2
  (cd "$root" && ./mvnw -q -o "${goals[@]}" >&2) \
    || { echo "jgrad: offline build failed; trying again with downloads" >&2; (cd "$root" && ./mvnw -q "${goals[@]}" >&2); }
  touch "$jgrad_classpath_file"
}

if jgrad_needs_build; then
  jgrad_build
fi
JGRAD_CLASSPATH="$root/jgrad-course/target/classes:$(cat "$jgrad_classpath_file")"
