package jgrad.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.imageio.ImageIO;
import jgrad.io.Json;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

/**
 * Plays a Jupyter client against {@link JupyterKernel} over real ZeroMQ sockets on the loopback
 * interface, without Python: signs its requests and checks the kernel's signatures with its own
 * HMAC-SHA256 (not the kernel's {@link MessageCodec}), and reads the replies and IOPub messages a
 * front end would show.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class JupyterKernelTest {
    private static final String KEY = "test-key-" + UUID.randomUUID();
    private static final String SESSION = UUID.randomUUID().toString();

    private JupyterKernel kernel;
    private final ZContext context = new ZContext();
    private ZMQ.Socket shell;
    private ZMQ.Socket control;
    private ZMQ.Socket iopub;
    private ZMQ.Socket heartbeat;

    /** What one request brought back: the reply and the IOPub messages sent on its behalf, in order. */
    private record Exchange(Map<String, Object> replyHeader, Map<String, Object> reply,
                            List<Map<String, Object>> iopubHeaders, List<Map<String, Object>> iopub) {
        List<String> iopubTypes() {
            return iopubHeaders.stream().map(header -> (String) header.get("msg_type")).toList();
        }

        List<Map<String, Object>> iopubOf(String type) {
            var found = new ArrayList<Map<String, Object>>();
            for (int i = 0; i < iopub.size(); i++) {
                if (iopubHeaders.get(i).get("msg_type").equals(type)) {
                    found.add(iopub.get(i));
                }
            }
            return found;
        }
    }

    @BeforeAll
    void startKernelAndConnect(@TempDir Path folder) throws Exception {
        int[] ports = freePorts(5);
        var connection = new ConnectionInfo("tcp", "127.0.0.1", ports[0], ports[1], ports[2], ports[3], ports[4], KEY, "hmac-sha256");
        Path file = folder.resolve("kernel-test.json");
        Files.writeString(file, connection.toJson());
        kernel = JupyterKernel.start(ConnectionInfo.read(file), System.getProperty("java.class.path"));

        shell = connected(SocketType.DEALER, connection.endpoint(connection.shellPort()));
        control = connected(SocketType.DEALER, connection.endpoint(connection.controlPort()));
        heartbeat = connected(SocketType.REQ, connection.endpoint(connection.hbPort()));
        iopub = connected(SocketType.SUB, connection.endpoint(connection.iopubPort()));
        iopub.subscribe(new byte[0]);
        // A subscription takes a moment to reach the publisher: ask until IOPub answers, as jupyter_client does.
        iopub.setReceiveTimeOut(200);
        while (true) {
            send(shell, "kernel_info_request", Map.of());
            receive(shell);
            if (ZMsg.recvMsg(iopub) != null) {
                break;
            }
        }
        drainIopub();
    }

    @AfterAll
    void shutDown() throws Exception {
        if (kernel != null) {
            kernel.close();
        }
        context.close();
    }

    @Test
    void kernelInfoIsSignedAndDescribesJava() throws Exception {
        Exchange exchange = request(shell, "kernel_info_request", Map.of());

        assertThat(exchange.replyHeader().get("msg_type")).isEqualTo("kernel_info_reply");
        assertThat(exchange.reply().get("protocol_version")).isEqualTo("5.3");
        assertThat(exchange.reply().get("implementation")).isEqualTo("jgrad");
        assertThat(asMap(exchange.reply().get("language_info"))).containsEntry("name", "java");
        assertThat(exchange.iopubTypes()).as("busy and idle around every request").containsExactly("status", "status");
        assertThat(exchange.iopubOf("status")).extracting(status -> status.get("execution_state")).containsExactly("busy", "idle");
    }

    @Test
    void executeStreamsTextShowsPicturesInlineAndCountsCells() throws Exception {
        Exchange cell = request(shell, "execute_request", executeContent("""
                System.out.println("hello");
                jgrad.notebook.Display.png(new java.awt.image.BufferedImage(3, 2, java.awt.image.BufferedImage.TYPE_INT_RGB));
                System.out.printf("%d%n", 6 * 7)"""));

        assertThat(cell.reply().get("status")).isEqualTo("ok");
        assertThat(cell.iopubTypes()).as("a printf at the end shows its text, not the PrintStream it returns")
                .containsExactly("status", "execute_input", "stream", "display_data", "stream", "status");
        assertThat(cell.iopubOf("stream")).extracting(stream -> stream.get("text")).containsExactly("hello\n", "42\n");
        Map<?, ?> data = (Map<?, ?>) cell.iopubOf("display_data").getFirst().get("data");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode((String) data.get("image/png"))));
        assertThat(image.getWidth()).isEqualTo(3);
        assertThat(image.getHeight()).isEqualTo(2);

        long count = (Long) cell.reply().get("execution_count");
        Exchange next = request(shell, "execute_request", executeContent("int half = 21;\nhalf * 2"));
        assertThat(next.reply().get("execution_count")).isEqualTo(count + 1);
        Map<String, Object> result = next.iopubOf("execute_result").getFirst();
        assertThat(result.get("execution_count")).isEqualTo(count + 1);
        assertThat(asMap(result.get("data"))).containsEntry("text/plain", "42");
    }

    @Test
    void anExceptionBecomesAJupyterErrorAfterWhatWasPrinted() throws Exception {
        Exchange cell = request(shell, "execute_request", executeContent("System.out.println(\"before\");\nInteger.parseInt(\"seven\")"));

        assertThat(cell.reply().get("status")).isEqualTo("error");
        assertThat(cell.reply().get("ename")).isEqualTo("java.lang.NumberFormatException");
        assertThat(cell.iopubTypes()).containsExactly("status", "execute_input", "stream", "error", "status");
        Map<String, Object> error = cell.iopubOf("error").getFirst();
        assertThat((String) error.get("evalue")).contains("line 2").contains("seven");
        assertThat((List<?>) error.get("traceback")).isNotEmpty();

        Exchange compileError = request(shell, "execute_request", executeContent("int x = undefinedName;"));
        assertThat(compileError.reply().get("ename")).isEqualTo("CompileError");
    }

    @Test
    void isCompleteTellsAnOpenBlockFromAFinishedCell() throws Exception {
        assertThat(request(shell, "is_complete_request", Map.of("code", "for (int i = 0; i < 3; i++) {")).reply())
                .containsEntry("status", "incomplete");
        assertThat(request(shell, "is_complete_request", Map.of("code", "int a = 1;\na + 1")).reply())
                .containsEntry("status", "complete");
    }

    @Test
    void tabCompletesTheSnippetUnderTheCursor() throws Exception {
        request(shell, "execute_request", executeContent("String greeting = \"hi\";"));
        String code = "int a = 1;\ngreeting.toUpp";
        Map<String, Object> reply = request(shell, "complete_request", Map.of("code", code, "cursor_pos", (long) code.length())).reply();

        assertThat(reply.get("status")).isEqualTo("ok");
        assertThat(reply.get("matches")).asInstanceOf(InstanceOfAssertFactories.LIST).contains("toUpperCase(");
        assertThat(reply.get("cursor_start")).as("the match replaces 'toUpp'").isEqualTo((long) code.length() - "toUpp".length());
        assertThat(reply.get("cursor_end")).isEqualTo((long) code.length());
    }

    @Test
    void aMessageWithAWrongSignatureIsDropped() throws Exception {
        List<byte[]> forged = frames("kernel_info_request", Map.of(), "another-key");
        send(shell, forged);
        Exchange honest = request(shell, "kernel_info_request", Map.of());

        assertThat(honest.replyHeader().get("msg_type")).isEqualTo("kernel_info_reply");
        shell.setReceiveTimeOut(500);
        try {
            assertThat(ZMsg.recvMsg(shell)).as("no reply to the forged request, before or after the honest one").isNull();
        } finally {
            shell.setReceiveTimeOut(10_000);
        }
    }

    @Test
    void interruptStopsARunningCell() throws Exception {
        send(shell, "execute_request", executeContent("long spins = 0;\nwhile (true) { spins++; }"));
        Thread.sleep(1_000);
        send(control, "interrupt_request", Map.of());
        assertThat(receive(control).get("status")).isEqualTo("ok");

        Map<String, Object> reply = receive(shell);
        assertThat(reply.get("status")).isEqualTo("error");
        assertThat(reply.get("ename")).isEqualTo("Interrupted");
        drainIopub();
        assertThat(request(shell, "execute_request", executeContent("1 + 1")).reply().get("status"))
                .as("the kernel goes on after an interrupt").isEqualTo("ok");
    }

    @Test
    void heartbeatsAreEchoed() {
        heartbeat.send("ping");
        assertThat(heartbeat.recvStr()).isEqualTo("ping");
    }

    // ---- a small Jupyter client ---------------------------------------------------------------

    private static Map<String, Object> executeContent(String code) {
        var content = new LinkedHashMap<String, Object>();
        content.put("code", code);
        content.put("silent", false);
        content.put("store_history", true);
        content.put("user_expressions", Map.of());
        content.put("allow_stdin", false);
        content.put("stop_on_error", true);
        return content;
    }

    /** Sends a request and collects its reply and its IOPub messages, up to the idle status. */
    private Exchange request(ZMQ.Socket socket, String type, Map<String, Object> content) throws Exception {
        drainIopub();
        String id = send(socket, type, content);
        List<byte[]> replyFrames = frames(socket);
        Map<String, Object> replyHeader = verifiedPart(replyFrames, 0);
        assertThat(verifiedPart(replyFrames, 1).get("msg_id")).as("the reply names its request").isEqualTo(id);
        var headers = new ArrayList<Map<String, Object>>();
        var contents = new ArrayList<Map<String, Object>>();
        while (true) {
            List<byte[]> published = frames(iopub);
            if (!verifiedPart(published, 1).get("msg_id").equals(id)) {
                continue;
            }
            headers.add(verifiedPart(published, 0));
            contents.add(verifiedPart(published, 3));
            if ("idle".equals(contents.getLast().get("execution_state"))) {
                return new Exchange(replyHeader, verifiedPart(replyFrames, 3), headers, contents);
            }
        }
    }

    private void drainIopub() {
        iopub.setReceiveTimeOut(200);
        while (ZMsg.recvMsg(iopub) != null) {
            // left over from an earlier request
        }
        iopub.setReceiveTimeOut(10_000);
    }

    private String send(ZMQ.Socket socket, String type, Map<String, Object> content) {
        List<byte[]> frames = frames(type, content, KEY);
        send(socket, frames);
        return (String) ((Map<?, ?>) parse(frames.get(2))).get("msg_id");
    }

    private static void send(ZMQ.Socket socket, List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }

    /** The content of the next message on {@code socket}, signature checked. */
    private Map<String, Object> receive(ZMQ.Socket socket) throws Exception {
        return verifiedPart(frames(socket), 3);
    }

    private static List<byte[]> frames(ZMQ.Socket socket) {
        ZMsg message = ZMsg.recvMsg(socket);
        assertThat(message).as("a message within the receive timeout").isNotNull();
        var frames = new ArrayList<byte[]>();
        message.forEach(frame -> frames.add(frame.getData()));
        return frames;
    }

    /** Part {@code index} (0 header, 1 parent header, 2 metadata, 3 content) after checking the HMAC. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> verifiedPart(List<byte[]> frames, int index) throws Exception {
        int delimiter = 0;
        while (!new String(frames.get(delimiter), StandardCharsets.UTF_8).equals("<IDS|MSG>")) {
            delimiter++;
        }
        List<byte[]> parts = frames.subList(delimiter + 2, delimiter + 6);
        assertThat(new String(frames.get(delimiter + 1), StandardCharsets.US_ASCII))
                .as("HMAC-SHA256 of the four JSON frames").isEqualTo(hmac(KEY, parts));
        return (Map<String, Object>) parse(parts.get(index));
    }

    private static List<byte[]> frames(String type, Map<String, Object> content, String key) {
        var header = new LinkedHashMap<String, Object>();
        header.put("msg_id", UUID.randomUUID().toString());
        header.put("session", SESSION);
        header.put("username", "test");
        header.put("date", Instant.now().toString());
        header.put("msg_type", type);
        header.put("version", "5.3");
        List<byte[]> parts = List.of(json(header), json(Map.of()), json(Map.of()), json(content));
        var frames = new ArrayList<byte[]>();
        frames.add("<IDS|MSG>".getBytes(StandardCharsets.UTF_8));
        frames.add(hmac(key, parts).getBytes(StandardCharsets.US_ASCII));
        frames.addAll(parts);
        return frames;
    }

    private static String hmac(String key, List<byte[]> parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            parts.forEach(mac::update);
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object json) {
        return (Map<String, Object>) json;
    }

    private static byte[] json(Map<String, Object> object) {
        return Json.write(object).getBytes(StandardCharsets.UTF_8);
    }

    private static Object parse(byte[] frame) {
        try {
            return Json.parse(new String(frame, StandardCharsets.UTF_8));
        } catch (Json.SyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private ZMQ.Socket connected(SocketType type, String endpoint) {
        ZMQ.Socket socket = context.createSocket(type);
        socket.setLinger(0);
        socket.setReceiveTimeOut(10_000);
        socket.connect(endpoint);
        return socket;
    }

    private static int[] freePorts(int count) throws Exception {
        var sockets = new ArrayList<ServerSocket>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0));
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }
}
