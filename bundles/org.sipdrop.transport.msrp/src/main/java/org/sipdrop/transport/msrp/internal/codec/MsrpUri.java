package org.sipdrop.transport.msrp.internal.codec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An MSRP URI (RFC 4975 §6):
 * {@code msrp-scheme "://" authority ["/" session-id] ";" transport *( ";" URI-parameter)}.
 * Immutable. {@link #toString()} gives back the text exactly as parsed, so paths are echoed
 * verbatim; {@link #equals(Object)} follows the comparison rules of RFC 4975 §6.1.
 */
public final class MsrpUri {

    /** The port used when a URI has none: 2855 (RFC 4975 §6, §15.5), for connecting only. */
    public static final int DEFAULT_PORT = 2855;

    /** The {@code msrp} scheme: MSRP over TCP (RFC 4975 §6). */
    public static final String SCHEME = "msrp";

    /** The {@code msrps} scheme: MSRP over TLS (RFC 4975 §6). */
    public static final String SECURE_SCHEME = "msrps";

    private final String text;
    private final boolean secure;
    private final String userinfo;
    private final UriHost host;
    private final int port;
    private final String sessionId;
    private final String transport;
    private final List<String> parameters;

    private MsrpUri(String text, boolean secure, String userinfo, UriHost host, int port, String sessionId,
            String transport, List<String> parameters) {
        this.text = text;
        this.secure = secure;
        this.userinfo = userinfo;
        this.host = host;
        this.port = port;
        this.sessionId = sessionId;
        this.transport = transport;
        this.parameters = parameters;
    }

    /**
     * Builds a URI {@code msrp[s]://host[:port]/session-id;tcp}.
     *
     * @param secure true for {@code msrps}
     * @param host host name or IP literal (IPv6 with or without brackets)
     * @param port port, or -1 to omit it
     * @param sessionId session id, or null for a relay URI without one
     * @return the URI
     */
    public static MsrpUri of(boolean secure, String host, int port, String sessionId) {
        Objects.requireNonNull(host, "host");
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return parse((secure ? SECURE_SCHEME : SCHEME) + "://" + h + (port >= 0 ? ":" + port : "")
                + (sessionId == null ? "" : "/" + sessionId) + ";tcp");
    }

    /**
     * @param text an MSRP URI
     * @return the parsed URI
     * @throws IllegalArgumentException if the text does not follow RFC 4975 §6
     */
    public static MsrpUri parse(String text) {
        Objects.requireNonNull(text, "text");
        int colon = text.indexOf("://");
        if (colon < 0) {
            throw new IllegalArgumentException("Not an MSRP URI (no '://'): " + text);
        }
        String scheme = text.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!SCHEME.equals(scheme) && !SECURE_SCHEME.equals(scheme)) {
            throw new IllegalArgumentException("MSRP URI scheme must be msrp or msrps: " + text);
        }
        int authStart = colon + 3;
        int authEnd = authStart;
        while (authEnd < text.length() && text.charAt(authEnd) != '/' && text.charAt(authEnd) != ';') {
            authEnd++;
        }
        int semi = text.indexOf(';', authEnd);
        if (semi < 0) {
            throw new IllegalArgumentException("MSRP URI lacks the ';transport' part: " + text);
        }
        String sessionId = null;
        if (text.charAt(authEnd) == '/') {
            sessionId = text.substring(authEnd + 1, semi);
            checkSessionId(sessionId, text);
        }
        String[] tail = text.substring(semi + 1).split(";", -1);
        String transport = tail[0];
        if (transport.isEmpty() || !transport.chars().allMatch(Syntax::isAlphanum)) {
            throw new IllegalArgumentException("MSRP URI transport must be alphanumeric, e.g. 'tcp': " + text);
        }
        List<String> params = new ArrayList<>();
        for (int i = 1; i < tail.length; i++) {
            checkParameter(tail[i], text);
            params.add(tail[i]);
        }
        String authority = text.substring(authStart, authEnd);
        String userinfo = null;
        int at = authority.indexOf('@');
        if (at >= 0) {
            userinfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            if (authority.indexOf('@') >= 0) {
                throw new IllegalArgumentException("MSRP URI has more than one '@': " + text);
            }
            if (!userinfo.chars().allMatch(c -> Syntax.isUnreserved(c) || "%!$&'()*+,=:".indexOf(c) >= 0)) {
                throw new IllegalArgumentException("MSRP URI has a malformed userinfo: " + text);
            }
        }
        boolean bracketed = authority.startsWith("[");
        int hostEnd = bracketed ? authority.indexOf(']') + 1 : authority.indexOf(':');
        if (bracketed && hostEnd == 0) {
            throw new IllegalArgumentException("MSRP URI has an unclosed IPv6 bracket: " + text);
        }
        hostEnd = hostEnd < 0 ? authority.length() : hostEnd;
        String hostText = bracketed ? authority.substring(1, hostEnd - 1) : authority.substring(0, hostEnd);
        int port = -1;
        if (hostEnd < authority.length()) {
            port = parsePort(authority, hostEnd, text);
        }
        return new MsrpUri(text, SECURE_SCHEME.equals(scheme), userinfo, UriHost.parse(hostText, bracketed), port,
                sessionId, transport, Collections.unmodifiableList(params));
    }

    /**
     * Parses a {@code To-Path}, {@code From-Path} or {@code Use-Path} value: URIs separated by
     * single spaces (RFC 4975 §9, RFC 4976 §6).
     *
     * @param value the header value
     * @param maxUris the largest number of URIs accepted
     * @return the URIs, at least one
     * @throws IllegalArgumentException if malformed or longer than {@code maxUris}
     */
    public static List<MsrpUri> parsePath(String value, int maxUris) {
        String[] parts = value.split(" ", -1);
        if (parts.length > maxUris) {
            throw new IllegalArgumentException("Path has " + parts.length + " URIs, more than the limit " + maxUris);
        }
        List<MsrpUri> uris = new ArrayList<>(parts.length);
        for (String p : parts) {
            uris.add(parse(p));
        }
        return Collections.unmodifiableList(uris);
    }

    /**
     * @param path URIs
     * @return the header value: the URIs separated by single spaces
     */
    public static String formatPath(List<MsrpUri> path) {
        StringBuilder sb = new StringBuilder();
        for (MsrpUri u : path) {
            sb.append(sb.length() == 0 ? "" : " ").append(u);
        }
        return sb.toString();
    }

    private static int parsePort(String authority, int hostEnd, String text) {
        if (authority.charAt(hostEnd) != ':' || hostEnd + 1 == authority.length()
                || !Syntax.isNumber(authority.substring(hostEnd + 1))) {
            throw new IllegalArgumentException("MSRP URI has a malformed port: " + text);
        }
        long port = Long.parseLong(authority.substring(hostEnd + 1));
        if (port > 65535) {
            throw new IllegalArgumentException("MSRP URI port exceeds 65535: " + text);
        }
        return (int) port;
    }

    /** {@code session-id = 1*( unreserved / "+" / "=" / "/" )} (RFC 4975 §6). */
    private static void checkSessionId(String id, String text) {
        if (id.isEmpty() || !id.chars().allMatch(c -> Syntax.isUnreserved(c) || c == '+' || c == '=' || c == '/')) {
            throw new IllegalArgumentException("MSRP URI has a malformed session-id: " + text);
        }
    }

    /** {@code URI-parameter = token ["=" token]} (RFC 4975 §6). */
    private static void checkParameter(String param, String text) {
        int eq = param.indexOf('=');
        boolean ok = eq < 0 ? Syntax.isToken(param)
                : Syntax.isToken(param.substring(0, eq)) && Syntax.isToken(param.substring(eq + 1));
        if (!ok) {
            throw new IllegalArgumentException("MSRP URI has a malformed parameter '" + param + "': " + text);
        }
    }

    /** @return true for {@code msrps} (TLS) */
    public boolean isSecure() {
        return secure;
    }

    /** @return the userinfo, if any; ignored when comparing (RFC 4975 §6.1) */
    public Optional<String> userinfo() {
        return Optional.ofNullable(userinfo);
    }

    /** @return the host as written, IPv6 literals without brackets */
    public String host() {
        return host.text();
    }

    /** @return the host's address when it is an IP literal; empty for a name (never resolved) */
    public Optional<java.net.InetAddress> ipLiteral() {
        if (!host.key().startsWith("ip:")) {
            return Optional.empty();
        }
        try {
            return Optional.of(java.net.InetAddress.getByName(host.text())); // a literal: no lookup
        } catch (java.net.UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** @return the explicit port, or -1 if the URI has none */
    public int port() {
        return port;
    }

    /** @return the port to connect to: the explicit one or {@link #DEFAULT_PORT} (RFC 4975 §6) */
    public int effectivePort() {
        return port >= 0 ? port : DEFAULT_PORT;
    }

    /** @return the session-id, absent for relay URIs (RFC 4975 §6, RFC 4976 §6) */
    public Optional<String> sessionId() {
        return Optional.ofNullable(sessionId);
    }

    /** @return the transport, e.g. {@code tcp} */
    public String transport() {
        return transport;
    }

    /** @return the URI parameters after the transport, as written */
    public List<String> parameters() {
        return parameters;
    }

    /**
     * Session matching of RFC 4975 §5.4: a request belongs to the session whose local URI
     * equals (§6.1) the rightmost URI of the request's To-Path.
     *
     * @param toPath the To-Path of a received request
     * @return true if this local URI is the request's destination
     */
    public boolean sessionMatches(List<MsrpUri> toPath) {
        return !toPath.isEmpty() && equals(toPath.get(toPath.size() - 1));
    }

    /**
     * The sender check of RFC 4975 §5.4: the rightmost URI of a received From-Path must equal
     * the URI the peer announced for itself (the last URI of its SDP path).
     *
     * @param fromPath the From-Path of a received request
     * @return true if this (remote) URI is the originator of the request
     */
    public boolean isOriginatorOf(List<MsrpUri> fromPath) {
        return !fromPath.isEmpty() && equals(fromPath.get(fromPath.size() - 1));
    }

    /**
     * Equality per RFC 4975 §6.1: scheme and host case-insensitive (IP literals as addresses),
     * an explicit port never equals an absent one, session-id case-sensitive, transport
     * case-insensitive; userinfo and URI parameters are ignored.
     */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MsrpUri)) {
            return false;
        }
        MsrpUri u = (MsrpUri) o;
        return secure == u.secure && port == u.port && host.key().equals(u.host.key())
                && Objects.equals(sessionId, u.sessionId) && transport.equalsIgnoreCase(u.transport);
    }

    @Override
    public int hashCode() {
        return Objects.hash(secure, port, host.key(), sessionId, transport.toLowerCase(Locale.ROOT));
    }

    /** @return the URI text exactly as parsed */
    @Override
    public String toString() {
        return text;
    }
}
