package org.sipdrop.transport.http.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The storage user and password, and the {@code Authorization} values they give: Basic (RFC 7617)
 * sent at once, Digest (RFC 7616) computed from a server's challenge. Credentials go only to URLs
 * inside the configured storage ({@link #covers}): a URL from a peer's offer elsewhere is fetched
 * anonymously, so a hostile offer cannot collect the password.
 */
final class Credentials {

    private final URI base;
    private final String user;
    private final char[] password;
    private final SecureRandom random;
    private final AtomicInteger nonceCount = new AtomicInteger();

    Credentials(URI base, String user, char[] password, SecureRandom random) {
        this.base = base;
        this.user = user;
        this.password = password == null ? new char[0] : password.clone();
        this.random = Objects.requireNonNull(random, "random");
    }

    boolean present() {
        return user != null && !user.isEmpty();
    }

    /**
     * @return whether {@code url} lies inside the storage collection: same scheme, host and port,
     *         and a path under the base path (RFC 7617 §2.2 protection space, kept narrow)
     */
    boolean covers(URI url) {
        if (base == null || url == null || !present()) {
            return false;
        }
        return base.getScheme().equalsIgnoreCase(String.valueOf(url.getScheme()))
                && base.getHost().equalsIgnoreCase(String.valueOf(url.getHost()))
                && port(base) == port(url)
                && url.getRawPath() != null && url.getRawPath().startsWith(base.getRawPath())
                && !url.getRawPath().contains("/../");
    }

    private static int port(URI u) {
        if (u.getPort() >= 0) {
            return u.getPort();
        }
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    /** @return {@code Basic base64(user:password)} (RFC 7617 §2, UTF-8 as §2.1 allows) */
    String basic() {
        byte[] pw = new String(password).getBytes(StandardCharsets.UTF_8);
        byte[] u = (user + ":").getBytes(StandardCharsets.UTF_8);
        byte[] both = Arrays.copyOf(u, u.length + pw.length);
        System.arraycopy(pw, 0, both, u.length, pw.length);
        try {
            return "Basic " + Base64.getEncoder().encodeToString(both);
        } finally {
            Arrays.fill(pw, (byte) 0);
            Arrays.fill(both, (byte) 0);
        }
    }

    /**
     * Answers a {@code WWW-Authenticate: Digest ...} challenge (RFC 7616 §3.4) for one request.
     *
     * @return the Authorization value, or empty when the challenge is not Digest or uses an
     *         algorithm or qop this client does not support
     */
    Optional<String> digest(String challenge, String method, URI url) {
        byte[] c = new byte[12];
        random.nextBytes(c);
        return digest(challenge, method, url, HexFormat.of().formatHex(c));
    }

    /** As {@link #digest(String, String, URI)} with a given client nonce (tests use RFC 7616's). */
    Optional<String> digest(String challenge, String method, URI url, String cnonce) {
        if (challenge == null || !challenge.regionMatches(true, 0, "Digest ", 0, 7)) {
            return Optional.empty();
        }
        Map<String, String> p = params(challenge.substring(7));
        String realm = p.get("realm");
        String nonce = p.get("nonce");
        if (realm == null || nonce == null) {
            return Optional.empty();
        }
        // the server's values go back inside quoted-strings (RFC 7616 §3.4, RFC 9110 §5.6.4); one
        // that no quoted-string can carry (a control character) cannot be answered
        String opaque = p.get("opaque");
        if (user == null || !quotable(user) || !quotable(realm) || !quotable(nonce) || (opaque != null && !quotable(opaque))) {
            return Optional.empty();
        }
        String algorithm = p.getOrDefault("algorithm", "MD5");
        String hash = switch (algorithm.toUpperCase(Locale.ROOT)) {
            case "MD5" -> "MD5";
            case "SHA-256" -> "SHA-256";
            default -> null;
        };
        String qops = p.get("qop");
        if (hash == null || (qops != null && !Arrays.asList(qops.toLowerCase(Locale.ROOT).split("\\s*,\\s*")).contains("auth"))) {
            return Optional.empty();
        }
        String uri = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        String ha1 = hex(hash, user + ":" + realm + ":" + new String(password));
        String ha2 = hex(hash, method + ":" + uri);
        StringBuilder h = new StringBuilder("Digest username=").append(quote(user)).append(", realm=").append(quote(realm))
                .append(", nonce=").append(quote(nonce)).append(", uri=").append(quote(uri)).append(", algorithm=").append(algorithm);
        if (qops != null) {
            String nc = String.format("%08x", nonceCount.incrementAndGet());
            h.append(", qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce).append("\", response=\"")
                    .append(hex(hash, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2)).append('"');
        } else {
            h.append(", response=\"").append(hex(hash, ha1 + ":" + nonce + ":" + ha2)).append('"');
        }
        if (opaque != null) {
            h.append(", opaque=").append(quote(opaque));
        }
        return Optional.of(h.toString());
    }

    /**
     * @return whether a quoted-string can carry {@code s}: HTAB, SP, VCHAR, obs-text (RFC 9110
     *         §5.6.4), one octet each, as java.net.http accepts in a header value
     */
    private static boolean quotable(String s) {
        return s.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c != 0x7f && c <= 0xff));
    }

    /** @return {@code s} as a quoted-string, {@code "} and {@code \} escaped (RFC 9110 §5.6.4) */
    private static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.append('"').toString();
    }

    /** Splits {@code a="x", b=y} (RFC 7235 §2.1 auth-params, quoted-string with backslash escapes). */
    static Map<String, String> params(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && (s.charAt(i) == ',' || s.charAt(i) == ' ')) {
                i++;
            }
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = s.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            i = eq + 1;
            StringBuilder v = new StringBuilder();
            if (i < n && s.charAt(i) == '"') {
                i++;
                while (i < n && s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    v.append(s.charAt(i++));
                }
                i++;
            } else {
                while (i < n && s.charAt(i) != ',') {
                    v.append(s.charAt(i++));
                }
            }
            out.put(name, v.toString().strip());
        }
        return out;
    }

    private static String hex(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
        }
    }
}
