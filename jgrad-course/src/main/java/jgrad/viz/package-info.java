/**
 * Pictures: computation graphs (Graphviz dot, for tensors and micro values), and charts drawn with
 * XChart ({@link jgrad.viz.Charts}): decision boundaries with axes and a legend, confusion-matrix
 * heatmaps with a colour scale. Every PNG is written atomically.
 *
 * <p>May use: {@code jgrad}, {@code jgrad.micro}, {@code jgrad.io}, {@code jgrad.train} and XChart.
 */
package jgrad.viz;
