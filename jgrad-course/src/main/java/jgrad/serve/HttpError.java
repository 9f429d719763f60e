package jgrad.serve;

/**
 * A request the server refuses, with the HTTP status and a message for the client that names the
 * problem ({@code "pixels: expected 784 numbers (1x28x28), got 783"}). The server turns it into a
 * JSON body {@code {"error": message}}; no stack trace ever leaves the process.
 */
public final class HttpError extends RuntimeException {
    private final int status;

    public HttpError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** 400: the request is malformed or its values are out of range. */
    public static HttpError badRequest(String message) {
        return new HttpError(400, message);
    }
}
