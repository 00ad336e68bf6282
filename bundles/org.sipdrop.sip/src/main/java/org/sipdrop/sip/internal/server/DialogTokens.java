package org.sipdrop.sip.internal.server;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.crypto.spec.SecretKeySpec;

/**
 * Unforgeable marks of the dialogs this proxy record-routed, so that it can tell a request of
 * such a dialog from a made-up one without keeping any dialog state (RFC 3261 §16.4 allows a
 * proxy to "place enough information in those URIs to recognize them as values it provided").
 * <p>
 * The proxy puts a token in the URI of each Record-Route it inserts (§16.6 step 4, twice when
 * the transport changes, RFC 5658): a truncated HMAC-SHA256, under a random secret of this
 * server, of the Call-ID, the From tag of the request that sets up the dialog, and its From and
 * To addresses (user and host). Both ends copy the URI verbatim into their route sets (§12.1.1,
 * §12.1.2), so every later request in the dialog comes back with the token in its Route; the
 * initiator's tag and address are then in its From (requests of the caller) or its To (requests
 * of the callee, §12.2.1.1), hence both ways are tried. A token says nothing about any other
 * Call-ID, tag or address — a party of one dialog cannot speak as somebody else in it — and
 * nobody without the secret can make one. The secret lives as long as the server: dialogs do
 * not survive a restart of it.
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

    /**
     * @return the token of the dialog set up with {@code callId} by the side tagged
     *         {@code initiatorTag} at {@code initiator} towards {@code peer} (addresses as {@link #address})
     */
    String of(String callId, String initiatorTag, String initiator, String peer) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            // a line feed cannot occur in a header value: the fields cannot be shifted into each other
            byte[] d = mac.doFinal((callId + "\n" + initiatorTag + "\n" + initiator + "\n" + peer).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this Java runtime", e);
        }
    }

    /**
     * @return whether {@code token} marks a dialog with {@code callId} between {@code from}
     *         (tagged {@code fromTag}) and {@code to} (tagged {@code toTag}), set up by either
     */
    boolean valid(String token, String callId, String fromTag, String from, String toTag, String to) {
        if (token == null || callId == null || fromTag == null || toTag == null) {
            return false;
        }
        byte[] given = token.getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(given, of(callId, fromTag, from, to).getBytes(StandardCharsets.US_ASCII))
                || MessageDigest.isEqual(given, of(callId, toTag, to, from).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * @return what identifies a party of a dialog: user and lower-case host of a sip or sips
     *         URI (ports and parameters may be spelled differently along the way), else the whole URI
     */
    static String address(URI uri) {
        if (uri instanceof SipURI) {
            SipURI sip = (SipURI) uri;
            return (sip.getUser() == null ? "" : sip.getUser()) + "@" + LocalDomain.normalize(sip.getHost());
        }
        return String.valueOf(uri);
    }
}
