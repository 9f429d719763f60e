/**
 * Multi-object tracking: generated videos of moving objects, a SORT-style tracker (constant-velocity
 * Kalman filter, Hungarian assignment on IoU, track birth and death), CLEAR-MOT and IDF1 metrics, the
 * settings analysis and the demo.
 *
 * <p>May use: the library (jgrad-core) and the shared parts of jgrad.vision and its sibling packages; nothing in jgrad-core depends on it.
 */
package jgrad.vision.tracking;
