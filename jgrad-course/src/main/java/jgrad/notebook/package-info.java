/**
 * The notebook runner: executes the course's {@code .ipynb} notebooks cell by cell in JShell and
 * stores their outputs (text and plots), as CI does for every notebook.
 *
 * <p>May use: {@code jgrad.io}; it runs library code only inside the JShell it drives.
 */
package jgrad.notebook;
