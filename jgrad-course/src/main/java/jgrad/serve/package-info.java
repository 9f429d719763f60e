/**
 * Serving trained models over HTTP: {@link jgrad.serve.InferenceServer} (health, metrics, image
 * classification with a micro-batcher, streamed text generation), model bundles (config.json +
 * safetensors + tokenizer), and a load test.
 *
 * <p>May use: every library package ({@code jgrad}, {@code nn}, {@code models}, {@code text},
 * {@code data}, {@code io}, {@code train}, {@code optim}); nothing in the library depends on it.
 */
package jgrad.serve;
