package jgrad.notebook;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

/**
 * jgrad's Jupyter kernel: Java cells run through JShell ({@link JShellKernel}, the evaluator the
 * {@link NotebookRunner} uses), so a notebook gives the same outputs in Jupyter and in the runner.
 *
 * <p>{@code bin/install-kernel} writes a {@code kernel.json} that starts this class with JDK 25,
 * jgrad on the class path and the Vector API module added; Jupyter then passes it a connection
 * file ({@link ConnectionInfo}). The kernel binds five ZeroMQ sockets:
 * <ul>
 *   <li><b>shell</b> (ROUTER): {@code kernel_info}, {@code execute}, {@code is_complete},
 *       {@code complete} (JShell's Tab completion), {@code shutdown}, and empty answers to
 *       {@code inspect}, {@code history} and {@code comm_info}, one at a time on the shell thread;</li>
 *   <li><b>control</b> (ROUTER): {@code interrupt}, {@code shutdown} and {@code kernel_info},
 *       on a thread of its own so that an interrupt reaches a running cell;</li>
 *   <li><b>iopub</b> (PUB): {@code status} busy/idle around every shell request,
 *       {@code execute_input}, and a cell's outputs as {@code stream}, {@code display_data}
 *       (pictures shown with {@link Display#png}, as {@code image/png}), {@code execute_result}
 *       and {@code error};</li>
 *   <li><b>hb</b> (REP): echoes heartbeats;</li>
 *   <li><b>stdin</b> (ROUTER): bound but unused (cells cannot ask for input).</li>
 * </ul>
 *
 * <p>Every message is signed with the connection file's key ({@link MessageCodec}); a message whose
 * signature does not match is dropped and logged. A cell's outputs are sent when it finishes.
 */
public final class JupyterKernel implements AutoCloseable {
    /** The kernel's log: standard error as it was at start, before any cell redirects it. */
    private static final PrintStream LOG = System.err;
    private static final int POLL_MILLIS = 100;

    private final String session = UUID.randomUUID().toString();
    private final MessageCodec codec;
    private final JShellKernel shell;
    private final ZContext context = new ZContext();
    private final ZMQ.Socket shellSocket;
    private final ZMQ.Socket controlSocket;
    private final ZMQ.Socket iopubSocket;
    private final ZMQ.Socket stdinSocket;
    private final ZMQ.Socket heartbeatSocket;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;
    private int executionCount;

    private JupyterKernel(ConnectionInfo connection, String classPath) {
        codec = new MessageCodec(connection.key(), connection.signatureScheme());
        shellSocket = bound(SocketType.ROUTER, connection.endpoint(connection.shellPort()));
        controlSocket = bound(SocketType.ROUTER, connection.endpoint(connection.controlPort()));
        iopubSocket = bound(SocketType.PUB, connection.endpoint(connection.iopubPort()));
        stdinSocket = bound(SocketType.ROUTER, connection.endpoint(connection.stdinPort()));
        heartbeatSocket = bound(SocketType.REP, connection.endpoint(connection.hbPort()));
        shell = new JShellKernel(classPath);
    }

    /**
     * Binds the sockets of {@code connection}, starts a JShell session whose cells see
     * {@code classPath}, and serves on background threads until a shutdown request or {@link #close()}.
     */
    static JupyterKernel start(ConnectionInfo connection, String classPath) {
        var kernel = new JupyterKernel(connection, classPath);
        kernel.serve("jupyter-shell", kernel.shellSocket, kernel::onShell);
        kernel.serve("jupyter-control", kernel.controlSocket, kernel::onControl);
        kernel.serve("jupyter-heartbeat", kernel.heartbeatSocket, kernel::echo);
        return kernel;
    }

