package org.sipdrop.server.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parses and formats the parameter list of a {@code Digest} credentials or challenge value:
 * {@code Digest name=token, name="quoted string", ...} (RFC 9110 §11.2 auth-param, §5.6.2 token,
 * §5.6.4 quoted-string with quoted-pair, §5.6.1 lists; RFC 3261 §25.1 allows the same LWS).
 * <p>
 * Strict: parameter names are tokens, compared case-insensitively and given back lower-cased; a
 * name may appear only once (RFC 7616 §3.4: each directive at most once); values are a token or
 * a quoted-string; nothing may follow the last parameter but white space and commas.
 */
final class AuthParams {

    /** Longest credentials value we parse; SIP stacks bound header sizes similarly. */
    static final int MAX_LENGTH = 4096;

    private AuthParams() {
    }

    /**
     * @param value the whole header value, e.g. {@code Digest username="Mufasa", nc=00000001}
     * @param scheme the expected auth-scheme, compared case-insensitively
     * @return the parameters by lower-cased name, in order
     * @throws IllegalArgumentException saying where the value breaks the grammar
     */
    static Map<String, String> parse(String value, String scheme) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("no credentials");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("credentials longer than " + MAX_LENGTH + " characters");
        }
        int i = skipWs(value, 0);
        int start = i;
        while (i < value.length() && isTchar(value.charAt(i))) {
            i++;
        }
        if (!value.substring(start, i).equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("auth-scheme is not " + scheme);
        }
        if (i < value.length() && value.charAt(i) != ' ' && value.charAt(i) != '\t') {
            throw new IllegalArgumentException("expected white space after " + scheme);
        }
        Map<String, String> params = new LinkedHashMap<>();
        i = skipWs(value, i);
        while (i < value.length()) {
            if (value.charAt(i) == ',') { // RFC 9110 §5.6.1: empty list elements are allowed
                i = skipWs(value, i + 1);
                continue;
            }
            int nameStart = i;
            while (i < value.length() && isTchar(value.charAt(i))) {
                i++;
            }
            if (i == nameStart) {
                throw new IllegalArgumentException("expected a parameter name at position " + i);
            }
            String name = value.substring(nameStart, i).toLowerCase(Locale.ROOT);
            i = skipWs(value, i);
            if (i >= value.length() || value.charAt(i) != '=') {
                throw new IllegalArgumentException("expected '=' after parameter '" + name + "'");
            }
            i = skipWs(value, i + 1);
            StringBuilder v = new StringBuilder();
            if (i < value.length() && value.charAt(i) == '"') {
                i = quotedString(value, i, v);
            } else {
                int valueStart = i;
                while (i < value.length() && isTchar(value.charAt(i))) {
                    i++;
                }
                if (i == valueStart) {
                    throw new IllegalArgumentException("parameter '" + name + "' has no value");
                }
                v.append(value, valueStart, i);
            }
            if (params.put(name, v.toString()) != null) {
                throw new IllegalArgumentException("parameter '" + name + "' appears twice");
            }
            i = skipWs(value, i);
            if (i < value.length() && value.charAt(i) != ',') {
                throw new IllegalArgumentException("expected ',' after parameter '" + name + "' at position " + i);
            }
        }
        return Collections.unmodifiableMap(params);
    }

    /** RFC 9110 §5.6.4: DQUOTE *( qdtext / quoted-pair ) DQUOTE; returns the index after it. */
    private static int quotedString(String s, int open, StringBuilder out) {
        int i = open + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                if (i + 1 >= s.length() || !isQuotable(s.charAt(i + 1))) {
                    throw new IllegalArgumentException("bad escape in quoted string at position " + i);
                }
                out.append(s.charAt(i + 1));
                i += 2;
                continue;
            }
            if (!isQuotable(c)) {
                throw new IllegalArgumentException("control character in quoted string at position " + i);
            }
            out.append(c);
            i++;
        }
        throw new IllegalArgumentException("quoted string not closed");
    }

    /** @return {@code "value"} with {@code "} and {@code \} escaped (RFC 9110 §5.6.4) */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isQuotable(c)) {
                throw new IllegalArgumentException("control character cannot be quoted: U+" + Integer.toHexString(c));
            }
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    /** HTAB / SP / VCHAR / obs-text: what qdtext and quoted-pair allow. */
    private static boolean isQuotable(char c) {
        return c == '\t' || (c >= 0x20 && c != 0x7F);
    }

    /** RFC 9110 §5.6.2 tchar. */
    static boolean isTchar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static int skipWs(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
