/**
 * Test helpers shared by every test package: random tensors and shapes for jqwik properties,
 * gradient checks of ops and modules in float64 ({@code Gradchecks}, {@code ModuleGradchecks}) and
 * their summary.
 *
 * <p>May use: every main package; used only by tests.
 */
package jgrad.testing;
