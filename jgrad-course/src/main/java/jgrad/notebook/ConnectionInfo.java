package jgrad.notebook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import jgrad.io.Json;

/**
 * Where a Jupyter kernel listens and how it signs its messages: the connection file that Jupyter
 * writes and passes to the kernel as {@code {connection_file}} in {@code kernel.json}.
 *
 * <pre>{@code
 * {"transport": "tcp", "ip": "127.0.0.1", "shell_port": 53794, "iopub_port": 53795,
 *  "stdin_port": 53796, "control_port": 53797, "hb_port": 53798,
 *  "key": "a0436f6c-...", "signature_scheme": "hmac-sha256"}
 * }</pre>
 *
 * @param key the HMAC key; empty means messages are not signed
 * @param signatureScheme {@code hmac-} and a digest name, e.g. {@code hmac-sha256}
 */
record ConnectionInfo(String transport, String ip, int shellPort, int iopubPort, int stdinPort,
                      int controlPort, int hbPort, String key, String signatureScheme) {

    /** Reads a connection file, naming the file and the field on any problem. */
    static ConnectionInfo read(Path file) throws IOException {
        Object tree = Json.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        if (!(tree instanceof Map<?, ?> json)) {
            throw new IOException(file + ": expected a JSON object, got " + Json.describe(tree));
        }
        return new ConnectionInfo(
                text(json, "transport", "tcp", file), text(json, "ip", "127.0.0.1", file),
                port(json, "shell_port", file), port(json, "iopub_port", file), port(json, "stdin_port", file),
                port(json, "control_port", file), port(json, "hb_port", file),
                text(json, "key", "", file), text(json, "signature_scheme", "hmac-sha256", file));
    }

    /** The ZeroMQ endpoint for one of the ports, e.g. {@code tcp://127.0.0.1:53794}. */
    String endpoint(int port) {
        return transport.equals("ipc") ? "ipc://" + ip + "-" + port : transport + "://" + ip + ":" + port;
    }

    /** The connection file's JSON, as a client writes it (used by tests that play the client). */
    String toJson() {
        var json = new LinkedHashMap<String, Object>();
        json.put("transport", transport);
        json.put("ip", ip);
        json.put("shell_port", (long) shellPort);
        json.put("iopub_port", (long) iopubPort);
        json.put("stdin_port", (long) stdinPort);
        json.put("control_port", (long) controlPort);
        json.put("hb_port", (long) hbPort);
        json.put("key", key);
        json.put("signature_scheme", signatureScheme);
        return Json.write(json);
    }

    private static String text(Map<?, ?> json, String field, String absent, Path file) throws IOException {
        Object value = json.containsKey(field) ? json.get(field) : absent;
        if (!(value instanceof String s)) {
            throw new IOException(file + ": expected \"" + field + "\" to be a string, got " + Json.describe(value));
        }
        return s;
    }

    private static int port(Map<?, ?> json, String field, Path file) throws IOException {
        Object value = json.get(field);
        if (!(value instanceof Long port) || port < 1 || port > 65535) {
            throw new IOException(file + ": expected \"" + field + "\" to be a port number (1-65535), got " + Json.describe(value));
        }
        return port.intValue();
    }
}
