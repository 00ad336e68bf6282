package org.sipdrop.negotiation.internal.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A session description (RFC 4566 §5): the session-level lines and zero or more
 * {@link MediaDescription}s. Immutable; {@link SdpParser} reads one, {@link SdpWriter} writes one.
 * <p>
 * Every value is checked not to contain CR, LF or NUL, so no text put into the model can start a
 * line of its own on the wire.
 */
public final class Sdp {

    private final Origin origin;
    private final String sessionName;
    private final String information;
    private final ConnectionData connection;
    private final List<Field> timing;
    private final List<Field> extraFields;
    private final List<Attribute> attributes;
    private final List<MediaDescription> media;

    private Sdp(Builder b) {
        this.origin = Objects.requireNonNull(b.origin, "o= origin");
        this.sessionName = requireLineSafe(Objects.requireNonNull(b.sessionName, "s= session name"), "s= value");
        this.information = b.information == null ? null : requireLineSafe(b.information, "i= value");
        this.connection = b.connection;
        this.timing = b.timing.isEmpty() ? List.of(new Field('t', "0 0")) : List.copyOf(b.timing);
        for (Field f : timing) {
            if (f.type() != 't' && f.type() != 'r') {
                throw new IllegalArgumentException("Timing holds t= and r= lines only, got " + f);
            }
        }
        if (timing.get(0).type() != 't') {
            throw new IllegalArgumentException("An r= line follows a t= line (RFC 4566 §5.10)");
        }
        for (Field f : b.extraFields) {
            if ("uepbzk".indexOf(f.type()) < 0) {
                throw new IllegalArgumentException("Only u=, e=, p=, b=, z= and k= are kept verbatim at session level, got " + f);
            }
        }
        this.extraFields = List.copyOf(b.extraFields);
        this.attributes = List.copyOf(b.attributes);
        this.media = List.copyOf(b.media);
    }

    /** @return a builder; s= defaults to {@code -} and t= to {@code 0 0} (RFC 4566 §5.3, §5.9) */
    public static Builder builder(Origin origin) {
        return new Builder(origin);
    }

    /** @return a builder holding every line of this description */
    public Builder toBuilder() {
        Builder b = new Builder(origin).sessionName(sessionName).information(information).connection(connection);
        b.timing.addAll(timing);
        b.extraFields.addAll(extraFields);
        b.attributes.addAll(attributes);
        b.media.addAll(media);
        return b;
    }

    public Origin origin() {
        return origin;
    }

    public String sessionName() {
        return sessionName;
    }

    /** @return the session-level i= text, if any */
    public Optional<String> information() {
        return Optional.ofNullable(information);
    }

    /** @return the session-level c= line, if any */
    public Optional<ConnectionData> connection() {
        return Optional.ofNullable(connection);
    }

    /** @return the t= and r= lines in order */
    public List<Field> timing() {
        return timing;
    }

    /** @return u=, e=, p=, b=, z=, k= lines, verbatim */
    public List<Field> extraFields() {
        return extraFields;
    }

    /** @return the session-level a= lines in order */
    public List<Attribute> attributes() {
        return attributes;
    }

    /** @return whether a session-level attribute called {@code name} is present */
    public boolean hasAttribute(String name) {
        return attributes.stream().anyMatch(a -> a.name().equals(name));
    }

    public List<MediaDescription> media() {
        return media;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sdp && SdpWriter.write((Sdp) o).equals(SdpWriter.write(this));
    }

    @Override
    public int hashCode() {
        return SdpWriter.write(this).hashCode();
    }

    @Override
    public String toString() {
        return SdpWriter.write(this);
    }

    /**
     * RFC 4566 §9: a text or byte-string value never holds NUL, CR or LF. Checked on every value
     * so that nothing put into the model can inject an SDP line.
     *
     * @return {@code value}
     */
    static String requireLineSafe(String value, String what) {
        Objects.requireNonNull(value, what);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException(what + " must not contain CR, LF or NUL (RFC 4566 §9): "
                        + SdpException.quote(value));
            }
        }
        return value;
    }

    /** Collects the lines of a session description. */
    public static final class Builder {
        private final Origin origin;
        private String sessionName = "-";
        private String information;
        private ConnectionData connection;
        private final List<Field> timing = new ArrayList<>();
        private final List<Field> extraFields = new ArrayList<>();
        private final List<Attribute> attributes = new ArrayList<>();
        private final List<MediaDescription> media = new ArrayList<>();

        private Builder(Origin origin) {
            this.origin = origin;
        }

        public Builder sessionName(String name) {
            this.sessionName = name;
            return this;
        }

        public Builder information(String text) {
            this.information = text;
            return this;
        }

        public Builder connection(ConnectionData value) {
            this.connection = value;
            return this;
        }

        /** Adds a t= or r= line (the first one replaces the default {@code t=0 0}). */
        public Builder timing(Field field) {
            timing.add(field);
            return this;
        }

        public Builder extraField(Field field) {
            extraFields.add(field);
            return this;
        }

        public Builder attribute(Attribute attribute) {
            attributes.add(Objects.requireNonNull(attribute, "attribute"));
            return this;
        }

        public Builder media(MediaDescription m) {
            media.add(Objects.requireNonNull(m, "media"));
            return this;
        }

        /** Replaces all media descriptions. */
        public Builder replaceMedia(List<MediaDescription> all) {
            media.clear();
            all.forEach(this::media);
            return this;
        }

        public Sdp build() {
            return new Sdp(this);
        }
    }
}
