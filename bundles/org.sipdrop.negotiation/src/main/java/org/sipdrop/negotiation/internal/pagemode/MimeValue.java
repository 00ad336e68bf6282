package org.sipdrop.negotiation.internal.pagemode;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A header value with parameters: {@code value *( ";" attribute "=" (token / quoted-string) )}
 * as used by Content-Type (RFC 2045 §5.1) and Content-Disposition (RFC 2183 §2), including
 * RFC 2231 §3-§4 / RFC 8187 extended values ({@code filename*=UTF-8''%C3%A9t%C3%A9.txt}) and
 * continuations ({@code name*0*}, {@code name*1}).
 * <p>
 * Parameter names compare case-insensitively (RFC 2045 §5.1); a decoded extended value
 * overrides the plain value of the same name (RFC 6266 §4.3). Unknown parameters are kept, not
 * rejected (RFC 2183 §2.8).
 */
public final class MimeValue {

    /** Most parameters accepted on one header. */
    public static final int MAX_PARAMS = 32;

    /** RFC 2045 §5.1 tspecials; a token is any other printable US-ASCII character but space. */
    private static final String TSPECIALS = "()<>@,;:\\\"/[]?=";

    /** RFC 8187 §3.2.1 attr-char: unreserved characters that need no percent-encoding. */
    private static final String ATTR_CHAR_EXTRA = "!#$&+-.^_`|~";

    private static final Pattern SECTION = Pattern.compile("(.+)\\*([0-9]{1,3})(\\*?)");

    private final String value;
    private final Map<String, String> params;
    private final Map<String, String> encoded;

    private MimeValue(String value, Map<String, String> params, Map<String, String> encoded) {
        this.value = value;
        this.params = params;
        this.encoded = encoded;
    }

    /** @return a builder for {@code value}, e.g. {@code attachment} or {@code image/jpeg} */
    public static Builder of(String value) {
        return new Builder(value);
    }

    /** @return the value before the first ';', e.g. {@code message/external-body} */
    public String value() {
        return value;
    }

