package org.sipdrop.session;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.osgi.annotation.versioning.ProviderType;
import org.sipdrop.negotiation.FileTransferAgent;
import org.sipdrop.presence.PresenceClient;
import org.sipdrop.presence.PresenceStatus;
import org.sipdrop.sip.SipResponse;
import org.sipdrop.sip.SipUserAgent;

/**
 * One signed-in user: a registered user agent (the registration is refreshed until the session
 * closes), the file-transfer agent receiving by the session's acceptance policy, and the user's
 * presence. The status this session publishes always carries the URI schemes of the transports
 * running now: when a transport starts or stops, the session publishes again (RFC 3903 §4.4, a
 * modification), so watchers never offer a file over a transport this user no longer has.
 */
@ProviderType
public interface UserSession extends AutoCloseable {

    /** @return the registered user agent; owned by the session */
    SipUserAgent userAgent();

    /** @return the registrar's answer to the sign-in's REGISTER (a success: its status, Expires, Contacts) */
    SipResponse registration();

    /** @return this user's address of record, e.g. {@code sip:alice@127.0.0.1} */
    default String self() {
        return userAgent().account().aor();
    }

    /** @return the file-transfer agent; owned by the session */
    FileTransferAgent agent();

    /**
     * @return the presence client, for watching contacts; publish the user's own status with
     *         {@link #publish} instead, which keeps the advertised transports current
     */
    PresenceClient presence();

    /**
     * Publishes the user's status with the transports running now, for {@code lifetime}
     * (RFC 3903 §4.1; the server may grant less, the answer's Expires says what it granted).
     * The publication is refreshed while the session is open and published again, with the same
     * status, note and lifetime, whenever a transport starts or stops. Publications go out one
     * at a time, each after the previous one's answer (a modification carries the previous
     * answer's entity tag, RFC 3903 §4.4).
     *
     * @param note shown beside the status; null or blank for none
     * @return the answer to this PUBLISH
     */
    CompletableFuture<SipResponse> publish(PresenceStatus status, String note, Duration lifetime);

    /**
     * Signs out: withdraws the status (RFC 3903 §4.5) and ends the subscriptions, closes the
     * agent, un-registers and closes the endpoint. For a front end whose status means "I am here
     * now" (a running {@code receive}, a workbench).
     */
    @Override
    void close();

    /**
     * Signs out like {@link #close()} but leaves the published status on the presence server
     * until its lifetime runs out or another is published: for a front end that sets a status
     * and exits (a status withdrawn with the command would never be seen).
     */
    void closeKeepingStatus();
}
