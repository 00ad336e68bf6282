package org.sipdrop.transfer.internal.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import org.sipdrop.transfer.AcceptancePolicy;
import org.sipdrop.transfer.Decision;
import org.sipdrop.transfer.FileOffer;

/**
 * The receiver's policy as the user configures it: a {@link Mode}, a size limit and allowed or
 * denied media types.
 * <p>
 * Rule order: the limits come first, whatever the mode, so that even a trusted sender cannot
 * push a file over the limit and the user is never asked about a file that would be refused
 * anyway:
 * <ol>
 * <li>size over {@code maxSize}: reject with 488 Not Acceptable Here (RFC 3261 §21.4.26), the
 * reason naming both sizes;</li>
 * <li>a type matching a denied pattern: 488;</li>
 * <li>allowed patterns given and none matches: 488;</li>
 * <li>then the mode: {@code ALL} accepts, {@code NONE} rejects with 603 Decline (RFC 3261
 * §21.6.2), {@code ASK} asks the user, {@code FROM} accepts from the listed senders and, for
 * anybody else, asks or declines (603) as configured.</li>
 * </ol>
 * Immutable and thread-safe. Reason phrases never repeat the sender's address, which came from
 * the network: they go back into a SIP status line.
 */
public final class ConfiguredAcceptancePolicy implements AcceptancePolicy {

    /** What to do with an offer that passes the limits. */
    public enum Mode {
        /** Ask the user every time. */
        ASK,
        /** Accept everything within the limits. */
        ALL,
        /** Decline everything. */
        NONE,
        /** Accept from the listed senders only. */
        FROM
    }

    /** Reason for {@link Mode#NONE} and for unlisted senders in {@link Mode#FROM}. */
    static final String NOT_ACCEPTING = "Not accepting files";

    private final Mode mode;
    private final List<SenderPattern> senders;
    private final boolean askOthers;
    private final long maxSize;
    private final List<MediaRange> allowed;
    private final List<MediaRange> denied;

    private ConfiguredAcceptancePolicy(Builder b) {
        this.mode = b.mode;
        this.senders = List.copyOf(b.senders);
        this.askOthers = b.askOthers;
        this.maxSize = b.maxSize;
        this.allowed = List.copyOf(b.allowed);
        this.denied = List.copyOf(b.denied);
        if (mode == Mode.FROM && senders.isEmpty()) {
            throw new IllegalArgumentException("Mode FROM needs at least one sender, e.g. from:alice,bob@example.com");
        }
    }

    /** @return a builder for a policy in {@code mode}, without limits */
    public static Builder builder(Mode mode) {
        return new Builder(mode);
    }

    @Override
    public Decision decide(String sender, FileOffer offer) {
        Objects.requireNonNull(offer, "offer");
        if (maxSize >= 0 && offer.size() > maxSize) {
            return Decision.reject(Decision.NOT_ACCEPTABLE_HERE,
                    "File too large: " + ByteSizes.format(offer.size()) + ", limit " + ByteSizes.format(maxSize));
        }
        String type = offer.mediaType();
        if (denied.stream().anyMatch(r -> r.matches(type))) {
            return Decision.reject(Decision.NOT_ACCEPTABLE_HERE, "File type not accepted: " + type);
        }
        if (!allowed.isEmpty() && allowed.stream().noneMatch(r -> r.matches(type))) {
            return Decision.reject(Decision.NOT_ACCEPTABLE_HERE, "File type not accepted: " + type
                    + "; accepted: " + allowed.stream().map(Object::toString).collect(Collectors.joining(", ")));
        }
        switch (mode) {
        case ALL:
            return Decision.accept();
        case NONE:
            return Decision.reject(Decision.DECLINE, NOT_ACCEPTING);
        case ASK:
            return Decision.ask();
        case FROM:
            if (senders.stream().anyMatch(s -> s.matches(sender))) {
                return Decision.accept();
            }
            return askOthers ? Decision.ask() : Decision.reject(Decision.DECLINE, NOT_ACCEPTING);
        default:
            throw new IllegalStateException("Unknown mode " + mode);
        }
    }

    public Mode mode() {
        return mode;
    }

    @Override
    public String toString() {
        return "AcceptancePolicy[" + mode.name().toLowerCase(java.util.Locale.ROOT)
                + (senders.isEmpty() ? "" : ":" + senders.stream().map(Object::toString).collect(Collectors.joining(",")))
                + (maxSize >= 0 ? ", max " + ByteSizes.format(maxSize) : "")
                + (allowed.isEmpty() ? "" : ", allow " + allowed) + (denied.isEmpty() ? "" : ", deny " + denied) + "]";
    }

    /** Builds a {@link ConfiguredAcceptancePolicy}. */
    public static final class Builder {
        private Mode mode;
        private final List<SenderPattern> senders = new ArrayList<>();
        private boolean askOthers;
        private long maxSize = -1;
        private final List<MediaRange> allowed = new ArrayList<>();
        private final List<MediaRange> denied = new ArrayList<>();

        private Builder(Mode mode) {
            mode(mode);
        }

        public Builder mode(Mode m) {
            this.mode = Objects.requireNonNull(m, "mode");
            return this;
        }

        /** Adds trusted senders for {@link Mode#FROM}. */
        public Builder senders(List<SenderPattern> list) {
            senders.addAll(list);
            return this;
        }

        /** In {@link Mode#FROM}: ask about other senders instead of declining them (the default). */
        public Builder askOthers(boolean ask) {
            this.askOthers = ask;
            return this;
        }

        /** @param bytes the largest file accepted; -1 for no limit */
        public Builder maxSize(long bytes) {
            if (bytes < -1) {
                throw new IllegalArgumentException("A size limit is 0 bytes or more (-1: none), was " + bytes);
            }
            this.maxSize = bytes;
            return this;
        }

        /** Only these types are accepted (when at least one is given). */
        public Builder allow(MediaRange... ranges) {
            allowed.addAll(List.of(ranges));
            return this;
        }

        /** These types are refused, even from trusted senders. */
        public Builder deny(MediaRange... ranges) {
            denied.addAll(List.of(ranges));
            return this;
        }

        public ConfiguredAcceptancePolicy build() {
            return new ConfiguredAcceptancePolicy(this);
        }
    }
}
