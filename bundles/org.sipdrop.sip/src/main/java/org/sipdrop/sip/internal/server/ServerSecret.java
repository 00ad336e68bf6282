package org.sipdrop.sip.internal.server;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A random secret of one server, for the marks it leaves in messages and must later recognise
 * as its own without keeping state: dialog tokens in Record-Route ({@link DialogTokens}) and the
 * Via branches of the proxy ({@link Proxy}). It lives as long as the server.
 */
final class ServerSecret {

    private final SecretKeySpec key;

    ServerSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** @return the first {@code bytes} bytes of HMAC-SHA256 of {@code text}, in lower-case hex */
    String mac(String text, int bytes) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)), 0, bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this Java runtime", e);
        }
    }

    /** @return whether {@code given} is {@code expected}, in time independent of where they differ */
    static boolean same(String given, String expected) {
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
