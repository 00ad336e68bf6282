package org.sipdrop.transport.mqtt.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The MQTT topics of one file transfer: {@code <prefix>/<transfer-id>/data}, {@code .../ack},
 * {@code .../done} and {@code .../abort}, with the default prefix {@value #DEFAULT_PREFIX}.
 * The package documentation explains who publishes what and why it works with QoS 1.
 * <p>
 * Transfer ids are restricted to {@code [A-Za-z0-9._~-]{1,128}} so that no wildcard ({@code +},
 * {@code #}, MQTT 3.1.1 §4.7.1), level separator ({@code /}), NUL (§4.7.3, §1.5.3) or other
 * control character can get into a topic. An id from elsewhere (e.g. an RFC 5547
 * {@code a=file-transfer-id} token, which may contain {@code +} or {@code #}) must be mapped,
 * for example hashed, before use.
 */
public final class TransferTopics {

    /** Default first levels; the {@code v1} level lets a later layout live beside this one. */
    public static final String DEFAULT_PREFIX = "sipdrop/v1";

    /** QoS of every publication and subscription: at least once (MQTT 3.1.1 §4.3.2). */
    public static final int QOS = 1;

    /** Longest transfer id. */
    public static final int MAX_ID_LENGTH = 128;

    /** Longest prefix, in characters; keeps every topic far below the 65535-byte limit of §1.5.3. */
    public static final int MAX_PREFIX_LENGTH = 256;

    /** The four topics of a transfer, as the last topic level names them. */
    public enum Kind {
        /** Sender to receiver: chunks ({@link ChunkFrame} payloads). */
        DATA("data"),
        /** Receiver to sender: cumulative acknowledgement and credit ({@link AckFrame} payloads). */
        ACK("ack"),
        /** Receiver to sender: the whole file arrived and its hash was verified (empty payload). */
        DONE("done"),
        /** Either side: the transfer is given up; UTF-8 payload {@code <status> <reason>}. */
        ABORT("abort");

        private final String level;

        Kind(String level) {
            this.level = level;
        }

        /** @return the last topic level */
        public String level() {
            return level;
        }
    }

    private final String prefix;
    private final String transferId;

    /** Topics under {@link #DEFAULT_PREFIX}. */
    public TransferTopics(String transferId) {
        this(DEFAULT_PREFIX, transferId);
    }

    /**
     * @param prefix one or more non-empty topic levels joined by {@code /}, not starting with
     *        {@code $} (§4.7.2 reserves those for the broker), e.g. {@code acme/sipdrop/v1} so
     *        that a broker ACL can grant {@code acme/#}
     * @param transferId see the class comment
     * @throws IllegalArgumentException naming the offending character
     */
    public TransferTopics(String prefix, String transferId) {
        this.prefix = checkPrefix(prefix);
        this.transferId = checkTransferId(transferId);
    }

    /** @return whether {@code id} may be used as a transfer id */
    public static boolean isValidTransferId(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            if (!idChar(id.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** @return {@code id} when valid */
    public static String checkTransferId(String id) {
        Objects.requireNonNull(id, "transfer id");
        if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("Transfer id must have 1.." + MAX_ID_LENGTH + " characters, had " + id.length());
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!idChar(c)) {
                throw new IllegalArgumentException("Transfer id contains " + describe(c) + " at index " + i
                        + "; only A-Z a-z 0-9 . _ ~ - are allowed (MQTT 3.1.1 §4.7: no + # / or NUL in topics)");
            }
        }
        return id;
    }

    private static String checkPrefix(String prefix) {
        Objects.requireNonNull(prefix, "topic prefix");
        if (prefix.isEmpty() || prefix.length() > MAX_PREFIX_LENGTH) {
            throw new IllegalArgumentException("Topic prefix must have 1.." + MAX_PREFIX_LENGTH + " characters");
        }
        if (prefix.startsWith("$")) {
            throw new IllegalArgumentException("Topic prefix must not start with '$': MQTT 3.1.1 §4.7.2 reserves such topics for the broker");
        }
        for (String level : prefix.split("/", -1)) {
            if (level.isEmpty()) {
                throw new IllegalArgumentException("Topic prefix '" + prefix + "' has an empty level (leading, trailing or double '/')");
            }
        }
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (c == '+' || c == '#' || c < 0x20 || (c >= 0x7F && c <= 0x9F) || Character.isSurrogate(c)) {
                throw new IllegalArgumentException("Topic prefix contains " + describe(c) + " at index " + i
                        + "; wildcards and control characters are not allowed in topic names (MQTT 3.1.1 §4.7.1, §1.5.3)");
            }
        }
        if (prefix.getBytes(StandardCharsets.UTF_8).length > 4 * MAX_PREFIX_LENGTH) {
            throw new IllegalArgumentException("Topic prefix is too long");
        }
        return prefix;
    }

    private static boolean idChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '~'
                || c == '-';
    }

    private static String describe(char c) {
        return c >= 0x21 && c < 0x7F ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    public String prefix() {
        return prefix;
    }

    public String transferId() {
        return transferId;
    }

    /** @return the topic of one kind, e.g. {@code sipdrop/v1/abc/data} */
    public String topic(Kind kind) {
        return prefix + "/" + transferId + "/" + kind.level();
    }

    public String data() {
        return topic(Kind.DATA);
    }

    public String ack() {
        return topic(Kind.ACK);
    }

    public String done() {
        return topic(Kind.DONE);
    }

    public String abort() {
        return topic(Kind.ABORT);
    }

    /** @return what the sender subscribes to, before it sends the offer: ack, done, abort */
    public List<String> senderSubscriptions() {
        return List.of(ack(), done(), abort());
    }

    /** @return what the receiver subscribes to, before it accepts: data, abort */
    public List<String> receiverSubscriptions() {
        return List.of(data(), abort());
    }

    /** @return which of this transfer's topics {@code topic} is, if any (exact match) */
    public Optional<Kind> kindOf(String topic) {
        for (Kind kind : Kind.values()) {
            if (topic(kind).equals(topic)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransferTopics && ((TransferTopics) o).prefix.equals(prefix)
                && ((TransferTopics) o).transferId.equals(transferId);
    }

    @Override
    public int hashCode() {
        return prefix.hashCode() * 31 + transferId.hashCode();
    }

    @Override
    public String toString() {
        return prefix + "/" + transferId + "/{data,ack,done,abort}";
    }
}
