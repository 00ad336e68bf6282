package org.sipdrop.server.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Server side of HTTP Digest authentication as SIP uses it (RFC 3261 §22.4, RFC 7616, RFC 2617):
 * builds the {@code WWW-Authenticate} challenges of a 401 and verifies an {@code Authorization}
 * header. Nonces are stateless ({@link Nonces}: time stamp + HMAC), nonce counts are tracked
 * in bounded memory ({@link NonceCounts}) so replays are refused. Only {@code qop=auth} is
 * offered and accepted; {@code opaque} is required back unchanged (RFC 7616 §3.3). Hash
 * comparison is constant-time.
 * <p>
 * Not for open mode: a server in open mode ({@link UserDirectory#isOpen()}) does not challenge.
 */
public final class DigestAuth {

    /** RFC 7616 §3.3: the only quality of protection we offer and accept. */
    public static final String QOP_AUTH = "auth";
    /** Default nonce lifetime: long enough for a REGISTER refresh burst, short enough to limit replay. */
    public static final Duration DEFAULT_NONCE_LIFETIME = Duration.ofMinutes(5);
    /** Default number of nonces whose counts are remembered. */
    public static final int DEFAULT_NONCE_CAPACITY = 10_000;

    /** The outcome of {@link #verify}. */
    public enum Outcome {
        /** Credentials are right; the request is authenticated as {@link Verdict#username()}. */
        ACCEPTED,
        /** Credentials were right but the nonce is stale: answer 401 with {@code challenges(true)}. */
        STALE,
        /**
         * The credentials answer a challenge of ours (a nonce we issued and that is still fresh,
         * our realm, our opaque) but the response is wrong: wrong password or unknown user. Answer
         * 403 (RFC 3261 §21.4.4): another challenge would only bring the same wrong password back.
         */
        WRONG,
        /** Anything else (malformed, forged or replayed nonce, stale nonce with a wrong response): answer 401 with {@code challenges(false)}. */
        REJECTED
    }

    /** What {@link #verify} found; {@code reason} is for logs, never for the client. */
    public record Verdict(Outcome outcome, Optional<String> username, String reason) {
        public Verdict {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(reason, "reason");
        }

        static Verdict rejected(String reason) {
            return new Verdict(Outcome.REJECTED, Optional.empty(), reason);
        }
    }

    private final String realm;
    private final UserDirectory users;
    private final Clock clock;
    private final Nonces nonces;
    private final NonceCounts counts;
    private final long lifetimeMillis;
    private final String opaque;

    /** With {@link #DEFAULT_NONCE_LIFETIME}, {@link #DEFAULT_NONCE_CAPACITY}, a random secret. */
    public DigestAuth(String realm, UserDirectory users, Clock clock, SecureRandom random) {
        this(realm, users, clock, random, randomSecret(random), DEFAULT_NONCE_LIFETIME, DEFAULT_NONCE_CAPACITY);
    }

    /**
     * @param realm the protection space (RFC 7616 §3.3), e.g. the server's domain
     * @param users not in open mode
     * @param secret at least 16 bytes; nonces survive a restart only if it does
     */
    public DigestAuth(String realm, UserDirectory users, Clock clock, SecureRandom random, byte[] secret,
            Duration nonceLifetime, int nonceCapacity) {
        UserDirectory.checkName("realm", realm);
        this.realm = realm;
        this.users = Objects.requireNonNull(users, "users");
        if (users.isOpen()) {
            throw new IllegalArgumentException("Open mode needs no digest authentication; do not challenge");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nonces = new Nonces(secret, realm, clock, nonceLifetime, random);
        this.counts = new NonceCounts(nonceCapacity);
        this.lifetimeMillis = nonceLifetime.toMillis();
        this.opaque = nonces.opaque();
    }

    private static byte[] randomSecret(SecureRandom random) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return secret;
    }

    public String realm() {
        return realm;
    }

    /**
     * RFC 7616 §3.3, §3.7: one {@code WWW-Authenticate} value per algorithm, strongest first,
     * all with the same fresh nonce, e.g.
     * {@code Digest realm="sipdrop", qop="auth", algorithm=SHA-256, nonce="...", opaque="..."}.
     *
     * @param stale whether the previous request failed only because its nonce was stale
     */
    public List<String> challenges(boolean stale) {
        String nonce = nonces.issue();
        List<String> out = new ArrayList<>();
        for (DigestAlgorithm a : users.algorithms(realm)) {
            out.add("Digest realm=" + AuthParams.quote(realm) + ", qop=\"" + QOP_AUTH + "\", algorithm=" + a.token()
                    + ", nonce=" + AuthParams.quote(nonce) + ", opaque=" + AuthParams.quote(opaque)
                    + (stale ? ", stale=true" : ""));
        }
        return out;
    }

    /**
     * Verifies an {@code Authorization} (or {@code Proxy-Authorization}) value.
     *
     * @param method the request method, e.g. {@code REGISTER} (A2 = method ":" uri, RFC 7616 §3.4.3)
     * @param requestUri the Request-URI as received; the {@code uri} directive must equal it
     *        (RFC 7616 §3.4.6); {@code null} skips that check
     * @param authorization the header value, or {@code null} when absent
     */
    public Verdict verify(String method, String requestUri, String authorization) {
        Objects.requireNonNull(method, "method");
        Map<String, String> p;
        try {
            p = AuthParams.parse(authorization, "Digest");
        } catch (IllegalArgumentException e) {
            return Verdict.rejected("malformed credentials: " + e.getMessage());
        }
        for (String required : List.of("username", "realm", "nonce", "uri", "response", "qop", "nc", "cnonce", "opaque")) {
            if (!p.containsKey(required)) {
                return Verdict.rejected(p.containsKey("username*") ? "username* (RFC 7616 §3.4.4) is not supported"
                        : "missing directive '" + required + "'");
            }
        }
        if ("true".equalsIgnoreCase(p.get("userhash"))) {
            return Verdict.rejected("userhash (RFC 7616 §3.4.4) is not supported");
        }
        if (!realm.equals(p.get("realm"))) {
            return Verdict.rejected("realm '" + p.get("realm") + "' is not ours");
        }
        Optional<DigestAlgorithm> algorithm = p.containsKey("algorithm") ? DigestAlgorithm.fromToken(p.get("algorithm"))
                : Optional.of(DigestAlgorithm.MD5);
        Set<DigestAlgorithm> offered = users.algorithms(realm);
        if (algorithm.isEmpty() || !offered.contains(algorithm.get())) {
            return Verdict.rejected("algorithm '" + p.get("algorithm") + "' was not offered");
        }
        if (!QOP_AUTH.equalsIgnoreCase(p.get("qop"))) {
            return Verdict.rejected("qop '" + p.get("qop") + "' was not offered; only qop=auth");
        }
        String nc = p.get("nc");
        if (nc.length() != 8 || !nc.chars().allMatch(c -> Character.digit(c, 16) >= 0) || Long.parseLong(nc, 16) == 0) {
            return Verdict.rejected("nc must be 8 hex digits, not 0 (RFC 7616 §3.4)");
        }
        if (p.get("cnonce").isEmpty()) {
            return Verdict.rejected("empty cnonce");
        }
        if (requestUri != null && !requestUri.equals(p.get("uri"))) {
            return Verdict.rejected("uri '" + p.get("uri") + "' differs from the Request-URI");
        }
        if (!MessageDigest.isEqual(opaque.getBytes(StandardCharsets.UTF_8), p.get("opaque").getBytes(StandardCharsets.UTF_8))) {
            return Verdict.rejected("opaque was not returned unchanged");
        }
        String nonce = p.get("nonce");
        Nonces.Check nonceCheck = nonces.check(nonce);
        if (nonceCheck == Nonces.Check.FORGED) {
            return Verdict.rejected("nonce was not issued by this server");
        }
        DigestAlgorithm a = algorithm.get();
        String user = p.get("username");
        Optional<String> ha1 = users.ha1(user, realm, a);
        // Compute even for an unknown user, so timing does not tell which users exist.
        String expected = response(a, ha1.orElse("0".repeat(a.hexLength())), nonce, nc, p.get("cnonce"), p.get("qop"), method,
                p.get("uri"));
        boolean match = MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                p.get("response").toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        if (ha1.isEmpty() || !match) {
            String reason = "unknown user or wrong password for '" + user + "'";
            // a stale nonce with a wrong response is re-challenged: the client's next try uses a fresh nonce
            return nonceCheck == Nonces.Check.FRESH ? new Verdict(Outcome.WRONG, Optional.empty(), reason) : Verdict.rejected(reason);
        }
        if (nonceCheck == Nonces.Check.STALE) {
            return new Verdict(Outcome.STALE, Optional.of(user), "nonce is stale");
        }
        long now = clock.millis();
        switch (counts.present(nonce, nonces.issuedAt(nonce), Long.parseLong(nc, 16), now - lifetimeMillis)) {
        case REPLAYED:
            return Verdict.rejected("nonce count " + nc + " was already used: replay");
        case FORGOTTEN:
            return new Verdict(Outcome.STALE, Optional.of(user), "nonce no longer tracked; a fresh one is needed");
        default:
            return new Verdict(Outcome.ACCEPTED, Optional.of(user), "authenticated");
        }
    }

    /**
     * RFC 7616 §3.4.1 with qop=auth: {@code H(HA1 ":" nonce ":" nc ":" cnonce ":" qop ":" H(method ":" uri))}.
     */
    static String response(DigestAlgorithm a, String ha1, String nonce, String nc, String cnonce, String qop, String method,
            String uri) {
        String ha2 = a.hash(method + ":" + uri);
        return a.hash(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }
}
