/**
 * Parity with PyTorch on fixtures it wrote ({@code make_fixtures.py} beside the fixture file): the
 * same modules, weights and inputs, every output and gradient compared.
 *
 * <p>May use: every main package.
 */
package jgrad.parity;
