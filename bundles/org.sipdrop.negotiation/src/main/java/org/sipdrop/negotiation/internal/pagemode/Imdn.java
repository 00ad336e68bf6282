package org.sipdrop.negotiation.internal.pagemode;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One instant message disposition notification (RFC 5438 §7.2.1): which message (by
 * {@code imdn.Message-ID}), when, for which recipient, and its status. Immutable.
 *
 * <h2>How SipDrop reports a declined file</h2>
 * RFC 5438 has no "declined" status. SipDrop sends a {@link Kind#DELIVERY delivery-notification}
 * with status {@link Status#ERROR error} and linphone's reason extension
 * {@code <linphoneimdn:reason code="603">Decline</linphoneimdn:reason>} (603 Decline, RFC 3261
 * §21.6.2): RFC 5438 peers see a negative delivery notification, linphone shows the reason, and
 * SipDrop recognises it with {@link #isDecline()}. {@code forbidden} is not used: RFC 5438 gives it
 * to a recipient whose policy forbids sending the notification itself.
 */
public final class Imdn {

    /** The statuses of RFC 5438 §11.1.7 (schema element names, §11.1.9). */
    public enum Status {
        DELIVERED("delivered"), FAILED("failed"), FORBIDDEN("forbidden"), ERROR("error"),
        DISPLAYED("displayed"), PROCESSED("processed"), STORED("stored");

        private final String wire;

        Status(String wire) {
            this.wire = wire;
        }

        /** @return the XML element name, e.g. {@code delivered} */
        public String wire() {
            return wire;
        }
    }

    /** The three notification kinds (RFC 5438 §11.1.6) and the statuses each allows (§11.1.7). */
    public enum Kind {
        DELIVERY("delivery-notification"), DISPLAY("display-notification"), PROCESSING("processing-notification");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        /** @return the XML element name, e.g. {@code delivery-notification} */
        public String wire() {
            return wire;
        }

        /** @return whether RFC 5438 allows {@code s} in a notification of this kind */
        public boolean allows(Status s) {
            switch (this) {
                case DELIVERY:
                    return s == Status.DELIVERED || s == Status.FAILED || s == Status.FORBIDDEN || s == Status.ERROR;
                case DISPLAY:
                    return s == Status.DISPLAYED || s == Status.FORBIDDEN || s == Status.ERROR;
                default:
                    return s == Status.PROCESSED || s == Status.STORED || s == Status.FORBIDDEN || s == Status.ERROR;
            }
        }
    }

    /** SIP 603 Decline (RFC 3261 §21.6.2): the reason code SipDrop puts on a declined file. */
    public static final int DECLINE_CODE = 603;

    private final String messageId;
    private final Instant dateTime;
    private final String recipientUri;
    private final String originalRecipientUri;
    private final Kind kind;
    private final Status status;
    private final Integer reasonCode;
    private final String reasonText;

    /**
     * @param messageId            the {@code imdn.Message-ID} of the message being reported on
     * @param dateTime             the {@code DateTime} of that message (RFC 5438 §11.1.2 copies it)
     * @param recipientUri         who reports, or null
     * @param originalRecipientUri the original recipient before any retargeting, or null
     * @param reasonCode           an optional SIP-style reason code (linphone extension), or null
     * @param reasonText           its text, or null
     */
    public Imdn(String messageId, Instant dateTime, String recipientUri, String originalRecipientUri, Kind kind,
            Status status, Integer reasonCode, String reasonText) {
        this.messageId = CpimMessage.requireMessageId(messageId);
        this.dateTime = Objects.requireNonNull(dateTime, "datetime");
        this.recipientUri = recipientUri;
        this.originalRecipientUri = originalRecipientUri;
        this.kind = Objects.requireNonNull(kind, "kind");
        this.status = Objects.requireNonNull(status, "status");
        if (!kind.allows(status)) {
            throw new IllegalArgumentException("RFC 5438 allows no status " + status.wire + " in a " + kind.wire);
        }
        if (reasonCode != null && (reasonCode < 100 || reasonCode > 699)) {
            throw new IllegalArgumentException("Reason code must be 100-699, was " + reasonCode);
        }
        this.reasonCode = reasonCode;
        this.reasonText = reasonText;
    }

    /** @return a positive delivery notification */
    public static Imdn delivered(String messageId, Instant dateTime, String recipientUri) {
        return new Imdn(messageId, dateTime, recipientUri, recipientUri, Kind.DELIVERY, Status.DELIVERED, null, null);
    }

    /** @return the notification SipDrop sends when the receiver declines a file (see the class comment) */
    public static Imdn declined(String messageId, Instant dateTime, String recipientUri) {
        return new Imdn(messageId, dateTime, recipientUri, recipientUri, Kind.DELIVERY, Status.ERROR, DECLINE_CODE,
                "Decline");
    }

    /** @return whether this notification says the receiver declined (error or forbidden with reason 603) */
    public boolean isDecline() {
        return kind == Kind.DELIVERY && (status == Status.ERROR || status == Status.FORBIDDEN)
                && reasonCode != null && reasonCode == DECLINE_CODE;
    }

    public String messageId() {
        return messageId;
    }

    public Instant dateTime() {
        return dateTime;
    }

    public Optional<String> recipientUri() {
        return Optional.ofNullable(recipientUri);
    }

    public Optional<String> originalRecipientUri() {
        return Optional.ofNullable(originalRecipientUri);
    }

    public Kind kind() {
        return kind;
    }

    public Status status() {
        return status;
    }

    public OptionalInt reasonCode() {
        return reasonCode == null ? OptionalInt.empty() : OptionalInt.of(reasonCode);
    }

    public Optional<String> reasonText() {
        return Optional.ofNullable(reasonText);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Imdn)) {
            return false;
        }
        Imdn i = (Imdn) o;
        return messageId.equals(i.messageId) && dateTime.equals(i.dateTime)
                && Objects.equals(recipientUri, i.recipientUri)
                && Objects.equals(originalRecipientUri, i.originalRecipientUri) && kind == i.kind
                && status == i.status && Objects.equals(reasonCode, i.reasonCode)
                && Objects.equals(reasonText, i.reasonText);
    }

    @Override
    public int hashCode() {
        return Objects.hash(messageId, dateTime, kind, status, reasonCode);
    }

    @Override
    public String toString() {
        return "Imdn[" + messageId + " " + kind.wire + "/" + status.wire
                + (reasonCode == null ? "" : " " + reasonCode + " " + reasonText) + "]";
    }
}
