package org.sipdrop.presence;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.osgi.annotation.versioning.ProviderType;
import org.sipdrop.sip.SipResponse;

/**
 * One user's presence over SIP SIMPLE: publishes the user's own status (PUBLISH, RFC 3903,
 * PIDF RFC 3863 with RPID RFC 4480) and watches contacts (SUBSCRIBE to the presence event
 * package, RFC 3856), keeping their latest status.
 */
@ProviderType
public interface PresenceClient extends AutoCloseable {

    /** Seconds a publication or subscription lasts before it is refreshed. */
    int DEFAULT_EXPIRES = 600;

    /**
     * Publishes the user's status; {@link PresenceStatus#OFFLINE} publishes a closed document
     * so watchers see it at once.
     */
    CompletableFuture<SipResponse> publish(PresenceStatus status, String note);

    /** Publishes a full presence document (e.g. with the transport schemes this user accepts). */
    CompletableFuture<SipResponse> publish(Presence presence);

    /**
     * Publishes a full presence document for {@code lifetime} (RFC 3903 §4.1: the server may
     * grant less; the 200's Expires says what it granted). While this client is open the
     * publication is refreshed; after {@link #detach()} it lasts until it expires or is replaced.
     *
     * @since 0.2
     */
    CompletableFuture<SipResponse> publish(Presence presence, java.time.Duration lifetime);

    /**
     * Subscribes to a contact's presence; its status is {@link PresenceStatus#OFFLINE} until
     * the first NOTIFY says otherwise. Idempotent per contact.
     *
     * @return the response to the SUBSCRIBE
     */
    CompletableFuture<SipResponse> watch(String contact);

    /** Ends the subscription to a contact. */
    void unwatch(String contact);

    /** @return the latest presence of each watched contact, by the URI given to {@link #watch} */
    Map<String, Presence> contacts();

    /** Told every change of a watched contact's presence, on a SIP thread: return quickly. */
    void addListener(Consumer<Presence> listener);

    void removeListener(Consumer<Presence> listener);

    /** Ends every subscription and removes the publication (RFC 3903 §4.5); the user agent stays open. */
    @Override
    void close();

    /**
     * Ends every subscription but leaves the publication on the presence server until it expires
     * or the user publishes again: for a front end that sets a status and exits (a status that
     * vanished with the command would never be seen by a watcher).
     *
     * @since 0.2
     */
    void detach();
}
