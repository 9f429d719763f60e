/**
 * Text: character and byte-level BPE tokenizers (training and GPT-2's files), UTF-8 handling, line
 * reading and sampling from a language model.
 *
 * <p>May use: {@code jgrad} and {@code jgrad.io}.
 */
package jgrad.text;
