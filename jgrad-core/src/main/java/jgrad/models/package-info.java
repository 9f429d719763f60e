/**
 * Ready-made models built from {@code jgrad.nn} layers: MLP, LeNet-5, a small CNN, a character LSTM,
 * a sequence-to-sequence model with attention and GPT (nanoGPT's architecture).
 *
 * <p>May use: {@code jgrad}, {@code jgrad.nn}, {@code jgrad.nn.functional} and {@code jgrad.text}.
 */
package jgrad.models;
