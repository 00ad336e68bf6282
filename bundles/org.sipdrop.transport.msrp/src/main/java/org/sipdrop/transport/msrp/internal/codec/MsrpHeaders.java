package org.sipdrop.transport.msrp.internal.codec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The header fields of an MSRP request or response, in wire order: To-Path and From-Path first
 * (RFC 4975 §9), then every other field in the order received or added. Known fields are
 * validated when added; extension fields ({@code ext-header}, RFC 4975 §9) are kept verbatim.
 * Immutable; build with {@link #builder(List, List)}.
 */
public final class MsrpHeaders {

    /** {@code To-Path} (RFC 4975 §9). */
    public static final String TO_PATH = "To-Path";
    /** {@code From-Path} (RFC 4975 §9). */
    public static final String FROM_PATH = "From-Path";
    /** {@code Message-ID} (RFC 4975 §9). */
    public static final String MESSAGE_ID = "Message-ID";
    /** {@code Byte-Range} (RFC 4975 §9). */
    public static final String BYTE_RANGE = "Byte-Range";
    /** {@code Success-Report} (RFC 4975 §9). */
    public static final String SUCCESS_REPORT = "Success-Report";
    /** {@code Failure-Report} (RFC 4975 §9). */
    public static final String FAILURE_REPORT = "Failure-Report";
    /** {@code Status} (RFC 4975 §9). */
    public static final String STATUS = "Status";
    /** {@code Content-Type} (RFC 4975 §9). */
    public static final String CONTENT_TYPE = "Content-Type";
    /** {@code Use-Path} (RFC 4976 §6). */
    public static final String USE_PATH = "Use-Path";
    /** {@code Expires} (RFC 4976 §6). */
    public static final String EXPIRES = "Expires";
    /** {@code Min-Expires} (RFC 4976 §6). */
    public static final String MIN_EXPIRES = "Min-Expires";
    /** {@code Max-Expires} (RFC 4976 §6). */
    public static final String MAX_EXPIRES = "Max-Expires";

    /** One header field as it appears on the wire. */
    public record Field(String name, String value) {
        /** Checks the name and value against RFC 4975 §9 {@code ext-header}. */
        public Field {
            if (!Syntax.isHeaderName(name)) {
                throw new IllegalArgumentException("Malformed header name '" + name + "'");
            }
            if (!Syntax.isUtf8Text(value)) {
                throw new IllegalArgumentException("Header " + name + " contains control characters");
            }
        }
    }

    private final List<MsrpUri> toPath;
    private final List<MsrpUri> fromPath;
    private final List<Field> fields;

    private MsrpHeaders(List<MsrpUri> toPath, List<MsrpUri> fromPath, List<Field> fields) {
        this.toPath = toPath;
        this.fromPath = fromPath;
        this.fields = fields;
    }

    /**
     * @param toPath destination path, at least one URI
     * @param fromPath source path, at least one URI
     * @return a builder for the remaining fields
     */
    public static Builder builder(List<MsrpUri> toPath, List<MsrpUri> fromPath) {
        return new Builder(toPath, fromPath);
    }

    /** @return the To-Path URIs, next hop first (RFC 4975 §5.2) */
    public List<MsrpUri> toPath() {
        return toPath;
    }

    /** @return the From-Path URIs, previous hop first (RFC 4975 §5.2) */
    public List<MsrpUri> fromPath() {
        return fromPath;
    }

    /** @return every field except To-Path and From-Path, in wire order */
    public List<Field> fields() {
        return fields;
    }

    /**
     * @param name a header name, compared case-insensitively
     * @return the value of the first field with that name
     */
    public Optional<String> first(String name) {
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                return Optional.of(f.value());
            }
        }
        return Optional.empty();
    }

    /** @return the Message-ID (RFC 4975 §7.1.1) */
    public Optional<String> messageId() {
        return first(MESSAGE_ID);
    }

    /** @return the Byte-Range (RFC 4975 §7.1.1) */
    public Optional<ByteRange> byteRange() {
        return first(BYTE_RANGE).map(ByteRange::parse);
    }

    /** @return the Success-Report value; absent means {@code no} (RFC 4975 §7.1.1) */
    public Optional<SuccessReport> successReport() {
        return first(SUCCESS_REPORT).map(SuccessReport::parse);
    }

    /** @return the Failure-Report value; absent means {@code yes} (RFC 4975 §7.1.1) */
    public Optional<FailureReport> failureReport() {
        return first(FAILURE_REPORT).map(FailureReport::parse);
    }

    /** @return the Status of a REPORT (RFC 4975 §7.1.2) */
    public Optional<StatusHeader> status() {
        return first(STATUS).map(StatusHeader::parse);
    }

    /** @return the Content-Type of the body (RFC 4975 §9) */
    public Optional<String> contentType() {
        return first(CONTENT_TYPE);
    }

    /** @return the Use-Path a relay granted in a 200 to AUTH (RFC 4976 §6) */
    public Optional<List<MsrpUri>> usePath() {
        return first(USE_PATH).map(v -> MsrpUri.parsePath(v, Integer.MAX_VALUE));
    }

    /** @return the Expires seconds (RFC 4976 §6) */
    public OptionalLong expires() {
        return seconds(EXPIRES);
    }

    /** @return the Min-Expires seconds (RFC 4976 §6) */
    public OptionalLong minExpires() {
        return seconds(MIN_EXPIRES);
    }

    /** @return the Max-Expires seconds (RFC 4976 §6) */
    public OptionalLong maxExpires() {
        return seconds(MAX_EXPIRES);
    }

    private OptionalLong seconds(String name) {
        Optional<String> v = first(name);
        return v.isPresent() ? OptionalLong.of(Long.parseLong(v.get())) : OptionalLong.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MsrpHeaders && ((MsrpHeaders) o).toPath.equals(toPath)
                && ((MsrpHeaders) o).fromPath.equals(fromPath) && ((MsrpHeaders) o).fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(toPath, fromPath, fields);
    }

    @Override
    public String toString() {
        return "To-Path: " + MsrpUri.formatPath(toPath) + ", From-Path: " + MsrpUri.formatPath(fromPath) + ", "
                + fields;
    }

    /** Collects and validates header fields. */
    public static final class Builder {

        private final List<MsrpUri> toPath;
        private final List<MsrpUri> fromPath;
        private final List<Field> fields = new ArrayList<>();

        private Builder(List<MsrpUri> toPath, List<MsrpUri> fromPath) {
            if (toPath == null || toPath.isEmpty() || fromPath == null || fromPath.isEmpty()) {
                throw new IllegalArgumentException("To-Path and From-Path need at least one URI each (RFC 4975 §9)");
            }
            this.toPath = List.copyOf(toPath);
            this.fromPath = List.copyOf(fromPath);
        }

        /**
         * Adds a field, validating known ones (RFC 4975 §9, RFC 4976 §6).
         *
         * @param name header name
         * @param value header value
         * @return this builder
         * @throws IllegalArgumentException if the field is malformed, a second To-Path/From-Path,
         *         or a repeated single-valued field
         */
        public Builder add(String name, String value) {
            Field field = new Field(name, value);
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("to-path") || lower.equals("from-path")) {
                throw new IllegalArgumentException(name + " may appear only once, as the first two fields (RFC 4975 §9)");
            }
            if (KnownHeaders.isSingle(lower) && fields.stream().anyMatch(f -> f.name().equalsIgnoreCase(name))) {
                throw new IllegalArgumentException("Header " + name + " appears more than once");
            }
            KnownHeaders.validate(lower, value);
            fields.add(field);
            return this;
        }

        /** @return this builder, with {@code Message-ID} set (RFC 4975 §7.1.1) */
        public Builder messageId(String id) {
            return add(MESSAGE_ID, id);
        }

        /** @return this builder, with {@code Byte-Range} set (RFC 4975 §7.1.1) */
        public Builder byteRange(ByteRange range) {
            return add(BYTE_RANGE, range.toString());
        }

        /** @return this builder, with {@code Success-Report} set (RFC 4975 §7.1.1) */
        public Builder successReport(SuccessReport value) {
            return add(SUCCESS_REPORT, value.wireValue());
        }

        /** @return this builder, with {@code Failure-Report} set (RFC 4975 §7.1.1) */
        public Builder failureReport(FailureReport value) {
            return add(FAILURE_REPORT, value.wireValue());
        }

        /** @return this builder, with {@code Status} set (RFC 4975 §7.1.2) */
        public Builder status(StatusHeader status) {
            return add(STATUS, status.toString());
        }

        /** @return this builder, with {@code Content-Type} set (RFC 4975 §9) */
        public Builder contentType(String mediaType) {
            return add(CONTENT_TYPE, mediaType);
        }

        /** @return the number of fields added so far (To-Path and From-Path not counted) */
        public int size() {
            return fields.size();
        }

        /** @return the immutable headers */
        public MsrpHeaders build() {
            return new MsrpHeaders(toPath, fromPath, Collections.unmodifiableList(new ArrayList<>(fields)));
        }
    }
}
