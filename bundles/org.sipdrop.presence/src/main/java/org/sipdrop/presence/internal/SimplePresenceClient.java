package org.sipdrop.presence.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.sipdrop.presence.Presence;
import org.sipdrop.presence.PresenceClient;
import org.sipdrop.presence.PresenceStatus;
import org.sipdrop.presence.internal.pidf.PidfException;
import org.sipdrop.presence.internal.pidf.PidfParser;
import org.sipdrop.presence.internal.pidf.PidfWriter;
import org.sipdrop.sip.IncomingRequest;
import org.sipdrop.sip.SipBody;
import org.sipdrop.sip.SipResponse;
import org.sipdrop.sip.SipUserAgent;
import org.sipdrop.sip.Subscription;

/** SIP SIMPLE presence on a {@link SipUserAgent}: PUBLISH own PIDF, SUBSCRIBE to contacts. */
final class SimplePresenceClient implements PresenceClient {

    /** RFC 3856 §6: the presence event package. */
    static final String EVENT = "presence";

    private static final System.Logger LOG = System.getLogger(SimplePresenceClient.class.getName());

    private final SipUserAgent ua;
    private final PidfWriter writer;
    private final PidfParser parser = new PidfParser();
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, Presence> contacts = new ConcurrentHashMap<>();
    private final List<Consumer<Presence>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean published;

    SimplePresenceClient(SipUserAgent ua) {
        this.ua = ua;
        // one tuple per device: the Contact is unique to this agent (RFC 3863 §4.1.2 tuple id is an XML ID)
        this.writer = new PidfWriter("t" + Integer.toHexString(ua.contact().hashCode() & 0x7fffffff));
    }

    @Override
    public CompletableFuture<SipResponse> publish(PresenceStatus status, String note) {
        Presence.Builder b = Presence.builder(ua.account().aor(), status).timestamp(Instant.now());
        if (note != null && !note.isBlank()) {
            b.note(note);
        }
        return publish(b.build());
    }

    @Override
    public CompletableFuture<SipResponse> publish(Presence presence) {
        return publish(presence, java.time.Duration.ofSeconds(DEFAULT_EXPIRES));
    }

    @Override
    public CompletableFuture<SipResponse> publish(Presence presence, java.time.Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.toSeconds() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("A publication lasts at least a second, was " + lifetime);
        }
        if (!presence.entity().equals(ua.account().aor())) {
            throw new IllegalArgumentException("A user publishes only their own presence (" + ua.account().aor()
                    + "), not " + presence.entity());
        }
        published = true;
        return ua.publish(EVENT, new SipBody(PidfWriter.mediaType(), writer.format(presence)), (int) lifetime.toSeconds());
    }

    @Override
    public CompletableFuture<SipResponse> watch(String contact) {
        Subscription existing = subscriptions.get(contact);
        if (existing != null && existing.isActive()) {
            return existing.established();
        }
        contacts.putIfAbsent(contact, Presence.builder(normalise(contact), PresenceStatus.OFFLINE).build());
        Subscription s = ua.subscribe(contact, EVENT, PidfWriter.mediaType(), DEFAULT_EXPIRES, n -> notified(contact, n));
        subscriptions.put(contact, s);
        return s.established();
    }

    private String normalise(String contact) {
        if (contact.startsWith("sip:") || contact.startsWith("sips:")) {
            return contact;
        }
        return "sip:" + (contact.indexOf('@') >= 0 ? contact : contact + "@" + ua.account().domain());
    }

    private void notified(String contact, IncomingRequest notify) {
        Presence p;
        if (notify.body().isEmpty()) {
            return; // RFC 6665 §4.1.3: a NOTIFY may carry no state yet (e.g. pending)
        }
        try {
            p = parser.parse(notify.body().get().content());
        } catch (PidfException e) {
            LOG.log(System.Logger.Level.WARNING, "Ignoring a presence document of " + contact + " that cannot be read: " + e.getMessage());
            return;
        }
        Presence previous = contacts.put(contact, p);
        if (previous == null || previous.status() != p.status() || !previous.note().equals(p.note())
                || !previous.transferSchemes().equals(p.transferSchemes())) {
            for (Consumer<Presence> l : listeners) {
                try {
                    l.accept(p);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "A presence listener failed", e);
                }
            }
        }
    }

    @Override
    public void unwatch(String contact) {
        Subscription s = subscriptions.remove(contact);
        if (s != null) {
            s.close();
        }
        contacts.remove(contact);
    }

    @Override
    public Map<String, Presence> contacts() {
        return Map.copyOf(contacts);
    }

    @Override
    public void addListener(Consumer<Presence> listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(Consumer<Presence> listener) {
        listeners.remove(listener);
    }

    /**
     * Ends every subscription and removes this client's publication (RFC 3903 §4.5), so a
     * closed client leaves no stale status behind for the presence server to compose.
     */
    @Override
    public void detach() {
        published = false;
        close();
    }

    @Override
    public void close() {
        subscriptions.values().forEach(Subscription::close);
        subscriptions.clear();
        if (published) {
            published = false;
            try {
                ua.unpublish(EVENT).get(2, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.log(System.Logger.Level.DEBUG, "Removing the publication did not complete: " + e.getMessage());
            }
        }
    }

}
