package jgrad.notebook;

/** A notebook file that is not valid JSON or not a well-formed nbformat 4 notebook. */
public final class NotebookFormatException extends RuntimeException {
    public NotebookFormatException(String message) {
        super(message);
    }
}
