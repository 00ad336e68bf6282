package org.sipdrop.negotiation.internal.pagemode;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An ordered, immutable block of header fields as found at the top of a MIME entity (RFC 2045
 * §3), a multipart body part (RFC 2046 §5.1.1) or a CPIM message (RFC 3862 §3).
 * <p>
 * Formatting refuses any value holding CR, LF or another control character, so data that ends
 * up in a value (a file name, a description) can never start a header of its own. Parsing
 * unfolds continuation lines (RFC 5322 §2.2.3) and bounds the number and size of fields.
 */
public final class MimeHeaders {

    /** Most fields accepted in one block. */
    public static final int MAX_FIELDS = 64;

    /** Largest block accepted, in characters (RFC 5322 §2.1.1 caps a line at 998). */
    public static final int MAX_BLOCK_CHARS = 16 * 1024;

    /** Line length that folding keeps to, RFC 5322 §2.1.1 ("SHOULD be no more than 78 characters"). */
    static final int FOLD_AT = 78;

    private static final byte[] CRLFCRLF = {'\r', '\n', '\r', '\n'};

    private final List<Field> fields;

    private MimeHeaders(List<Field> fields) {
        this.fields = List.copyOf(fields);
    }

    /** @return an empty block */
    public static MimeHeaders empty() {
        return new MimeHeaders(List.of());
    }

    /** @return a builder adding fields in order */
    public static Builder builder() {
        return new Builder();
    }

    /** @return all fields, in order */
    public List<Field> fields() {
        return fields;
    }

    /** @return the value of the first field called {@code name} (case-insensitive, RFC 5322 §1.2.2) */
    public Optional<String> first(String name) {
        return fields.stream().filter(f -> f.name.equalsIgnoreCase(name)).map(Field::value).findFirst();
    }

    /** @return how many fields are called {@code name} (case-insensitive) */
    public int count(String name) {
        return (int) fields.stream().filter(f -> f.name.equalsIgnoreCase(name)).count();
    }

    /** @return each field as {@code Name: value} followed by CRLF; no blank line after the block */
    public String format() {
        StringBuilder sb = new StringBuilder();
        for (Field f : fields) {
            String line = f.name + ": " + f.value;
            if (f.fold && line.length() > FOLD_AT) {
                fold(line, sb);
            } else {
                sb.append(line).append("\r\n");
            }
        }
        return sb.toString();
    }

    /**
     * Folds a line at spaces so that each line has at most {@value #FOLD_AT} characters where the
     * spaces allow (RFC 5322 §2.2.3: a CRLF is inserted before a space; unfolding removes it and
     * gives back the value unchanged).
     */
    private static void fold(String line, StringBuilder sb) {
        String[] pieces = line.split("(?= )");
        StringBuilder current = new StringBuilder(pieces[0]);
        for (int i = 1; i < pieces.length; i++) {
            if (current.length() + pieces[i].length() > FOLD_AT && !current.toString().isBlank()) {
                sb.append(current).append("\r\n");
                current.setLength(0);
            }
            current.append(pieces[i]);
        }
        sb.append(current).append("\r\n");
    }

    /**
     * Parses a header block (without the blank line ending it). Lines end in CRLF; a bare LF is
     * tolerated, a bare CR is not. Lines starting with SP or HTAB continue the previous field.
     */
    public static MimeHeaders parse(String block) throws PageModeException {
        if (block.length() > MAX_BLOCK_CHARS) {
            throw new PageModeException("Header block of " + block.length() + " characters exceeds the limit of "
                    + MAX_BLOCK_CHARS);
        }
        List<String> lines = new ArrayList<>();
        for (String line : block.split("\n", -1)) {
            String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (l.indexOf('\r') >= 0) {
                throw new PageModeException("Header line holds a bare CR: '" + printable(l) + "'");
            }
            if (l.isEmpty()) {
                continue;
            }
            if ((l.charAt(0) == ' ' || l.charAt(0) == '\t')) {
                if (lines.isEmpty()) {
                    throw new PageModeException("Header block starts with a continuation line: '" + printable(l) + "'");
                }
                lines.set(lines.size() - 1, lines.get(lines.size() - 1) + l); // RFC 5322 §2.2.3 unfolding
            } else {
                lines.add(l);
            }
        }
        Builder b = new Builder();
        for (String l : lines) {
            int colon = l.indexOf(':');
            if (colon <= 0) {
                throw new PageModeException("Not a header field (Name: value): '" + printable(l) + "'");
            }
            String name = l.substring(0, colon).stripTrailing();
            try {
                b.add(name, l.substring(colon + 1).strip());
            } catch (IllegalArgumentException e) {
                throw new PageModeException(e.getMessage(), e);
            }
        }
        return b.build();
    }

