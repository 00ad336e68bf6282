package org.sipdrop.testing;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Raw SIP request texts for the tests, and RFC 2617 / RFC 3261 22.4 digest responses. */
final class SipRequests {

    private SipRequests() {
    }

    static String register(int serverPort, int localPort, String user, String callId, int cseq, String authorization) {
        String tag = callId.substring(0, 8);
        return "REGISTER sip:127.0.0.1:" + serverPort + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + localPort + ";branch=z9hG4bK" + UUID.randomUUID() + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + user + "@127.0.0.1>;tag=" + tag + "\r\n"
                + "To: <sip:" + user + "@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " REGISTER\r\n"
                + "Contact: <sip:" + user + "@127.0.0.1:" + localPort + ">\r\n"
                + "Expires: 60\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "Content-Length: 0\r\n\r\n";
    }

    static String message(int serverPort, int localPort, String from, String to, String body) {
        return message(serverPort, localPort, from, to, body, UUID.randomUUID().toString(), null);
    }

    static String message(int serverPort, int localPort, String from, String to, String body, String id,
            String proxyAuthorization) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return "MESSAGE sip:" + to + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + localPort + ";branch=z9hG4bK" + id + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + from + ">;tag=" + id.substring(0, 8) + "\r\n"
                + "To: <sip:" + to + ">\r\n"
                + "Call-ID: " + id + "\r\n"
                + "CSeq: " + (proxyAuthorization == null ? 1 : 2) + " MESSAGE\r\n"
                + (proxyAuthorization == null ? "" : "Proxy-Authorization: " + proxyAuthorization + "\r\n")
                + "Content-Type: text/plain\r\n"
                + "Content-Length: " + bytes.length + "\r\n\r\n" + body;
    }

    static String publish(int serverPort, int localPort, String user, String pidf) {
        String id = UUID.randomUUID().toString();
        byte[] bytes = pidf.getBytes(StandardCharsets.UTF_8);
        return "PUBLISH sip:" + user + "@127.0.0.1:" + serverPort + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + localPort + ";branch=z9hG4bK" + id + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + user + "@127.0.0.1>;tag=" + id.substring(0, 8) + "\r\n"
                + "To: <sip:" + user + "@127.0.0.1>\r\n"
                + "Call-ID: " + id + "\r\n"
                + "CSeq: 1 PUBLISH\r\n"
                + "Event: presence\r\n"
                + "Expires: 60\r\n"
                + "Content-Type: application/pidf+xml\r\n"
                + "Content-Length: " + bytes.length + "\r\n\r\n" + pidf;
    }

    /** A header's value from a response, or null. */
    static String header(String response, String name) {
        Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + "\\s*:\\s*(.*?)\\s*$").matcher(response);
        return m.find() ? m.group(1) : null;
    }

    /** A parameter of a WWW-Authenticate / Proxy-Authenticate challenge. */
    static String challengeParameter(String challenge, String name) {
        Matcher m = Pattern.compile("(?i)\\b" + name + "=\"?([^\",]*)\"?").matcher(challenge);
        if (!m.find()) {
            throw new AssertionError("no " + name + " in " + challenge);
        }
        return m.group(1);
    }

    /** The Authorization header value answering a qop=auth challenge (RFC 2617 3.2.2). */
    static String authorization(String challenge, String method, String uri, String user, String password) {
        String realm = challengeParameter(challenge, "realm");
        String nonce = challengeParameter(challenge, "nonce");
        String cnonce = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String nc = "00000001";
        String ha1 = md5(user + ":" + realm + ":" + password);
        String ha2 = md5(method + ":" + uri);
        String response = md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
        return "Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce + "\", uri=\"" + uri
                + "\", response=\"" + response + "\", algorithm=MD5, cnonce=\"" + cnonce + "\", qop=auth, nc=" + nc;
    }

    static String md5(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            return String.format("%032x", new BigInteger(1, digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