    /** {@code JupyterKernel CONNECTION_FILE}: what {@code kernel.json} runs. */
    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !Files.isRegularFile(Path.of(args[0]))) {
            LOG.println("usage: JupyterKernel CONNECTION_FILE   (Jupyter starts it; install it with bin/install-kernel)");
            System.exit(2);
        }
        var kernel = start(ConnectionInfo.read(Path.of(args[0])), System.getProperty("java.class.path"));
        // If Jupyter dies without asking for a shutdown, do not stay behind as an orphan.
        ProcessHandle.current().parent().ifPresent(jupyter -> jupyter.onExit().thenRun(() -> {
            LOG.println("jgrad kernel: the process that started it has exited; stopping");
            System.exit(0);
        }));
        kernel.awaitShutdown();
        kernel.close();
        System.exit(0);   // a cell may have left non-daemon threads behind
    }

    /** Blocks until a client asked the kernel to shut down. */
    void awaitShutdown() throws InterruptedException {
        for (Thread thread : threads) {
            thread.join();
        }
    }

    /** Stops serving, stops a running cell, and closes the sockets and the JShell session. */
    @Override
    public void close() {
        running = false;
        shell.stop();
        for (Thread thread : threads) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        context.close();
        shell.close();
    }

    // ---- sockets and threads ------------------------------------------------------------------

    private ZMQ.Socket bound(SocketType type, String endpoint) {
        ZMQ.Socket socket = context.createSocket(type);
        socket.setLinger(0);
        socket.setReceiveTimeOut(POLL_MILLIS);   // lets each loop notice a shutdown
        socket.bind(endpoint);
        return socket;
    }

    private interface Handler {
        void handle(List<byte[]> frames) throws Exception;
    }

    /** Receives on {@code socket} in a thread of its own (ZeroMQ sockets belong to one thread) until shutdown. */
    private void serve(String name, ZMQ.Socket socket, Handler handler) {
        var thread = new Thread(() -> {
            while (running) {
                ZMsg received = ZMsg.recvMsg(socket);
                if (received == null) {
                    continue;   // timed out: check whether to go on
                }
                var frames = new ArrayList<byte[]>();
                received.forEach(frame -> frames.add(frame.getData()));
                try {
                    handler.handle(frames);
                } catch (MessageCodec.BadMessageException e) {
                    LOG.println("jgrad kernel: dropped a message on " + name + ": " + e.getMessage());
                } catch (Exception e) {
                    LOG.println("jgrad kernel: error on " + name + ": " + e);
                    e.printStackTrace(LOG);
                }
            }
        }, name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    private void echo(List<byte[]> frames) {
        send(heartbeatSocket, frames);
    }

    private static void send(ZMQ.Socket socket, List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }

    private void reply(ZMQ.Socket socket, KernelMessage request, Map<String, Object> content) {
        send(socket, codec.encode(request.reply(session, content)));
    }

    /** Publishes on IOPub; called from the shell thread only, which owns the IOPub socket. */
    private void publish(KernelMessage request, String type, Map<String, Object> content) {
        send(iopubSocket, codec.encode(request.broadcast(type, session, content)));
    }

    // ---- requests -----------------------------------------------------------------------------

    private void onShell(List<byte[]> frames) throws MessageCodec.BadMessageException {
        KernelMessage request = codec.decode(frames);
        publish(request, "status", Map.of("execution_state", "busy"));
        try {
            switch (request.type()) {
                case "kernel_info_request" -> reply(shellSocket, request, kernelInfo());
                case "execute_request" -> execute(request);
                case "is_complete_request" -> reply(shellSocket, request, isComplete(text(request, "code")));
                case "complete_request" -> reply(shellSocket, request, complete(request));
                case "inspect_request" -> reply(shellSocket, request, Map.of("status", "ok", "found", false,
                        "data", Map.of(), "metadata", Map.of()));
                case "history_request" -> reply(shellSocket, request, Map.of("status", "ok", "history", List.of()));
                case "comm_info_request" -> reply(shellSocket, request, Map.of("status", "ok", "comms", Map.of()));
                case "shutdown_request" -> shutdown(shellSocket, request);
                default -> LOG.println("jgrad kernel: ignored a " + request.type() + " on the shell channel");
            }
        } finally {
            publish(request, "status", Map.of("execution_state", "idle"));
        }
    }

    private void onControl(List<byte[]> frames) throws MessageCodec.BadMessageException {
        KernelMessage request = codec.decode(frames);
        switch (request.type()) {
            case "interrupt_request" -> {
                shell.stop();
                reply(controlSocket, request, Map.of("status", "ok"));
            }
            case "shutdown_request" -> shutdown(controlSocket, request);
            case "kernel_info_request" -> reply(controlSocket, request, kernelInfo());
            default -> LOG.println("jgrad kernel: ignored a " + request.type() + " on the control channel");
        }
    }

    private void shutdown(ZMQ.Socket socket, KernelMessage request) {
        reply(socket, request, Map.of("status", "ok", "restart", request.content().getOrDefault("restart", false)));
        running = false;
        shell.stop();
    }

    private Map<String, Object> kernelInfo() {
        var info = new LinkedHashMap<String, Object>();
        info.put("status", "ok");
        info.put("protocol_version", KernelMessage.PROTOCOL_VERSION);
        info.put("implementation", "jgrad");
        info.put("implementation_version", "0.1");
        info.put("language_info", Notebook.javaLanguageInfo());
        info.put("banner", "jgrad: Java " + Runtime.version() + " through JShell, with jgrad on the class path");
        info.put("help_links", List.of());
        return info;
    }

    /**
     * Runs a cell: {@code execute_input}, then its outputs, then the reply. Like IPython, the
     * execution count goes up for every cell that stores history, whether or not it succeeds.
     */
    private void execute(KernelMessage request) {
        String code = text(request, "code");
        boolean silent = Boolean.TRUE.equals(request.content().get("silent"));
        boolean storeHistory = !silent && !Boolean.FALSE.equals(request.content().get("store_history"));
        if (storeHistory) {
            executionCount++;
        }
        long count = executionCount;
        if (!silent) {
            publish(request, "execute_input", Map.of("code", code, "execution_count", count));
        }
        var content = new LinkedHashMap<String, Object>();
        try {
            List<CellOutput> outputs = shell.execute(code);
            if (!silent) {
                outputs.forEach(output -> publishOutput(request, output, count));
            }
            content.put("status", "ok");
            content.put("execution_count", count);
            content.put("user_expressions", Map.of());
            content.put("payload", List.of());
        } catch (JShellKernel.CellError e) {
            e.outputsBefore().forEach(output -> publishOutput(request, output, count));
            List<Object> traceback = new ArrayList<>(Notebook.lines(e.getMessage()).stream()
                    .map(line -> ((String) line).stripTrailing()).toList());
            String evalue = traceback.isEmpty() ? "" : (String) traceback.getFirst();
            var error = Map.<String, Object>of("ename", e.kind(), "evalue", evalue, "traceback", traceback);
            publish(request, "error", error);
            content.put("status", "error");
            content.put("execution_count", count);
            content.putAll(error);
        }
        reply(shellSocket, request, content);
    }

    /** One cell output as the IOPub message Jupyter expects for its kind. */
    private void publishOutput(KernelMessage request, CellOutput output, long count) {
        switch (output) {
            case CellOutput.Stream stream -> publish(request, "stream", Map.of("name", stream.name(), "text", stream.text()));
            case CellOutput.Image image -> publish(request, "display_data", Map.of(
                    "data", image.mimeBundle(), "metadata", Map.of(), "transient", Map.of()));
            case CellOutput.Result result -> publish(request, "execute_result", Map.of(
                    "execution_count", count, "data", Map.of("text/plain", result.text()), "metadata", Map.of()));
        }
    }

    /** Tab completion; Jupyter counts the cursor in code points, Java strings in UTF-16 units. */
    private Map<String, Object> complete(KernelMessage request) {
        String code = text(request, "code");
        long cursorPos = request.content().get("cursor_pos") instanceof Long pos ? pos : code.codePointCount(0, code.length());
        int cursor = code.offsetByCodePoints(0, (int) Math.clamp(cursorPos, 0, code.codePointCount(0, code.length())));
        JShellKernel.Completions completions = shell.complete(code, cursor);
        return Map.of("status", "ok", "matches", List.copyOf(completions.matches()),
                "cursor_start", (long) code.codePointCount(0, completions.start()),
                "cursor_end", (long) code.codePointCount(0, cursor), "metadata", Map.of());
    }

    private Map<String, Object> isComplete(String code) {
        return switch (shell.completeness(code)) {
            case COMPLETE -> Map.of("status", "complete");
            case INCOMPLETE -> Map.of("status", "incomplete", "indent", "    ");
            case INVALID -> Map.of("status", "invalid");
        };
    }

    private static String text(KernelMessage request, String field) {
        return request.content().get(field) instanceof String s ? s : "";
    }
}
