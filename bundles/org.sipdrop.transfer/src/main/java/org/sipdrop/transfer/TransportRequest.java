package org.sipdrop.transfer;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link TransportProvider} is asked to carry: one file offer, in one direction, with
 * one peer, over one of its schemes, from a byte offset (non-zero when resuming).
 */
public final class TransportRequest {

    private volatile FileOffer offer;
    private final Direction direction;
    private final String peer;
    private final String scheme;
    private volatile long offset;
    private volatile Map<TransportParameter<?>, Object> parameters = Map.of();

    /**
     * A request without parameters; add them with {@link #with(TransportParameter, Object)}.
     *
     * @param peer the peer's SIP address (or addresses, comma-separated, for a storage upload to several)
     * @param offset the first byte to move, 0..size
     */
    public TransportRequest(FileOffer offer, Direction direction, String peer, String scheme, long offset) {
        this.offer = Objects.requireNonNull(offer, "offer");
        this.direction = Objects.requireNonNull(direction, "direction");
        this.peer = Objects.requireNonNull(peer, "peer");
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        if (offset < 0 || offset > offer.size()) {
            throw new IllegalArgumentException("Offset " + offset + " is outside the file (0.." + offer.size() + ")");
        }
        this.offset = offset;
    }

    /**
     * Sets a parameter before the request is opened.
     *
     * @return this request
     * @since 0.2
     */
    public <T> TransportRequest with(TransportParameter<T> parameter, T value) {
        settle(parameter, value);
        return this;
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

    /**
     * Moves the first byte forward to where the answer's {@code a=file-range} starts (RFC 5547
     * §6, §8.3): an offerer opens its session, to put its endpoint into the offer, before the
     * answer tells how much of the file the receiver already holds. Call it before
     * {@link TransportSession#send} or {@link TransportSession#receive}; providers read
     * {@link #offset()} when bytes start to move.
     *
     * @throws IllegalArgumentException when {@code start} lies before the current offset or
     *         after the end of the file
     * @since 0.1 (added with resume; the package is not released yet)
     */
    public void resumeAt(long start) {
        if (start < offset || start > offer.size()) {
            throw new IllegalArgumentException("Cannot resume at " + start + ": the range starts at " + offset
                    + " and the file has " + offer.size() + " bytes");
        }
        this.offset = start;
    }

    /**
     * Replaces the requested file's description with the one the holder answered a pull with
     * (RFC 5547 §8.3.2: its own file-selector, size and hash included): a requester that asked
     * for a file by name alone learns its size only then, after its session was opened to put
     * its endpoint into the offer. Call it before {@link TransportSession#receive}; providers
     * read {@link #offer()} when bytes start to move.
     *
     * @throws IllegalStateException unless this is an incoming request from the first byte
     * @since 0.1 (added with pull by name; the package is not released yet)
     */
    public void describe(FileOffer answered) {
        if (direction != Direction.INCOMING || offset != 0) {
            throw new IllegalStateException("Only an incoming request from the first byte takes the holder's description");
        }
        this.offer = Objects.requireNonNull(answered, "answered");
    }

    /**
     * Sets a parameter to the value the answer settled: an offerer opens its session, to put its
     * endpoint into the offer, before the answer tells e.g. which side opens the connection (an
     * MSRP offer says {@code setup=actpass}; the answer decides, RFC 6135 §4.2.2, RFC 4145 §4.1).
     * Call it before {@link TransportSession#send} or {@link TransportSession#receive};
     * providers read {@link #get} when bytes start to move.
     *
     * @since 0.2
     */
    public <T> void settle(TransportParameter<T> parameter, T value) {
        Objects.requireNonNull(parameter, "parameter");
        T checked = parameter.cast(value);
        Map<TransportParameter<?>, Object> settled = new HashMap<>(parameters);
        settled.put(parameter, checked);
        this.parameters = Map.copyOf(settled);
    }

    /**
     * @return the parameter's value, when the engine set it
     * @since 0.2
     */
    public <T> Optional<T> get(TransportParameter<T> parameter) {
        Object v = parameters.get(parameter);
        return v == null ? Optional.empty() : Optional.of(parameter.cast(v));
    }

    @Override
    public String toString() {
        return direction + " " + scheme + " " + offer.name() + " with " + peer + " from " + offset + " " + parameters;
    }
}
