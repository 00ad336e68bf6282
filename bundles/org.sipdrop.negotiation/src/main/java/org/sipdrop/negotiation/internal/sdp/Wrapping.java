package org.sipdrop.negotiation.internal.sdp;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a file goes to a peer, by the types its SDP accepts (RFC 4975 §8.6): as it is, with its
 * own Content-Type, when a=accept-types lists the type (or {@code *}, or its {@code type/*});
 * else wrapped in message/cpim (RFC 3862, the wrapper MSRP mandates, RFC 5547 §8.7) when
 * accept-types lists message/cpim and the file's type is accepted inside it (a=accept-wrapped-types,
 * or accept-types, whose types may also be wrapped); else not at all: "An MSRP endpoint MUST NOT
 * send content of a type not signaled by the peer in either an accept-types or an
 * accept-wrapped-types attribute" (§8.6). RFC 5547 §9.1's answer (Fig. 9) accepts only
 * message/cpim, with {@code *} wrapped.
 */
public enum Wrapping {
    /** The file's octets are the MSRP message. */
    RAW,
    /** The file is the payload of a message/cpim message. */
    CPIM;

    /** The wrapper's media type (RFC 3862 §2.1). */
    public static final String CPIM_TYPE = "message/cpim";

    /**
     * @param fileType the file's media type
     * @param peer the peer's stream: its accept-types (none given is taken as {@code *}: a
     *        peer that omits the mandatory attribute is not held to a list it did not send) and
     *        accept-wrapped-types
     * @return how to send it, or empty when the peer accepts it in no way
     */
    public static Optional<Wrapping> choose(String fileType, FileStream peer) {
        List<String> accepted = peer.acceptTypes().isEmpty() ? List.of("*") : peer.acceptTypes();
        if (matches(fileType, accepted)) {
            return Optional.of(RAW);
        }
        if (matches(CPIM_TYPE, accepted) && matches(fileType, peer.acceptWrappedTypes())) {
            return Optional.of(CPIM);
        }
        return Optional.empty();
    }

    /** @return whether {@code type} is in {@code list}, explicitly, as {@code type/*}, or by {@code *} (RFC 4975 §8.6) */
    static boolean matches(String type, List<String> list) {
        String t = bare(type);
        String major = t.contains("/") ? t.substring(0, t.indexOf('/')) : t;
        for (String entry : list) {
            String e = bare(entry);
            if (e.equals("*") || e.equals(t) || e.equals(major + "/*")) {
                return true;
            }
        }
        return false;
    }

    private static String bare(String type) {
        int semi = type.indexOf(';');
        return (semi < 0 ? type : type.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }
}
