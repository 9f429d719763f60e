/**
 * Image generation on Fashion-MNIST: a VAE (reparameterisation, ELBO in nats), a DCGAN, and the
 * Fréchet distance in the feature space of jgrad's own classifier; the demo writes sample grids and
 * latent interpolations.
 *
 * <p>May use: the library (jgrad-core) and the shared parts of jgrad.vision and its sibling packages; nothing in jgrad-core depends on it.
 */
package jgrad.vision.generation;
