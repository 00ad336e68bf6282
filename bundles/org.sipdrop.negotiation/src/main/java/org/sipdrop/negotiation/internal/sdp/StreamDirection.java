package org.sipdrop.negotiation.internal.sdp;

import java.util.Optional;

/**
 * The direction attributes of RFC 4566 §6 as RFC 5547 uses them: a file sender offers
 * {@code sendonly} (push, RFC 5547 §8.2.1), a file receiver offers {@code recvonly} (pull,
 * RFC 5547 §8.2.2), and the answer mirrors the offer (RFC 3264 §6.1).
 */
public enum StreamDirection {
    SENDONLY, RECVONLY, SENDRECV, INACTIVE;

    /** @return the attribute name, e.g. {@code sendonly} */
    public String attributeName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** @return the direction an answer must carry for an offer of this direction (RFC 3264 §6.1) */
    public StreamDirection mirror() {
        return switch (this) {
            case SENDONLY -> RECVONLY;
            case RECVONLY -> SENDONLY;
            default -> this;
        };
    }

    /**
     * @return the direction of {@code media}: its own attribute, else the session-level one, else
     *         {@code sendrecv} (RFC 4566 §6: the default when none is given)
     * @throws SdpException 400 when a level has more than one direction attribute
     */
    public static StreamDirection of(MediaDescription media, Sdp session) throws SdpException {
        Optional<StreamDirection> own = find(media.attributes(), "media description");
        if (own.isPresent()) {
            return own.get();
        }
        return find(session.attributes(), "session description").orElse(SENDRECV);
    }

    private static Optional<StreamDirection> find(java.util.List<Attribute> attributes, String where) throws SdpException {
        StreamDirection found = null;
        for (Attribute a : attributes) {
            for (StreamDirection d : values()) {
                if (a.name().equals(d.attributeName())) {
                    if (found != null) {
                        throw SdpException.malformed("more than one direction attribute in a " + where + " (RFC 4566 §6)");
                    }
                    found = d;
                }
            }
        }
        return Optional.ofNullable(found);
    }
}
