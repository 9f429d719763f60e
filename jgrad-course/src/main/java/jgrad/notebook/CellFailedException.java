package jgrad.notebook;

/**
 * A code cell that did not run: it failed to compile, threw, or was incomplete. The message names
 * the notebook, the cell number (counting every cell from 1, as Jupyter shows them) and the line
 * within the cell.
 */
public final class CellFailedException extends RuntimeException {
    private final int cellNumber;

    public CellFailedException(String notebook, int cellNumber, String message) {
        super(notebook + ": cell " + cellNumber + " failed: " + message);
        this.cellNumber = cellNumber;
    }

    /** The failing cell's position in the notebook, counting from 1. */
    public int cellNumber() {
        return cellNumber;
    }
}
