package org.sipdrop.sip;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One value of a {@code Reason} header with protocol {@code SIP} (RFC 3326 §2): why a request
 * such as BYE was sent, as a SIP status code ({@code cause}), a text, and any
 * {@code reason-extension} parameters (generic-params, RFC 3326 §2, whose values are tokens).
 * For example {@code Reason: SIP ;cause=200 ;text="Verified"}.
 * <p>
 * Proxies forward the header unchanged (RFC 3326 §2: it is end to end), so it reaches the peer
 * through Kamailio or the embedded server.
 */
public final class SipReason {

    /** The protocol value for SIP status codes (RFC 3326 §2). */
    public static final String PROTOCOL = "SIP";

    private static final int MAX_TEXT = 1000;

    private final int cause;
    private final String text;
    private final Map<String, String> extensions;

    private SipReason(int cause, String text, Map<String, String> extensions) {
        if (cause < 100 || cause > 699) {
            throw new IllegalArgumentException("A SIP Reason cause is a status code 100..699 (RFC 3326 §2), was " + cause);
        }
        this.cause = cause;
        this.text = oneLine(Objects.requireNonNull(text, "text"));
        this.extensions = Map.copyOf(extensions);
    }

    /** @return a reason with {@code cause} (a SIP status code) and {@code text}, one line (control characters become spaces) */
    public static SipReason of(int cause, String text) {
        return new SipReason(cause, text, Map.of());
    }

    /**
     * @return a copy with the reason-extension {@code name=value} (RFC 3326 §2 generic-param)
     * @throws IllegalArgumentException unless both are RFC 3261 tokens and the name is not cause or text
     */
    public SipReason with(String name, String value) {
        if (!isToken(name) || !isToken(value) || "cause".equalsIgnoreCase(name) || "text".equalsIgnoreCase(name)) {
            throw new IllegalArgumentException("A reason-extension is token=token (RFC 3261 §25.1), not " + name + "=" + value);
        }
        Map<String, String> m = new LinkedHashMap<>(extensions);
        m.put(name.toLowerCase(Locale.ROOT), value);
        return new SipReason(cause, text, m);
    }

    public int cause() {
        return cause;
    }

    public String text() {
        return text;
    }

    /** @return whether the cause is a 2xx: the session ended as it should */
    public boolean isSuccess() {
        return cause >= 200 && cause < 300;
    }

    /** @return the value of the reason-extension {@code name}, if present */
    public Optional<String> extension(String name) {
        return Optional.ofNullable(extensions.get(name.toLowerCase(Locale.ROOT)));
    }

    /** @return the header value, e.g. {@code SIP ;cause=200 ;text="Verified"} */
    public String format() {
        StringBuilder b = new StringBuilder(PROTOCOL).append(" ;cause=").append(cause).append(" ;text=\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\'); // RFC 3261 §25.1 quoted-pair
            }
            b.append(c);
        }
        b.append('"');
        extensions.forEach((k, v) -> b.append(" ;").append(k).append('=').append(v));
        return b.toString();
    }

    /**
     * Reads one Reason header value.
     *
     * @return the reason if its protocol is {@code SIP} and it has a valid cause; empty for other
     *         protocols (e.g. Q.850) and for values that do not parse
     */
    public static Optional<SipReason> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        int i = value.indexOf(';');
        if (i < 0 || !PROTOCOL.equalsIgnoreCase(value.substring(0, i).trim())) {
            return Optional.empty();
        }
        Integer cause = null;
        String text = "";
        Map<String, String> ext = new LinkedHashMap<>();
        while (i < value.length() && value.charAt(i) == ';') {
            int eq = value.indexOf('=', i);
            if (eq < 0) {
                return Optional.empty();
            }
            String name = value.substring(i + 1, eq).trim().toLowerCase(Locale.ROOT);
            int j = eq + 1;
            while (j < value.length() && value.charAt(j) == ' ') {
                j++;
            }
            StringBuilder v = new StringBuilder();
            if (j < value.length() && value.charAt(j) == '"') {
                j++;
                while (j < value.length() && value.charAt(j) != '"') {
                    if (value.charAt(j) == '\\' && j + 1 < value.length()) {
                        j++;
                    }
                    v.append(value.charAt(j++));
                }
                if (j >= value.length()) {
                    return Optional.empty(); // unterminated quoted-string
                }
                j++;
            } else {
                while (j < value.length() && value.charAt(j) != ';') {
                    v.append(value.charAt(j++));
                }
            }
            while (j < value.length() && value.charAt(j) == ' ') {
                j++;
            }
            i = j;
            String val = v.toString().trim();
            if ("cause".equals(name)) {
                try {
                    cause = Integer.valueOf(val);
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            } else if ("text".equals(name)) {
                text = val;
            } else if (isToken(name) && isToken(val)) {
                ext.put(name, val);
            }
        }
        if (cause == null || cause < 100 || cause > 699) {
            return Optional.empty();
        }
        return Optional.of(new SipReason(cause, text, ext));
    }

    private static String oneLine(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_TEXT));
        s.codePoints().limit(MAX_TEXT).forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return b.toString();
    }

    /** RFC 3261 §25.1 token. */
    private static boolean isToken(String s) {
        return s != null && !s.isEmpty() && s.chars().allMatch(c -> c < 127 && (Character.isLetterOrDigit(c) || "-.!%*_+`'~".indexOf(c) >= 0));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SipReason && ((SipReason) o).cause == cause && ((SipReason) o).text.equals(text)
                && ((SipReason) o).extensions.equals(extensions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cause, text, extensions);
    }

    @Override
    public String toString() {
        return format();
    }
}
