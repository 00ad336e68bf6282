package org.sipdrop.sip.internal.server;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sip.address.URI;

/**
 * The bindings of the registrar (RFC 3261 §10.3), in memory and bounded: per address-of-record
 * (keyed by user name: the server serves one domain), contact URIs with the Call-ID and CSeq of
 * the REGISTER that set them and an expiry. Expired bindings are dropped on every access and by
 * {@link #purge()}.
 */
final class LocationService {

    /** Most contacts kept for one address-of-record. */
    static final int MAX_CONTACTS_PER_USER = 10;
    /** Most addresses-of-record with bindings. */
    static final int MAX_USERS = 10_000;
    /** Most users remembered as having registered once (open mode: 480 instead of 404). */
    static final int MAX_SEEN = 100_000;

    /** A binding of one contact. */
    /** @param flow the connection the REGISTER came on (RFC 5626 §5.3), null for UDP */
    record Binding(URI contact, URI flow, String callId, long cseq, long expiresAtMillis) {
        int remainingSeconds(long now) {
            return (int) Math.max(0, (expiresAtMillis - now + 999) / 1000);
        }
    }

    /** A binding change asked by one REGISTER: {@code expires} 0 removes. */
    record Change(URI contact, int expires) {
    }

    /** Result of {@link #apply}. */
    enum Outcome {
        DONE,
        /** RFC 3261 §10.3 step 7: same Call-ID with a CSeq not higher: 500. */
        OUT_OF_ORDER,
        /** Bounds exceeded. */
        FULL
    }

    private final Clock clock;
    private final Map<String, List<Binding>> bindings = new HashMap<>();
    private final Set<String> seen = new LinkedHashSet<>();

    LocationService(Clock clock) {
        this.clock = clock;
    }

    /** Applies all changes of one REGISTER atomically, or none (RFC 3261 §10.3 step 7). */
    synchronized Outcome apply(String user, String callId, long cseq, List<Change> changes, URI flow) {
        long now = clock.millis();
        List<Binding> current = new ArrayList<>(live(user, now));
        for (Change c : changes) {
            Binding existing = find(current, c.contact());
            if (existing != null && existing.callId().equals(callId) && existing.cseq() >= cseq) {
                return Outcome.OUT_OF_ORDER;
            }
            current.remove(existing);
            if (c.expires() > 0) {
                current.add(new Binding(c.contact(), flow, callId, cseq, now + c.expires() * 1000L));
            }
        }
        if (current.size() > MAX_CONTACTS_PER_USER || (!bindings.containsKey(user) && bindings.size() >= MAX_USERS && !current.isEmpty())) {
            return Outcome.FULL;
        }
        store(user, current);
        return Outcome.DONE;
    }

    /** RFC 3261 §10.3 step 6: {@code Contact: *} with Expires 0 removes every binding. */
    synchronized Outcome removeAll(String user, String callId, long cseq) {
        for (Binding b : live(user, clock.millis())) {
            if (b.callId().equals(callId) && b.cseq() >= cseq) {
                return Outcome.OUT_OF_ORDER;
            }
        }
        store(user, List.of());
        return Outcome.DONE;
    }

    private void store(String user, List<Binding> list) {
        if (list.isEmpty()) {
            bindings.remove(user);
        } else {
            bindings.put(user, List.copyOf(list));
            if (seen.add(user) && seen.size() > MAX_SEEN) {
                seen.remove(seen.iterator().next());
            }
        }
    }

    private static Binding find(List<Binding> list, URI contact) {
        for (Binding b : list) {
            if (b.contact().equals(contact)) {
                return b;
            }
        }
        return null;
    }

    private List<Binding> live(String user, long now) {
        List<Binding> list = bindings.getOrDefault(user, List.of());
        if (list.stream().anyMatch(b -> b.expiresAtMillis() <= now)) {
            list = list.stream().filter(b -> b.expiresAtMillis() > now).toList();
            store(user, list);
        }
        return list;
    }

    /** @return the unexpired bindings of {@code user} */
    synchronized List<Binding> lookup(String user) {
        return live(user, clock.millis());
    }

    /** @return whether {@code user} has registered at some time (bounded memory) */
    synchronized boolean hasRegistered(String user) {
        return seen.contains(user);
    }

    /** @return whether {@code uri} is the contact of some live binding: a UA this server serves */
    synchronized boolean isContact(URI uri) {
        long now = clock.millis();
        return bindings.values().stream().flatMap(List::stream).anyMatch(b -> b.expiresAtMillis() > now && b.contact().equals(uri));
    }

    synchronized void purge() {
        long now = clock.millis();
        for (String user : List.copyOf(bindings.keySet())) {
            live(user, now);
        }
    }

    Instant expiry(Binding b) {
        return Instant.ofEpochMilli(b.expiresAtMillis());
    }

    long now() {
        return clock.millis();
    }
}
