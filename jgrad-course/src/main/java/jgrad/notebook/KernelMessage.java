package jgrad.notebook;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One message of the Jupyter messaging protocol (version 5.3): a header that names its type, the
 * header of the request it answers, metadata, and the content, each a JSON object.
 *
 * <p>{@code identities} are the ZeroMQ routing frames that came before the message on a ROUTER
 * socket (a reply goes back with the same ones), or the topic frame of an IOPub message.
 *
 * @see MessageCodec for how a message travels as ZeroMQ frames and is signed
 */
record KernelMessage(List<byte[]> identities, Map<String, Object> header, Map<String, Object> parentHeader,
                     Map<String, Object> metadata, Map<String, Object> content) {

    /** The protocol version this kernel speaks. */
    static final String PROTOCOL_VERSION = "5.3";

    /** The message type, e.g. {@code execute_request}. */
    String type() {
        return header.get("msg_type") instanceof String type ? type : "";
    }

    /**
     * A new message of {@code type} from {@code session}, answering {@code parent} (its header
     * becomes the parent header; null for a message that answers nothing).
     */
    static KernelMessage create(String type, String session, KernelMessage parent, List<byte[]> identities,
                                Map<String, Object> content) {
        var header = new LinkedHashMap<String, Object>();
        header.put("msg_id", UUID.randomUUID().toString());
        header.put("session", session);
        header.put("username", "jgrad");
        header.put("date", Instant.now().toString());
        header.put("msg_type", type);
        header.put("version", PROTOCOL_VERSION);
        Map<String, Object> parentHeader = parent == null ? new LinkedHashMap<>() : parent.header();
        return new KernelMessage(identities, header, parentHeader, new LinkedHashMap<>(), content);
    }

    /** The reply to this request on the same socket, back to the same client: {@code xyz_request} → {@code xyz_reply}. */
    KernelMessage reply(String session, Map<String, Object> content) {
        String type = type().endsWith("_request") ? type().substring(0, type().length() - "_request".length()) + "_reply"
                : type() + "_reply";
        return create(type, session, this, identities, content);
    }

    /** A message on IOPub about this request (status, outputs), with its type as the topic frame. */
    KernelMessage broadcast(String type, String session, Map<String, Object> content) {
        return create(type, session, this, List.of(("kernel." + session + "." + type).getBytes(StandardCharsets.UTF_8)), content);
    }
}