    /**
     * Decodes {@code bytes[from, to)} as UTF-8 (US-ASCII is a subset; RFC 6532 allows UTF-8).
     *
     * @throws PageModeException if the bytes are not valid UTF-8
     */
    static String utf8(byte[] bytes, int from, int to, String what) throws PageModeException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            throw new PageModeException(what + " is not valid UTF-8", e);
        }
    }

    /** @return {@code bytes} decoded in {@code cs}, rejecting malformed input */
    static String decodeText(byte[] bytes, java.nio.charset.Charset cs) throws PageModeException {
        try {
            return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new PageModeException("Text is not valid " + cs.name(), e);
        }
    }

    /** @return the index of the first CRLF CRLF at or after {@code from}, or -1 */
    static int blankLine(byte[] bytes, int from) {
        return indexOf(bytes, CRLFCRLF, from, bytes.length);
    }

    /** @return the index of {@code needle} in {@code hay[from, to)}, or -1 */
    static int indexOf(byte[] hay, byte[] needle, int from, int to) {
        outer:
        for (int i = Math.max(0, from); i <= to - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** @return {@code s} with control characters shown as \\uXXXX, cut to 80 characters, for messages */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < 80; i++) {
            char c = s.charAt(i);
            sb.append(c < ' ' || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MimeHeaders && fields.equals(((MimeHeaders) o).fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return format();
    }

    /** One header field. Names compare case-insensitively through {@link MimeHeaders#first}. */
    public static final class Field {
        private final String name;
        private final String value;
        private final boolean fold;

        private Field(String name, String value, boolean fold) {
            this.name = name;
            this.value = value;
            this.fold = fold;
        }

        public String name() {
            return name;
        }

        public String value() {
            return value;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Field && name.equalsIgnoreCase(((Field) o).name) && value.equals(((Field) o).value);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name.toLowerCase(Locale.ROOT), value);
        }

        @Override
        public String toString() {
            return name + ": " + value;
        }
    }

    /** Collects fields, validating each as it is added. */
    public static final class Builder {
        private final List<Field> fields = new ArrayList<>();

        private Builder() {
        }

        /**
         * @param name  a field name: printable US-ASCII except colon (RFC 5322 §3.6.8)
         * @param value the value; must not contain CR, LF or other control characters except HTAB
         * @throws IllegalArgumentException naming the field, e.g. when a value tries to inject a header
         */
        public Builder add(String name, String value) {
            return add(name, value, false);
        }

        /**
         * Adds a field that {@link MimeHeaders#format} folds at its spaces when the line is longer
         * than {@value MimeHeaders#FOLD_AT} characters: for a value whose spaces are all
         * insignificant or survive unfolding, such as an RFC 2017 §3.1 URL parameter.
         */
        public Builder addFolded(String name, String value) {
            return add(name, value, true);
        }

        private Builder add(String name, String value, boolean fold) {
            if (name == null || name.isEmpty() || name.chars().anyMatch(c -> c <= ' ' || c >= 127 || c == ':')) {
                throw new IllegalArgumentException("Not a header field name (printable US-ASCII, no colon): '"
                        + printable(String.valueOf(name)) + "'");
            }
            Objects.requireNonNull(value, "value of " + name);
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\r' || c == '\n') {
                    throw new IllegalArgumentException("Value of header " + name
                            + " contains a line break; refused so it cannot inject a header: '" + printable(value) + "'");
                }
                if ((c < ' ' && c != '\t') || c == 0x7f) {
                    throw new IllegalArgumentException("Value of header " + name + " contains control character "
                            + String.format("U+%04X", (int) c));
                }
            }
            if (fields.size() == MAX_FIELDS) {
                throw new IllegalArgumentException("More than " + MAX_FIELDS + " header fields");
            }
            fields.add(new Field(name, value, fold));
            return this;
        }

        public MimeHeaders build() {
            return new MimeHeaders(fields);
        }
    }
}
