package org.sipdrop.server.internal;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.sipdrop.sip.ServerAuthenticator;

/**
 * The registrar's authentication policy for configured users: {@link DigestAuth} (RFC 7616
 * challenges with stateless nonces, qop=auth, replay protection) over a {@link UserDirectory}.
 * Credentials for another realm are {@link Outcome#FORBIDDEN} (403); wrong ones that answer our
 * own fresh challenge are {@link Outcome#WRONG} (403, RFC 3261 §21.4.4); malformed, forged or
 * replayed ones are re-challenged (RFC 3261 §22.4).
 */
final class DigestServerAuthenticator implements ServerAuthenticator {

    private static final System.Logger LOG = System.getLogger(DigestServerAuthenticator.class.getName());

    private final DigestAuth digest;
    private final UserDirectory users;

    DigestServerAuthenticator(DigestAuth digest, UserDirectory users) {
        this.digest = Objects.requireNonNull(digest, "digest");
        this.users = Objects.requireNonNull(users, "users");
    }

    @Override
    public String realm() {
        return digest.realm();
    }

    @Override
    public boolean knows(String user) {
        return users.contains(user, digest.realm());
    }

    @Override
    public List<String> challenges(boolean stale) {
        return digest.challenges(stale);
    }

    /** Failures are logged at DEBUG only: a guesser must not flood the log; the server logs lockouts. */
    @Override
    public Result verify(String method, String digestUri, String authorization) {
        try {
            Map<String, String> p = AuthParams.parse(authorization, "Digest");
            if (p.containsKey("realm") && !digest.realm().equals(p.get("realm"))) {
                return Result.of(Outcome.FORBIDDEN);
            }
        } catch (IllegalArgumentException malformed) {
            return Result.of(Outcome.REJECTED);
        }
        DigestAuth.Verdict v = digest.verify(method, digestUri, authorization);
        switch (v.outcome()) {
        case ACCEPTED:
            return Result.accepted(v.username().orElseThrow());
        case STALE:
            return Result.of(Outcome.STALE);
        case WRONG:
            LOG.log(System.Logger.Level.DEBUG, "Digest authentication failed: " + v.reason());
            return Result.of(Outcome.WRONG);
        default:
            LOG.log(System.Logger.Level.DEBUG, "Digest authentication failed: " + v.reason());
            return Result.of(Outcome.REJECTED);
        }
    }
}
