package org.sipdrop.transport.msrp.internal.relay;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP Digest as RFC 4976 §5 uses it for AUTH: the relay's {@code WWW-Authenticate} challenge
 * (RFC 2617 §3.2.1, MD5, {@code qop=auth} or none) and the client's {@code Authorization}
 * answer (RFC 2617 §3.2.2) with method {@code AUTH} and the relay's To-Path URI as digest-uri.
 */
final class DigestChallenge {

    private final Map<String, String> params;

    private DigestChallenge(Map<String, String> params) {
        this.params = params;
    }

    /**
     * @param header a {@code WWW-Authenticate} value, e.g. {@code Digest realm="r", nonce="n", qop="auth"}
     * @return the parsed challenge
     * @throws IllegalArgumentException if it is not a Digest challenge with realm and nonce
     */
    static DigestChallenge parse(String header) {
        String h = header.trim();
        if (!h.regionMatches(true, 0, "Digest ", 0, 7)) {
            throw new IllegalArgumentException("The relay's challenge is not Digest (RFC 4976 §5): " + header);
        }
        Map<String, String> p = new HashMap<>();
        int i = 7;
        int n = h.length();
        while (i < n) {
            while (i < n && (h.charAt(i) == ' ' || h.charAt(i) == ',')) {
                i++;
            }
            int eq = h.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = h.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            int j = eq + 1;
            String value;
            if (j < n && h.charAt(j) == '"') {
                int close = h.indexOf('"', j + 1);
                if (close < 0) {
                    throw new IllegalArgumentException("Unclosed quote in the relay's challenge: " + header);
                }
                value = h.substring(j + 1, close);
                i = close + 1;
            } else {
                int comma = h.indexOf(',', j);
                value = h.substring(j, comma < 0 ? n : comma).trim();
                i = comma < 0 ? n : comma;
            }
            p.put(name, value);
        }
        if (!p.containsKey("realm") || !p.containsKey("nonce")) {
            throw new IllegalArgumentException("The relay's Digest challenge lacks realm or nonce: " + header);
        }
        String algorithm = p.getOrDefault("algorithm", "MD5");
        if (!algorithm.equalsIgnoreCase("MD5")) {
            throw new IllegalArgumentException("Only Digest MD5 is supported, the relay asks for " + algorithm);
        }
        return new DigestChallenge(p);
    }

    /**
     * @param user user name
     * @param password password
     * @param uri digest-uri: the relay URI the AUTH is addressed to
     * @param nonceCount how many times this nonce was used, from 1
     * @param random for the cnonce
     * @return the {@code Authorization} header value
     */
    String authorization(String user, String password, String uri, int nonceCount, SecureRandom random) {
        String realm = params.get("realm");
        String nonce = params.get("nonce");
        String ha1 = md5(user + ":" + realm + ":" + password);
        String ha2 = md5("AUTH:" + uri);
        boolean qopAuth = params.containsKey("qop")
                && java.util.Arrays.stream(params.get("qop").split(",")).anyMatch(q -> q.trim().equals("auth"));
        StringBuilder sb = new StringBuilder("Digest username=\"").append(user).append("\", realm=\"").append(realm)
                .append("\", nonce=\"").append(nonce).append("\", uri=\"").append(uri).append('"');
        String response;
        if (qopAuth) {
            String nc = String.format("%08x", nonceCount);
            byte[] c = new byte[8];
            random.nextBytes(c);
            String cnonce = HexFormat.of().formatHex(c);
            response = md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
            sb.append(", qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce).append('"');
        } else {
            response = md5(ha1 + ":" + nonce + ":" + ha2);
        }
        sb.append(", response=\"").append(response).append('"');
        if (params.containsKey("opaque")) {
            sb.append(", opaque=\"").append(params.get("opaque")).append('"');
        }
        return sb.append(", algorithm=MD5").toString();
    }

    static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every Java platform", e);
        }
    }
}
