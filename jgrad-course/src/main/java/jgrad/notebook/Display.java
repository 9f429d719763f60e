package jgrad.notebook;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import javax.imageio.ImageIO;

/**
 * Shows an image from a notebook cell.
 *
 * <pre>{@code
 * Display.png(Plot.line(losses));     // appears under the cell as a PNG
 * }</pre>
 *
 * <p>Under {@link NotebookRunner}, and in Jupyter through {@link JupyterKernel}, the image becomes an
 * {@code image/png} display output of the cell. How it travels: this class prints one marker line
 * holding the PNG in base64 to {@code System.out}, and the evaluator both share, which captures the
 * cell's output, turns that line into a display output. Elsewhere (plain JShell) the image is
 * written to a temporary file and its path printed instead.
 */
public final class Display {
    private Display() {
    }

    /** Set to {@code "true"} by the runner while a cell executes. */
    static final String CAPTURE_PROPERTY = "jgrad.notebook.capture";
    /** Starts a line that carries an image; the record-separator character keeps it out of normal text. */
    static final String IMAGE_MARKER = "\u001ejgrad-display image/png ";

    /** Shows an in-memory image. */
    public static void png(BufferedImage image) {
        var bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Display.png: could not encode the image", e);
        }
        show(bytes.toByteArray());
    }

    /** Shows a PNG file. */
    public static void png(Path file) {
        try {
            show(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Display.png: could not read " + file, e);
        }
    }

    private static void show(byte[] png) {
        if (Boolean.getBoolean(CAPTURE_PROPERTY)) {
            System.out.println(IMAGE_MARKER + Base64.getEncoder().encodeToString(png));
            System.out.flush();
            return;
        }
        try {
            Path file = Files.createTempFile("jgrad-display-", ".png");
            Files.write(file, png);
            System.out.println("[image: " + file + "]");
        } catch (IOException e) {
            throw new UncheckedIOException("Display.png: could not write a temporary file", e);
        }
    }
}