    /** @return the decoded parameter {@code name} (case-insensitive), if present */
    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name.toLowerCase(Locale.ROOT)));
    }

    /** @return all decoded parameters, lower-case names, in order of appearance */
    public Map<String, String> params() {
        return Map.copyOf(params);
    }

    /** @return whether the value equals {@code v} ignoring case (media types and dispositions are case-insensitive) */
    public boolean is(String v) {
        return value.equalsIgnoreCase(v);
    }

    /** Parses a header value such as {@code attachment; filename="a b.txt"; size=12}. */
    public static MimeValue parse(String header) throws PageModeException {
        Cursor c = new Cursor(header);
        String value = c.until(';').strip();
        if (value.isEmpty() || !isToken(value.replaceFirst("/", ""))) {
            throw new PageModeException("Not a MIME value (token or type/subtype): '" + MimeHeaders.printable(value)
                    + "' in '" + MimeHeaders.printable(header) + "'");
        }
        List<String[]> raw = new ArrayList<>();
        while (c.skip(';')) {
            c.spaces();
            if (c.atEnd()) {
                break; // a trailing ';' is harmless
            }
            String name = c.until('=').strip().toLowerCase(Locale.ROOT);
            if (!c.skip('=') || name.isEmpty() || !isToken(name)) {
                throw new PageModeException("Malformed parameter '" + MimeHeaders.printable(name) + "' in '"
                        + MimeHeaders.printable(header) + "' (RFC 2045 §5.1: attribute=value)");
            }
            c.spaces();
            String v = c.peek() == '"' ? c.quoted() : c.until(';').strip();
            if (!c.lastWasQuoted && !isToken(v) && !name.endsWith("*")) {
                throw new PageModeException("Parameter " + name + " needs quotes around '" + MimeHeaders.printable(v)
                        + "' (RFC 2045 §5.1: value := token / quoted-string)");
            }
            c.spaces();
            if (!c.atEnd() && c.peek() != ';') {
                throw new PageModeException("Unexpected text after parameter " + name + " in '"
                        + MimeHeaders.printable(header) + "'");
            }
            if (raw.stream().anyMatch(p -> p[0].equals(name))) {
                throw new PageModeException("Parameter " + name + " appears twice in '" + MimeHeaders.printable(header)
                        + "'");
            }
            if (raw.size() == MAX_PARAMS) {
                throw new PageModeException("More than " + MAX_PARAMS + " parameters in one header");
            }
            raw.add(new String[] {name, v});
        }
        Builder b = new Builder(value);
        for (Map.Entry<String, String> p : decode(raw).entrySet()) {
            b.paramOrExt(p.getKey(), p.getValue());
        }
        return b.build();
    }

    /** RFC 2231 §3-§4: joins continuations and decodes extended values. */
    private static Map<String, String> decode(List<String[]> raw) throws PageModeException {
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, String> extended = new LinkedHashMap<>();
        Map<String, TreeMap<Integer, String[]>> sections = new LinkedHashMap<>();
        for (String[] p : raw) {
            Matcher m = SECTION.matcher(p[0]);
            String base = m.matches() ? m.group(1) : p[0].endsWith("*") ? p[0].substring(0, p[0].length() - 1) : p[0];
            if (base.isEmpty() || base.indexOf('*') >= 0) {
                // '*' is a token character, but RFC 2231 §3-§4 gives it meaning only in name*, name*N, name*N*
                throw new PageModeException("Parameter name '" + MimeHeaders.printable(p[0])
                        + "' has a '*' where RFC 2231 allows none");
            }
            if (m.matches()) {
                sections.computeIfAbsent(m.group(1), k -> new TreeMap<>())
                        .put(Integer.parseInt(m.group(2)), new String[] {m.group(3), p[1]});
            } else if (p[0].endsWith("*")) {
                extended.put(p[0].substring(0, p[0].length() - 1), extValue(p[0], p[1]));
            } else {
                plain.put(p[0], p[1]);
            }
        }
        for (Map.Entry<String, TreeMap<Integer, String[]>> s : sections.entrySet()) {
            extended.put(s.getKey(), joinSections(s.getKey(), s.getValue()));
        }
        Map<String, String> out = new LinkedHashMap<>(plain);
        out.putAll(extended);
        return out;
    }

    private static String joinSections(String name, TreeMap<Integer, String[]> parts) throws PageModeException {
        if (parts.firstKey() != 0 || parts.lastKey() != parts.size() - 1) {
            throw new PageModeException("Parameter " + name + " has non-contiguous RFC 2231 sections " + parts.keySet());
        }
        Charset charset = StandardCharsets.US_ASCII;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Map.Entry<Integer, String[]> e : parts.entrySet()) {
            String v = e.getValue()[1];
            if (e.getValue()[0].isEmpty()) {
                bytes.writeBytes(v.getBytes(StandardCharsets.US_ASCII));
                continue;
            }
            if (e.getKey() == 0) {
                int q1 = v.indexOf('\'');
                int q2 = q1 < 0 ? -1 : v.indexOf('\'', q1 + 1);
                if (q2 < 0) {
                    throw new PageModeException("Parameter " + name + "*0* lacks charset'language' (RFC 2231 §4)");
                }
                charset = charset(name, v.substring(0, q1));
                v = v.substring(q2 + 1);
            }
            bytes.writeBytes(percentDecode(name, v));
        }
        return decodeStrict(name, bytes.toByteArray(), charset);
    }

    /** RFC 8187 §3.2.1: ext-value = charset "'" [ language ] "'" value-chars. */
    private static String extValue(String name, String v) throws PageModeException {
        int q1 = v.indexOf('\'');
        int q2 = q1 < 0 ? -1 : v.indexOf('\'', q1 + 1);
        if (q2 < 0) {
            throw new PageModeException("Parameter " + name + " is not an RFC 8187 ext-value (charset'lang'value): '"
                    + MimeHeaders.printable(v) + "'");
        }
        return decodeStrict(name, percentDecode(name, v.substring(q2 + 1)), charset(name, v.substring(0, q1)));
    }

    private static Charset charset(String name, String label) throws PageModeException {
        if (label.equalsIgnoreCase("UTF-8")) {
            return StandardCharsets.UTF_8;
        }
        if (label.equalsIgnoreCase("ISO-8859-1")) {
            return StandardCharsets.ISO_8859_1;
        }
        if (label.equalsIgnoreCase("US-ASCII")) {
            return StandardCharsets.US_ASCII;
        }
        throw new PageModeException("Parameter " + name + " uses charset '" + MimeHeaders.printable(label)
                + "'; RFC 8187 §3.2.1 requires UTF-8 (or ISO-8859-1)");
    }

    private static byte[] percentDecode(String name, String v) throws PageModeException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '%') {
                if (i + 2 >= v.length() || Character.digit(v.charAt(i + 1), 16) < 0
                        || Character.digit(v.charAt(i + 2), 16) < 0) {
                    throw new PageModeException("Parameter " + name + " has a bad %-escape: '" + MimeHeaders.printable(v)
                            + "'");
                }
                out.write(Character.digit(v.charAt(i + 1), 16) * 16 + Character.digit(v.charAt(i + 2), 16));
                i += 2;
            } else if (c > ' ' && c < 127) {
                out.write(c);
            } else {
                throw new PageModeException("Parameter " + name + " has an unencoded character in an ext-value");
            }
        }
        return out.toByteArray();
    }

    private static String decodeStrict(String name, byte[] bytes, Charset cs) throws PageModeException {
        try {
            return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new PageModeException("Parameter " + name + " is not valid " + cs.name(), e);
        }
    }

    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 127 || TSPECIALS.indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** @return the header value, parameters as token, quoted-string or RFC 8187 ext-value */
    public String format() {
        StringBuilder sb = new StringBuilder(value);
        encoded.forEach((k, v) -> sb.append("; ").append(k).append('=').append(v));
        return sb.toString();
    }

    @Override
    public String toString() {
        return format();
    }

    /** Builds a header value; parameter values are encoded as they are added. */
    public static final class Builder {
        private final String value;
        private final Map<String, String> decoded = new LinkedHashMap<>();
        private final Map<String, String> encoded = new LinkedHashMap<>();

        private Builder(String value) {
            if (value == null || !isToken(value.replaceFirst("/", ""))) {
                throw new IllegalArgumentException("Not a MIME value (token or type/subtype): '" + value + "'");
            }
            this.value = value;
        }

        /**
         * Adds a parameter written as a token when possible, else as a quoted-string.
         *
         * @throws IllegalArgumentException if {@code v} is not printable US-ASCII (use {@link #extParam})
         */
        public Builder param(String name, String v) {
            requireName(name);
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c < ' ' || c >= 127) {
                    throw new IllegalArgumentException("Parameter " + name
                            + " needs an RFC 8187 ext-value for character " + String.format("U+%04X", (int) c));
                }
            }
            encoded.put(name, isToken(v) ? v : '"' + v.replace("\\", "\\\\").replace("\"", "\\\"") + '"');
            if (!encoded.containsKey(name + "*")) {
                decoded.put(name.toLowerCase(Locale.ROOT), v);
            }
            return this;
        }

        /** Adds {@code name*=UTF-8''pct-encoded} (RFC 8187 §3.2), which carries any Unicode text. */
        public Builder extParam(String name, String v) {
            requireName(name);
            StringBuilder sb = new StringBuilder("UTF-8''");
            for (byte b : v.getBytes(StandardCharsets.UTF_8)) {
                int c = b & 0xff;
                if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                        || ATTR_CHAR_EXTRA.indexOf(c) >= 0) {
                    sb.append((char) c);
                } else {
                    sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
                }
            }
            encoded.put(name + "*", sb.toString());
            decoded.put(name.toLowerCase(Locale.ROOT), v);
            return this;
        }

        /** Adds {@code v} as a plain parameter if it is printable US-ASCII, else as an ext-value. */
        Builder paramOrExt(String name, String v) {
            return v.chars().allMatch(c -> c >= ' ' && c < 127) ? param(name, v) : extParam(name, v);
        }

        private static void requireName(String name) {
            if (name == null || !isToken(name) || name.indexOf('*') >= 0) {
                throw new IllegalArgumentException("Not a parameter name: '" + name + "'");
            }
        }

        public MimeValue build() {
            return new MimeValue(value, new LinkedHashMap<>(decoded), new LinkedHashMap<>(encoded));
        }
    }

    /** A tiny scanner over one header value. */
    private static final class Cursor {
        private final String s;
        private int i;
        boolean lastWasQuoted;

        Cursor(String s) {
            this.s = s;
        }

        boolean atEnd() {
            return i >= s.length();
        }

        char peek() {
            return atEnd() ? 0 : s.charAt(i);
        }

        boolean skip(char c) {
            if (peek() == c) {
                i++;
                return true;
            }
            return false;
        }

        void spaces() {
            while (!atEnd() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
        }

        String until(char stop) {
            lastWasQuoted = false;
            int start = i;
            while (!atEnd() && s.charAt(i) != stop && s.charAt(i) != ';') {
                i++;
            }
            return s.substring(start, i);
        }

        /** RFC 822 quoted-string with quoted-pairs; CR and LF are not allowed inside. */
        String quoted() throws PageModeException {
            lastWasQuoted = true;
            StringBuilder sb = new StringBuilder();
            i++;
            while (!atEnd()) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c == '\\' && !atEnd()) {
                    c = s.charAt(i++);
                }
                if (c == '\r' || c == '\n') {
                    throw new PageModeException("Line break inside a quoted parameter value");
                }
                sb.append(c);
            }
            throw new PageModeException("Unterminated quoted string in '" + MimeHeaders.printable(s) + "'");
        }
    }
}
