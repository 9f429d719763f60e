/**
 * The exercise grader: runs a unit's tests against a student's stubs or the solution, task by task.
 *
 * <p>May use: the JDK and JUnit's launcher; no library code.
 */
package jgrad.grading;
