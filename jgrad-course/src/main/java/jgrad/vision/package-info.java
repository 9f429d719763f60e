/**
 * Computer-vision demos and what they share (the options of a demo command). The models are in
 * {@code jgrad.models}, the data sets and transforms in {@code jgrad.data}.
 *
 * <p>May use: every library package; nothing in the library depends on it.
 */
package jgrad.vision;
