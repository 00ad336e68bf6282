package org.sipdrop.sip;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The authentication policy of a {@link SipServer}, free of SIP stack types: the server asks it
 * whether a user exists and whether the digest credentials of a request are right; the server
 * turns the answers into 401 challenges (REGISTER), 407 challenges (requests it proxies or
 * serves as presence agent, RFC 3261 §22.3), 403 and 404 responses (RFC 3261 §22.1, §22.4,
 * RFC 7616). The same challenges and verification serve both.
 * Implementations must be thread-safe: the server calls them from several threads.
 */
@ConsumerType
public interface ServerAuthenticator {

    /** What {@link #verify} decided. */
    enum Outcome {
        /** The credentials are right; {@link Result#user()} is the authenticated user name. */
        ACCEPTED,
        /** The credentials were right but the nonce is stale: re-challenge with {@code stale=true} (RFC 7616 §3.3). */
        STALE,
        /**
         * Missing or malformed credentials, or credentials that do not answer a challenge of ours
         * (a nonce we did not issue, e.g. before a restart; a replayed nonce count; a stale nonce
         * with a wrong response): a REGISTER is challenged again with a fresh nonce (RFC 3261
         * §22.4); a request with such {@code Proxy-Authorization} gets 403.
         */
        REJECTED,
        /**
         * Credentials that answer our own challenge (our realm, a nonce we issued and that is not
         * stale) but are wrong: wrong password or unknown user. Another challenge would only make
         * the client try the same password again, so the server answers 403 (RFC 3261 §21.4.4:
         * "authorization will not help"), for REGISTER as for every other request.
         */
        WRONG,
        /** Credentials that can never succeed here, e.g. for another realm: answer 403 (RFC 3261 §21.4.4). */
        FORBIDDEN
    }

    /** The outcome and, when accepted, the authenticated user name. */
    record Result(Outcome outcome, Optional<String> user) {
        public Result {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(user, "user");
        }

        public static Result accepted(String user) {
            return new Result(Outcome.ACCEPTED, Optional.of(user));
        }

        public static Result of(Outcome outcome) {
            return new Result(outcome, Optional.empty());
        }
    }

    /** @return the protection space named in challenges (RFC 7616 §3.3) */
    String realm();

    /**
     * @return whether {@code user} is a user of this server; decides 480 (known, not registered)
     *         against 404 (unknown) in the proxy (RFC 3261 §16.5, §21.4.5), told only to
     *         authenticated users of the domain (anybody else gets 480 for both)
     */
    boolean knows(String user);

    /**
     * @param stale whether the previous credentials failed only for a stale nonce
     * @return the values of the {@code WWW-Authenticate} headers of a 401 or the
     *         {@code Proxy-Authenticate} headers of a 407, strongest first
     */
    List<String> challenges(boolean stale);

    /**
     * @param method the request method (A2 of RFC 7616 §3.4.3)
     * @param digestUri the Request-URI, spelled as the credentials' {@code uri} directive when the
     *        server found both equivalent (RFC 3261 §19.1.4)
     * @param authorization the {@code Authorization} or {@code Proxy-Authorization} header value, never null
     */
    Result verify(String method, String digestUri, String authorization);
}
