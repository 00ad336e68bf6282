package org.sipdrop.server.internal.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.sipdrop.server.internal.DigestAlgorithm;
import org.sipdrop.server.internal.DigestAuth;
import org.sipdrop.server.internal.UserDirectory;

/**
 * Who may change the storage: the server's users, with HTTP Digest (RFC 7616, the server's
 * {@link DigestAuth}: stateless nonces, qop=auth, replay protection) on any connection, or Basic
 * (RFC 7617) where the password cannot be overheard: over HTTPS or from a loopback address. In
 * open mode (no users file) anyone may upload, as anyone may register; the server warns when that
 * reaches beyond loopback.
 */
public final class StorageAuth {

    private static final System.Logger LOG = System.getLogger(StorageAuth.class.getName());
    /** Stands for the uploader in open mode. */
    public static final String ANONYMOUS = "";

    private final UserDirectory users;
    private final String realm;
    private final DigestAuth digest;

    /** @param digest {@code null} in open mode */
    public StorageAuth(UserDirectory users, String realm, DigestAuth digest) {
        this.users = users;
        this.realm = realm;
        this.digest = digest;
        if (!users.isOpen() && digest == null) {
            throw new IllegalArgumentException("Users need digest authentication");
        }
    }

    /** @return an open-mode policy: everyone is {@link #ANONYMOUS} */
    public static StorageAuth open(String realm) {
        return new StorageAuth(UserDirectory.open(), realm, null);
    }

    public boolean isOpen() {
        return users.isOpen();
    }

    /**
     * The outcome of {@link #authenticate}.
     *
     * @param user the authenticated user ({@link #ANONYMOUS} in open mode); empty: answer 401
     * @param stale the credentials were right but the nonce is stale: challenge with
     *        {@code stale=true} (RFC 7616 §3.3) so the client retries without asking its user
     */
    public record Result(Optional<String> user, boolean stale) {
        static final Result REFUSED = new Result(Optional.empty(), false);
    }

    /**
     * @param method the request method
     * @param rawUri the request-target as received (RFC 7616 §3.4: the {@code uri} directive)
     * @param authorization the {@code Authorization} value or {@code null}
     * @param basicAllowed whether the connection is HTTPS or from loopback
     */
    public Result authenticate(String method, String rawUri, String authorization, boolean basicAllowed) {
        if (users.isOpen()) {
            return new Result(Optional.of(ANONYMOUS), false);
        }
        if (authorization == null) {
            return Result.REFUSED;
        }
        String a = authorization.strip();
        if (a.regionMatches(true, 0, "Basic ", 0, 6)) {
            return basicAllowed ? new Result(basic(a.substring(6).strip()), false) : Result.REFUSED;
        }
        DigestAuth.Verdict v = digest.verify(method, rawUri, a);
        if (v.outcome() == DigestAuth.Outcome.ACCEPTED) {
            return new Result(v.username(), false);
        }
        LOG.log(System.Logger.Level.INFO, "Storage digest authentication failed: " + v.reason());
        return new Result(Optional.empty(), v.outcome() == DigestAuth.Outcome.STALE);
    }

    /** RFC 7617 §2: base64(user-id ":" password), UTF-8; checked against the stored HA1 (RFC 7616 §3.4.2). */
    private Optional<String> basic(String token) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String user = decoded.substring(0, colon);
        char[] password = decoded.substring(colon + 1).toCharArray();
        boolean ok = false;
        for (DigestAlgorithm alg : users.algorithms(realm)) {
            Optional<String> ha1 = users.ha1(user, realm, alg);
            if (ha1.isPresent()) {
                String given = alg.ha1(user, realm, password);
                ok |= MessageDigest.isEqual(ha1.get().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
                        given.getBytes(StandardCharsets.US_ASCII));
            }
        }
        if (!ok) {
            LOG.log(System.Logger.Level.INFO, "Storage basic authentication failed for '" + user + "'");
        }
        return ok ? Optional.of(user) : Optional.empty();
    }

    /**
     * @param stale whether the last Digest credentials failed only for a stale nonce
     * @return the {@code WWW-Authenticate} values of a 401: Digest (strongest first), then Basic where allowed
     */
    public List<String> challenges(boolean basicAllowed, boolean stale) {
        List<String> out = new ArrayList<>(digest == null ? List.of() : digest.challenges(stale));
        if (basicAllowed) {
            out.add("Basic realm=\"" + realm + "\", charset=\"UTF-8\"");
        }
        return out;
    }
}
