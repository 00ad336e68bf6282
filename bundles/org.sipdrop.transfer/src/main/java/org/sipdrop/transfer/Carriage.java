package org.sipdrop.transfer;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How a transport's endpoint travels in an offer, which decides how SipDrop negotiates a file
 * over it.
 * <ul>
 * <li>{@link Kind#SESSION}: a rendezvous transport whose endpoint goes into the RFC 5547 SDP of an
 * INVITE as an {@code m=message} line with the transport's own SDP protocol token (MSRP:
 * {@code TCP/MSRP}, msrps: {@code TCP/TLS/MSRP}) and its endpoint in {@code a=path}; both sides'
 * sessions run at the same time.</li>
 * <li>{@link Kind#STORAGE}: a store-and-forward transport: the sender's session stores the file and
 * its endpoint (a URL of the provider's scheme) goes into an RFC 4483 content-indirection offer
 * ({@code message/external-body}); the receiver fetches it later, while the sender waits for the
 * delivery notification.</li>
 * </ul>
 *
 * @since 0.2
 */
public final class Carriage {

    /** The two ways an endpoint travels. */
    public enum Kind {
        /** In the SDP of an INVITE (RFC 5547), both sides connected at once. */
        SESSION,
        /** As the URL of an RFC 4483 content-indirection offer, fetched later. */
        STORAGE
    }

    private static final Carriage STORAGE = new Carriage(Kind.STORAGE, null);

    private final Kind kind;
    private final String sdpProto;

    private Carriage(Kind kind, String sdpProto) {
        this.kind = kind;
        this.sdpProto = sdpProto;
    }

    /**
     * @param sdpProto the protocol token of the {@code m=} line (RFC 4566 §5.14), e.g.
     *        {@code TCP/MSRP}; visible characters without spaces. Use a token of your own (e.g.
     *        {@code TCP/X-ACME}) for a protocol that is not MSRP: peers without your transport then
     *        refuse that line with port 0, as RFC 3264 §6 says, and negotiation tries the next one.
     * @return a session carriage
     */
    public static Carriage session(String sdpProto) {
        Objects.requireNonNull(sdpProto, "sdpProto");
        if (!sdpProto.matches("[\\x21-\\x7e]{1,64}")) {
            throw new IllegalArgumentException("An SDP proto token is 1..64 visible characters without spaces: '"
                    + sdpProto + "'");
        }
        return new Carriage(Kind.SESSION, sdpProto);
    }

    /** @return the storage carriage (RFC 4483 content indirection) */
    public static Carriage storage() {
        return STORAGE;
    }

    public Kind kind() {
        return kind;
    }

    /** @return the SDP protocol token of a session carriage; empty for storage */
    public Optional<String> sdpProto() {
        return Optional.ofNullable(sdpProto);
    }

    /** @return whether this is a session carriage with {@code proto} (case-insensitive, RFC 4566 tokens) */
    public boolean carriesProto(String proto) {
        return sdpProto != null && sdpProto.equalsIgnoreCase(proto);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Carriage && ((Carriage) o).kind == kind && Objects.equals(key(sdpProto), key(((Carriage) o).sdpProto));
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Objects.hashCode(key(sdpProto));
    }

    private static String key(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return kind == Kind.STORAGE ? "storage (RFC 4483 URL)" : "session (SDP " + sdpProto + ")";
    }
}
