package org.sipdrop.transfer;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * Where a transport session is reached: its own URI, and the intermediaries in front of it when
 * there are any (an MSRP relay's path, RFC 4976 §5, advertised as SDP {@code a=path}, RFC 4975
 * §8.1), in the order a sender uses them, the endpoint's own URI last. For a storage transport,
 * the URL of the stored file.
 *
 * @since 0.2
 */
public final class TransportEndpoint {

    private final List<URI> path;

    private TransportEndpoint(List<URI> path) {
        if (path.isEmpty()) {
            throw new IllegalArgumentException("An endpoint has at least its own URI");
        }
        this.path = List.copyOf(path);
    }

    /** @return an endpoint reached directly */
    public static TransportEndpoint of(URI uri) {
        return new TransportEndpoint(List.of(Objects.requireNonNull(uri, "uri")));
    }

    /** @return an endpoint reached through {@code path}, its own URI last */
    public static TransportEndpoint via(List<URI> path) {
        return new TransportEndpoint(path);
    }

    /** @return the endpoint's own URI (the last hop) */
    public URI uri() {
        return path.get(path.size() - 1);
    }

    /** @return every hop, the endpoint's own URI last; one element when reached directly */
    public List<URI> path() {
        return path;
    }

    /** @return the URI's scheme in lower case */
    public String scheme() {
        return String.valueOf(uri().getScheme()).toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransportEndpoint && ((TransportEndpoint) o).path.equals(path);
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }

    @Override
    public String toString() {
        return path.size() == 1 ? uri().toString() : path.toString();
    }
}
