package org.sipdrop.negotiation.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.sipdrop.transfer.Carriage;
import org.sipdrop.transfer.TransferService;
import org.sipdrop.transfer.TransportProvider;

/**
 * What negotiation knows of the running transports: only what each provider declares, its
 * schemes and their {@link Carriage}. No scheme is named here, so a transport bundle dropped in
 * is negotiated exactly like MSRP (session carriage, RFC 5547 SDP) or HTTP (storage carriage,
 * RFC 4483 URL).
 */
final class Transports {

    private Transports() {
    }

    /** @return the carriage of {@code scheme}'s best-ranked provider, if one runs */
    static Optional<Carriage> carriage(TransferService service, String scheme) {
        String s = scheme.toLowerCase(Locale.ROOT);
        return service.transport(s).map(p -> carriageOf(p, s));
    }

    /** @return whether a running provider sends {@code scheme} in the SDP of an INVITE */
    static boolean isSession(TransferService service, String scheme) {
        return carriage(service, scheme).map(c -> c.kind() == Carriage.Kind.SESSION).orElse(false);
    }

    /** @return whether a running provider sends {@code scheme} as an RFC 4483 URL */
    static boolean isStorage(TransferService service, String scheme) {
        return carriage(service, scheme).map(c -> c.kind() == Carriage.Kind.STORAGE).orElse(false);
    }

    /** @return the running schemes of that kind, best-ranked provider first */
    static List<String> schemes(TransferService service, Carriage.Kind kind) {
        List<String> out = new ArrayList<>();
        for (TransportProvider p : service.transports()) {
            for (String s : new java.util.TreeSet<>(p.schemes())) {
                String lower = s.toLowerCase(Locale.ROOT);
                if (!out.contains(lower) && carriageOf(p, lower).kind() == kind
                        && service.transport(lower).map(best -> best == p).orElse(false)) {
                    out.add(lower);
                }
            }
        }
        return out;
    }

    /** @return the scheme of the running session transport whose SDP proto is {@code proto} */
    static Optional<String> schemeOfProto(TransferService service, String proto) {
        for (String s : schemes(service, Carriage.Kind.SESSION)) {
            if (carriage(service, s).map(c -> c.carriesProto(proto)).orElse(false)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** @return the SDP proto of a running session transport's scheme */
    static Optional<String> protoOf(TransferService service, String scheme) {
        return carriage(service, scheme).flatMap(Carriage::sdpProto);
    }

    /** A provider that fails to say is left out rather than breaking negotiation for the others. */
    private static Carriage carriageOf(TransportProvider p, String scheme) {
        try {
            Carriage c = p.carriage(scheme);
            return c == null ? Carriage.storage() : c;
        } catch (RuntimeException e) {
            return Carriage.storage();
        }
    }
}
