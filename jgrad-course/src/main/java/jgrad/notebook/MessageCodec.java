package jgrad.notebook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import jgrad.io.Json;

/**
 * Turns {@link KernelMessage}s into ZeroMQ frames and back, signing and checking signatures.
 *
 * <p>The wire form of one message, frame by frame:
 * <pre>
 * identity ...              routing frames (ROUTER sockets) or a topic (IOPub)
 * &lt;IDS|MSG&gt;                 the delimiter
 * signature                 hex HMAC of the next four frames, in order ("" when the key is empty)
 * header                    JSON
 * parent_header             JSON
 * metadata                  JSON
 * content                   JSON
 * buffers ...               optional binary frames (ignored here)
 * </pre>
 *
 * <p>The HMAC covers the four JSON frames exactly as sent, so a message is checked against its
 * received bytes, never against a re-serialisation. The key and digest come from the connection
 * file ({@code "key"}, {@code "signature_scheme": "hmac-sha256"}).
 */
final class MessageCodec {
    static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.UTF_8);

    /** A message refused on arrival: malformed, or signed with another key. */
    static final class BadMessageException extends Exception {
        BadMessageException(String message) {
            super(message);
        }
    }

    private final Mac mac;   // null when the key is empty: messages are not signed

    MessageCodec(String key, String signatureScheme) {
        if (key.isEmpty()) {
            mac = null;
            return;
        }
        if (!signatureScheme.startsWith("hmac-")) {
            throw new IllegalArgumentException("MessageCodec: signature_scheme must be hmac-<digest>, got \"" + signatureScheme + "\"");
        }
        String algorithm = "Hmac" + signatureScheme.substring("hmac-".length()).toUpperCase(Locale.ROOT);
        try {
            mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalArgumentException("MessageCodec: unsupported signature_scheme \"" + signatureScheme + "\"", e);
        }
    }

    /** The frames of {@code message}, signed. */
    List<byte[]> encode(KernelMessage message) {
        byte[][] parts = {json(message.header()), json(message.parentHeader()), json(message.metadata()), json(message.content())};
        var frames = new ArrayList<byte[]>(message.identities());
        frames.add(DELIMITER);
        frames.add(sign(parts).getBytes(StandardCharsets.US_ASCII));
        frames.addAll(Arrays.asList(parts));
        return frames;
    }

    /** The message in {@code frames}, after checking its signature. */
    KernelMessage decode(List<byte[]> frames) throws BadMessageException {
        int delimiter = 0;
        while (delimiter < frames.size() && !Arrays.equals(frames.get(delimiter), DELIMITER)) {
            delimiter++;
        }
        if (frames.size() < delimiter + 6) {
            throw new BadMessageException("expected <IDS|MSG>, a signature and four JSON frames, got " + frames.size() + " frames");
        }
        byte[][] parts = frames.subList(delimiter + 2, delimiter + 6).toArray(byte[][]::new);
        byte[] signature = frames.get(delimiter + 1);
        if (!MessageDigest.isEqual(signature, sign(parts).getBytes(StandardCharsets.US_ASCII))) {
            throw new BadMessageException("the signature does not match the message (another key?)");
        }
        return new KernelMessage(List.copyOf(frames.subList(0, delimiter)),
                object(parts[0], "header"), object(parts[1], "parent_header"),
                object(parts[2], "metadata"), object(parts[3], "content"));
    }

    /** The lowercase hex HMAC of the parts in order, or "" without a key. */
    String sign(byte[]... parts) {
        if (mac == null) {
            return "";
        }
        synchronized (mac) {
            for (byte[] part : parts) {
                mac.update(part);
            }
            return HexFormat.of().formatHex(mac.doFinal());
        }
    }

    private static byte[] json(Map<String, Object> object) {
        return Json.write(object).getBytes(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(byte[] frame, String what) throws BadMessageException {
        Object value;
        try {
            value = Json.parse(new String(frame, StandardCharsets.UTF_8), what);
        } catch (Json.SyntaxException e) {
            throw new BadMessageException(e.getMessage());
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new BadMessageException("expected the " + what + " to be a JSON object, got " + Json.describe(value));
        }
        return (Map<String, Object>) value;
    }
}
