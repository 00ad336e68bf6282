package org.sipdrop.sip.internal.server;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Unforgeable marks of the dialogs this proxy record-routed, so that it can tell a request of
 * such a dialog from a made-up one without keeping any dialog state (RFC 3261 §16.4 allows a
 * proxy to "place enough information in those URIs to recognize them as values it provided").
 * <p>
 * The proxy puts a token in the URI of each Record-Route it inserts (§16.6 step 4, twice when
 * the transport changes, RFC 5658): a truncated HMAC-SHA256, under a random secret of this
 * server, of the Call-ID and the From tag of the request that sets up the dialog. Both ends copy
 * the URI verbatim into their route sets (§12.1.1, §12.1.2), so every later request in the
 * dialog comes back with the token in its Route; the initiator's tag is then its From tag
 * (requests of the caller) or its To tag (requests of the callee), hence both are tried.
 * A token says nothing about any other Call-ID or tag, and nobody without the secret can make
 * one. The secret lives as long as the server: dialogs do not survive a restart of it.
 */
final class DialogTokens {

    /** The Record-Route URI parameter carrying the token (a {@code other-param}, RFC 3261 §25.1). */
    static final String PARAM = "sdt";
    /** 96 bits of the HMAC: enough that guessing is hopeless, short enough for a URI. */
    private static final int BYTES = 12;

    private final SecretKeySpec key;

    DialogTokens() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** @return the token of the dialog set up with {@code callId} by the side tagged {@code initiatorTag} */
    String of(String callId, String initiatorTag) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            // a line feed cannot occur in a header value: the two fields cannot be shifted into each other
            byte[] d = mac.doFinal((callId + "\n" + initiatorTag).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this Java runtime", e);
        }
    }

    /**
     * @return whether {@code token} marks a dialog with {@code callId} whose initiator is tagged
     *         {@code fromTag} or {@code toTag}
     */
    boolean valid(String token, String callId, String fromTag, String toTag) {
        if (token == null || callId == null) {
            return false;
        }
        byte[] given = token.getBytes(StandardCharsets.US_ASCII);
        return (fromTag != null && MessageDigest.isEqual(given, of(callId, fromTag).getBytes(StandardCharsets.US_ASCII)))
                || (toTag != null && MessageDigest.isEqual(given, of(callId, toTag).getBytes(StandardCharsets.US_ASCII)));
    }
}
