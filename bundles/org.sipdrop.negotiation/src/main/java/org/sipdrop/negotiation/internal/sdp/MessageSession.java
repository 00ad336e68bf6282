package org.sipdrop.negotiation.internal.sdp;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The SDP of a plain MSRP message session (RFC 4975 §8) that carries a content-indirection
 * offer (RFC 4483) instead of a file: {@code m=message PORT TCP/MSRP *} with
 * {@code a=accept-types:message/cpim} and {@code a=accept-wrapped-types} listing what the CPIM
 * wrapper may hold (RFC 4975 §8.6, RFC 3862), {@code a=path} and {@code a=setup} (RFC 6135), and
 * <em>no</em> {@code a=file-selector}: it is not an RFC 5547 file transfer, the file itself goes
 * through the storage the offer names.
 */
public final class MessageSession {

    /** RFC 3862: the wrapper every message of the session comes in (RFC 4975 §8.6 accept-types). */
    public static final String CPIM = "message/cpim";

    /**
     * RFC 4975 §8.6 accept-wrapped-types: the offer (RFC 4483 external-body in multipart/mixed,
     * with the file metadata and RCS FT-HTTP parts), a bare RCS FT-HTTP or external-body offer,
     * and delivery notifications (RFC 5438).
     */
    public static final List<String> WRAPPED = List.of("message/external-body", "multipart/mixed",
            "message/imdn+xml", "application/vnd.gsma.rcs-ft-http+xml", "application/vnd.sipdrop.file-selector");

    /** The wrapped types that mark a session as carrying a content-indirection offer, not a chat. */
    private static final java.util.Set<String> OFFERS = java.util.Set.of("message/external-body",
            "application/vnd.gsma.rcs-ft-http+xml");

    private MessageSession() {
    }

    /** @return the offer of a message session on {@code path} (this side's URI last), a=setup:actpass (RFC 6135 §4.1) */
    public static Sdp offer(LocalEndpoint local, List<String> path, RandomGenerator random) {
        return session(local, stream(local, path, SetupRole.ACTPASS), random);
    }

    /** @return the answer accepting {@code offered} on {@code path}, this side taking the setup role RFC 6135 gives it */
    public static Sdp answer(LocalEndpoint local, FileStream offered, List<String> path, RandomGenerator random) {
        return session(local, stream(local, path, SetupRole.answerTo(offered.setup())), random);
    }

    /**
     * Tells a message-session offer from an RFC 5547 file offer or a chat: exactly one enabled
     * {@code m=message} MSRP line, without a file-selector, that accepts CPIM wrapping an
     * external-body (or RCS FT-HTTP) offer.
     *
     * @return the offered stream, or empty for anything else (a file offer, several streams)
     * @throws SdpException 400 when the line's MSRP attributes are malformed, 488 when it has no a=path
     */
    public static Optional<FileStream> read(Sdp offer) throws SdpException {
        if (offer.media().size() != 1) {
            return Optional.empty();
        }
        MediaDescription m = offer.media().get(0);
        if (!MediaDescription.MEDIA_MESSAGE.equals(m.media()) || m.port() == 0
                || !(MediaDescription.PROTO_MSRP.equalsIgnoreCase(m.proto()) || MediaDescription.PROTO_MSRP_TLS.equalsIgnoreCase(m.proto()))) {
            return Optional.empty();
        }
        FileStream s = FileStream.read(m, offer);
        if (s.selector() != null || s.acceptTypes().stream().noneMatch(t -> t.toLowerCase(Locale.ROOT).startsWith(CPIM))
                || s.acceptWrappedTypes().stream().map(t -> t.toLowerCase(Locale.ROOT)).noneMatch(OFFERS::contains)) {
            return Optional.empty(); // a chat session (RFC 4975) is not taken for an offer: it keeps its 488
        }
        if (s.path().isEmpty()) {
            throw SdpException.notAcceptable("no a=path, so no MSRP URI to reach the peer (RFC 4975 §8.2)");
        }
        return Optional.of(s);
    }

    private static FileStream stream(LocalEndpoint local, List<String> path, SetupRole setup) {
        int port = java.net.URI.create(path.get(path.size() - 1)).getPort();
        return new FileStream(port > 0 ? port : local.port(), local.proto(), StreamDirection.SENDRECV, null, null, null,
                null, null, null, null, path, List.of(CPIM), WRAPPED, -1, setup, null, List.of());
    }

    private static Sdp session(LocalEndpoint local, FileStream stream, RandomGenerator random) {
        String sessionId = Long.toString(1_000_000_000L + Math.floorMod(random.nextLong(), 8_000_000_000L));
        return Sdp.builder(Origin.of(local.username(), sessionId, sessionId, local.host()))
                .connection(ConnectionData.of(local.host())).replaceMedia(List.of(stream.toMedia())).build();
    }
}
