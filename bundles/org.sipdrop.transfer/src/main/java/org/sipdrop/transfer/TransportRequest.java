package org.sipdrop.transfer;

import java.util.Map;
import java.util.Objects;

/**
 * What a {@link TransportProvider} is asked to carry: one file offer, in one direction, with
 * one peer, over one of its schemes, from a byte offset (non-zero when resuming).
 */
public final class TransportRequest {

    private final FileOffer offer;
    private final Direction direction;
    private final String peer;
    private final String scheme;
    private final long offset;
    private final Map<String, String> parameters;

    public TransportRequest(FileOffer offer, Direction direction, String peer, String scheme,
            long offset, Map<String, String> parameters) {
        this.offer = Objects.requireNonNull(offer, "offer");
        this.direction = Objects.requireNonNull(direction, "direction");
        this.peer = Objects.requireNonNull(peer, "peer");
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        if (offset < 0 || offset > offer.size()) {
            throw new IllegalArgumentException("Offset " + offset + " is outside the file (0.." + offer.size() + ")");
        }
        this.offset = offset;
        this.parameters = Map.copyOf(parameters);
    }

    public FileOffer offer() {
        return offer;
    }

    public Direction direction() {
        return direction;
    }

    public String peer() {
        return peer;
    }

    public String scheme() {
        return scheme;
    }

    /** @return the first byte to move; bytes before it are already at the receiver */
    public long offset() {
        return offset;
    }

    /** @return transport-specific settings negotiated for this transfer (e.g. {@code setup=active}) */
    public Map<String, String> parameters() {
        return parameters;
    }
}
