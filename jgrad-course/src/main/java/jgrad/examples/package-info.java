/**
 * Runnable demos and benchmark commands of the course (each with its documented
 * {@code ./mvnw -q compile exec:exec -Djgrad.main=...} command), e.g. the W4/W5 workloads in
 * {@link jgrad.examples.SequenceBenchmark}.
 *
 * <p>May use: every other package; nothing in the library depends on it.
 */
package jgrad.examples;
