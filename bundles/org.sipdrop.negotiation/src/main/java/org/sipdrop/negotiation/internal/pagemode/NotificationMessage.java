package org.sipdrop.negotiation.internal.pagemode;

import java.util.Optional;
import java.util.Set;

/**
 * A disposition notification in a SIP MESSAGE (RFC 5438 §7.2): a {@code Message/CPIM} wrapper
 * from the recipient to the sender whose payload is {@code message/imdn+xml} with
 * {@code Content-Disposition: notification} (RFC 5438 §7.2.1), by which the IM sender
 * recognises it as a notification (§7.1.2, §9). A bare {@code message/imdn+xml} body is
 * read too.
 */
public final class NotificationMessage {

    private NotificationMessage() {
    }

    /**
     * @return the MESSAGE body carrying {@code imdn} from {@code fromUri} to {@code toUri}: a CPIM
     *         message with its own, fresh {@code imdn.Message-ID} (RFC 5438 §7.2.1: "An IMDN MUST
     *         contain a Message-ID header field", unrelated to the IM's; §6.3 for its randomness)
     *         under {@code NS: imdn <urn:ietf:params:imdn>} (§6.1), a DateTime, and no
     *         {@code Disposition-Notification} (§7.2.1: no IMDN for an IMDN)
     */
    public static FileOfferMessage.Built format(String fromUri, String toUri, Imdn imdn) {
        CpimMessage cpim = new CpimMessage(new CpimMessage.Address(null, fromUri), new CpimMessage.Address(null, toUri),
                java.time.Instant.now(), CpimMessage.newMessageId(), Set.of(), MimeHeaders.builder()
                        .add("Content-Type", ImdnCodec.MEDIA_TYPE).add("Content-Disposition", "notification").build(),
                new ImdnCodec().format(imdn));
        return new FileOfferMessage.Built(CpimCodec.MEDIA_TYPE, CpimCodec.format(cpim));
    }

    /**
     * @return the notification, or empty when the body is not one
     * @throws PageModeException when it is a notification but malformed
     */
    public static Optional<Imdn> parse(String contentType, byte[] body) throws PageModeException {
        MimeValue ct = MimeValue.parse(contentType);
        if (ct.is(ImdnCodec.MEDIA_TYPE)) {
            return Optional.of(new ImdnCodec().parse(body));
        }
        if (!ct.is(CpimCodec.MEDIA_TYPE)) {
            return Optional.empty();
        }
        CpimMessage cpim = CpimCodec.parse(body);
        if (!MimeValue.parse(cpim.contentType()).is(ImdnCodec.MEDIA_TYPE)) {
            return Optional.empty();
        }
        return Optional.of(new ImdnCodec().parse(cpim.content()));
    }
}
