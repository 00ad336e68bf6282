package org.sipdrop.negotiation.internal.sdp;

import java.util.List;
import java.util.Objects;

/**
 * This endpoint as its offers and answers describe it: the o= user name, the host for o=, c= and
 * the a=path URIs, the MSRP listening port, TLS or not, the media types it accepts.
 *
 * @param acceptTypes the a=accept-types list (RFC 4975 §8.6); {@code *} accepts any file type
 */
public record LocalEndpoint(String username, String host, int port, String proto, List<String> acceptTypes) {

    public LocalEndpoint {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(proto, "proto");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("MSRP port must be 1..65535, was " + port);
        }
        acceptTypes = List.copyOf(acceptTypes);
        if (acceptTypes.isEmpty()) {
            throw new IllegalArgumentException("a=accept-types needs at least one type (RFC 4975 §8.6)");
        }
    }

    /** @return an endpoint that accepts any type */
    public static LocalEndpoint of(String username, String host, int port, boolean tls) {
        return of(username, host, port, tls ? MediaDescription.PROTO_MSRP_TLS : MediaDescription.PROTO_MSRP);
    }

    /** @return an endpoint of the session transport with SDP proto {@code proto} that accepts any type */
    public static LocalEndpoint of(String username, String host, int port, String proto) {
        return new LocalEndpoint(username, host, port, proto, List.of("*"));
    }

    /** @return whether this is MSRP over TLS */
    public boolean tls() {
        return MediaDescription.PROTO_MSRP_TLS.equalsIgnoreCase(proto);
    }

    /** @return an MSRP URI for a new session on this endpoint (RFC 4975 §6: msrp[s]://host:port/id;tcp) */
    String pathFor(String sessionId, boolean secure) {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return (secure ? "msrps" : "msrp") + "://" + h + ":" + port + "/" + sessionId + ";tcp";
    }
}
