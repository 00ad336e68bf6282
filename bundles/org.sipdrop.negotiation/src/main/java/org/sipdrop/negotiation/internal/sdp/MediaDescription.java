package org.sipdrop.negotiation.internal.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One media description (RFC 4566 §5.14): the {@code m=} line and the {@code i=}, {@code c=},
 * {@code b=}, {@code k=} and {@code a=} lines that follow it, in that order. Immutable.
 */
public final class MediaDescription {

    /** RFC 4975 §8.1: MSRP over TCP. */
    public static final String PROTO_MSRP = "TCP/MSRP";
    /** RFC 4975 §8.1: MSRP over TLS. */
    public static final String PROTO_MSRP_TLS = "TCP/TLS/MSRP";
    /** RFC 4975 §8.1: MSRP streams are media type {@code message}. */
    public static final String MEDIA_MESSAGE = "message";

    private final String media;
    private final int port;
    private final int portCount;
    private final String proto;
    private final List<String> formats;
    private final String information;
    private final ConnectionData connection;
    private final List<Field> extraFields;
    private final List<Attribute> attributes;

    private MediaDescription(Builder b) {
        if (!Tokens.isToken(b.media)) {
            throw new IllegalArgumentException("m= media is a token (RFC 4566 §5.14), got " + b.media);
        }
        if (b.port < 0 || b.port > 65535) {
            throw new IllegalArgumentException("m= port must be 0..65535 (RFC 4566 §5.14), got " + b.port);
        }
        if (b.proto == null || b.proto.isEmpty() || !b.proto.chars().allMatch(c -> c == '/' || Tokens.isTokenChar((char) c))) {
            throw new IllegalArgumentException("m= proto is token *(\"/\" token) (RFC 4566 §9), got " + b.proto);
        }
        if (b.formats.isEmpty() || !b.formats.stream().allMatch(Tokens::isToken)) {
            throw new IllegalArgumentException("m= needs one or more format tokens (RFC 4566 §5.14), got " + b.formats);
        }
        for (Field f : b.extraFields) {
            if (f.type() != 'b' && f.type() != 'k') {
                throw new IllegalArgumentException("Only b= and k= are kept verbatim in a media description, got " + f);
            }
        }
        this.media = b.media;
        this.port = b.port;
        this.portCount = b.portCount;
        this.proto = b.proto;
        this.formats = List.copyOf(b.formats);
        this.information = b.information == null ? null : Sdp.requireLineSafe(b.information, "i= value");
        this.connection = b.connection;
        this.extraFields = List.copyOf(b.extraFields);
        this.attributes = List.copyOf(b.attributes);
    }

    /** @return a builder for {@code m=<media> <port> <proto> <formats>} */
    public static Builder builder(String media, int port, String proto, String... formats) {
        return new Builder(media, port, proto, List.of(formats));
    }

    /** @return a builder holding every line of this media description */
    public Builder toBuilder() {
        Builder b = new Builder(media, port, proto, formats);
        b.portCount = portCount;
        b.information = information;
        b.connection = connection;
        b.extraFields.addAll(extraFields);
        b.attributes.addAll(attributes);
        return b;
    }

    public String media() {
        return media;
    }

    /** @return the port; 0 means the stream is rejected or disabled (RFC 3264 §6, §8.2) */
    public int port() {
        return port;
    }

    /** @return the number of ports after {@code /}, or 0 when the m= line has none */
    public int portCount() {
        return portCount;
    }

    public String proto() {
        return proto;
    }

    public List<String> formats() {
        return formats;
    }

    /** @return the media title (i=), if any */
    public Optional<String> information() {
        return Optional.ofNullable(information);
    }

    /** @return the media-level c= line, if any */
    public Optional<ConnectionData> connection() {
        return Optional.ofNullable(connection);
    }

    /** @return b= and k= lines, verbatim */
    public List<Field> extraFields() {
        return extraFields;
    }

    /** @return every a= line in order */
    public List<Attribute> attributes() {
        return attributes;
    }

    /** @return the value of the first attribute called {@code name}; empty if absent or without value */
    public Optional<String> attribute(String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).map(Attribute::value)
                .filter(Objects::nonNull).findFirst();
    }

    /** @return whether an attribute called {@code name} is present, with or without value */
    public boolean hasAttribute(String name) {
        return attributes.stream().anyMatch(a -> a.name().equals(name));
    }

    /** @return how many attributes are called {@code name} */
    public long countAttribute(String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).count();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MediaDescription && SdpWriter.writeMedia((MediaDescription) o).equals(SdpWriter.writeMedia(this));
    }

    @Override
    public int hashCode() {
        return SdpWriter.writeMedia(this).hashCode();
    }

    @Override
    public String toString() {
        return SdpWriter.writeMedia(this);
    }

    /** Collects the lines of one media description. */
    public static final class Builder {
        private final String media;
        private int port;
        private int portCount;
        private final String proto;
        private final List<String> formats;
        private String information;
        private ConnectionData connection;
        private final List<Field> extraFields = new ArrayList<>();
        private final List<Attribute> attributes = new ArrayList<>();

        private Builder(String media, int port, String proto, List<String> formats) {
            this.media = media;
            this.port = port;
            this.proto = proto;
            this.formats = List.copyOf(formats);
        }

        public Builder port(int value) {
            this.port = value;
            return this;
        }

        public Builder portCount(int value) {
            this.portCount = value;
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

        public Builder extraField(Field field) {
            extraFields.add(field);
            return this;
        }

        public Builder attribute(Attribute attribute) {
            attributes.add(Objects.requireNonNull(attribute, "attribute"));
            return this;
        }

        /** Adds {@code a=name:value}, or nothing when {@code value} is null. */
        public Builder attribute(String name, Object value) {
            return value == null ? this : attribute(new Attribute(name, value.toString()));
        }

        public Builder flag(String name) {
            return attribute(Attribute.flag(name));
        }

        /** Removes every attribute, e.g. for a rejected stream in an answer. */
        public Builder clearAttributes() {
            attributes.clear();
            return this;
        }

        public MediaDescription build() {
            return new MediaDescription(this);
        }
    }
}
