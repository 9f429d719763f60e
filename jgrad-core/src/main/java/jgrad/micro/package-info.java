/**
 * Scalar autograd at micrograd size: {@link jgrad.micro.Value} and a tiny MLP built on it (lecture 1).
 *
 * <p>May use: the JDK only; it stands alone so that it can be read first.
 */
package jgrad.micro;
