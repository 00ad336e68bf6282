package org.sipdrop.negotiation.internal.pagemode;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A {@code Message/CPIM} message (RFC 3862): From, To, DateTime, and the IMDN request headers
 * {@code imdn.Message-ID} and {@code imdn.Disposition-Notification} (RFC 5438 §6), wrapping one
 * MIME entity (its headers and content). Immutable; {@link CpimCodec} puts it on the wire.
 */
public final class CpimMessage {

    /** The dispositions a sender may request (RFC 5438 §7.1.1.3; syntax §10). */
    public enum Disposition {
        POSITIVE_DELIVERY("positive-delivery"), NEGATIVE_DELIVERY("negative-delivery"),
        DISPLAY("display"), PROCESSING("processing");

        private final String wire;

        Disposition(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** An RFC 3862 §4.1 address: optional display name and a URI in angle brackets. */
    public static final class Address {
        private final String displayName;
        private final String uri;

        /**
         * @param displayName a name, or null; must not contain line breaks
         * @param uri         the URI, e.g. {@code sip:alice@example.com}
         */
        public Address(String displayName, String uri) {
            if (uri == null || uri.isEmpty() || uri.indexOf(':') <= 0
                    || uri.chars().anyMatch(c -> c <= ' ' || c == '<' || c == '>' || c == '"' || c == 0x7f)) {
                throw new IllegalArgumentException("Not a CPIM address URI (scheme:..., no spaces or <>): '" + uri + "'");
            }
            if (displayName != null && displayName.chars().anyMatch(c -> c < ' ' || c == 0x7f)) {
                throw new IllegalArgumentException("A display name cannot contain control characters or line breaks");
            }
            this.displayName = displayName == null || displayName.isEmpty() ? null : displayName;
            this.uri = uri;
        }

        public Optional<String> displayName() {
            return Optional.ofNullable(displayName);
        }

        public String uri() {
            return uri;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Address && uri.equals(((Address) o).uri)
                    && Objects.equals(displayName, ((Address) o).displayName);
        }

        @Override
        public int hashCode() {
            return Objects.hash(displayName, uri);
        }

        @Override
        public String toString() {
            return (displayName == null ? "" : displayName + " ") + "<" + uri + ">";
        }
    }

    private static final Pattern MESSAGE_ID = Pattern.compile("[\\x21-\\x7e&&[^<>\"'&\\\\,;]]{1,128}");

    private final Address from;
    private final Address to;
    private final Instant dateTime;
    private final String messageId;
    private final Set<Disposition> dispositions;
    private final MimeHeaders contentHeaders;
    private final byte[] content;

    /**
     * @param dateTime       the DateTime header; RFC 5438 §7.1 requires it when IMDN is requested
     * @param messageId      the imdn.Message-ID, or null when no IMDN is requested
     * @param dispositions   the notifications requested; empty for none
     * @param contentHeaders the encapsulated entity's headers (Content-Type at least)
     * @param content        the encapsulated entity's content
     */
    public CpimMessage(Address from, Address to, Instant dateTime, String messageId, Set<Disposition> dispositions,
            MimeHeaders contentHeaders, byte[] content) {
        this.from = Objects.requireNonNull(from, "CPIM From");
        this.to = Objects.requireNonNull(to, "CPIM To");
        this.dateTime = dateTime;
        this.messageId = messageId == null ? null : requireMessageId(messageId);
        this.dispositions = dispositions.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(dispositions));
        if (!this.dispositions.isEmpty() && (messageId == null || dateTime == null)) {
            throw new IllegalArgumentException(
                    "Requesting an IMDN needs imdn.Message-ID and DateTime (RFC 5438 §7.1)");
        }
        this.contentHeaders = Objects.requireNonNull(contentHeaders, "content headers");
        if (contentHeaders.first("Content-Type").isEmpty()) {
            throw new IllegalArgumentException("The CPIM payload needs a Content-Type (RFC 3862 §2)");
        }
        this.content = content.clone();
    }

    /**
     * @return a fresh imdn.Message-ID: 96 bits from a cryptographically secure generator, as
     *         RFC 5438 §6.3 recommends (at least 64), in URL-safe base64, a CPIM Token (§10)
     */
    public static String newMessageId() {
        byte[] b = new byte[12];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String requireMessageId(String id) {
        if (id == null || !MESSAGE_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("Not an IMDN Message-ID (1-128 visible ASCII, no quotes or <>): '" + id
                    + "'");
        }
        return id;
    }

    public Address from() {
        return from;
    }

    public Address to() {
        return to;
    }

    public Optional<Instant> dateTime() {
        return Optional.ofNullable(dateTime);
    }

    public Optional<String> messageId() {
        return Optional.ofNullable(messageId);
    }

    /** @return the requested notifications, empty if none */
    public Set<Disposition> dispositions() {
        return dispositions;
    }

    /**
     * Whether the sender asked for a notification of this kind and outcome, so that the recipient
     * may send one (RFC 5438 §7.2.1: IMDNs are generated only as requested in
     * {@code Disposition-Notification}, §7.1.1.3 for the values). A {@code delivered} delivery
     * notification needs {@code positive-delivery}; any other delivery status reports a failure
     * and needs {@code negative-delivery}; a display notification needs {@code display}. A
     * recipient never sends processing notifications (RFC 5438 §7.2.1), and nothing is sent
     * without the {@code Message-ID} and {@code DateTime} an IMDN echoes (§7.1.1.1, §7.1.1.2).
     */
    public boolean asksFor(Imdn.Kind kind, Imdn.Status status) {
        if (messageId == null || dateTime == null || !kind.allows(status)) {
            return false;
        }
        switch (kind) {
            case DELIVERY:
                return dispositions.contains(status == Imdn.Status.DELIVERED ? Disposition.POSITIVE_DELIVERY
                        : Disposition.NEGATIVE_DELIVERY);
            case DISPLAY:
                return dispositions.contains(Disposition.DISPLAY);
            default:
                return false;
        }
    }

    public MimeHeaders contentHeaders() {
        return contentHeaders;
    }

    /** @return the payload's Content-Type */
    public String contentType() {
        return contentHeaders.first("Content-Type").orElseThrow();
    }

    public byte[] content() {
        return content.clone();
    }
}
