package org.sipdrop.sip.internal.server;

import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The event state compositor's store (RFC 3903 §6): per presentity, its publications by entity
 * tag, each with a body and an expiry. Composition policy, deliberately simple: the most recently
 * published or modified unexpired document wins; with none, the presentity is shown closed.
 */
final class PresenceStore {

    /** Most publications kept per presentity (several devices of one user). */
    static final int MAX_PER_ENTITY = 16;
    /** Most presentities with publications. */
    static final int MAX_ENTITIES = 10_000;

    private record Publication(byte[] body, long expiresAt, long sequence) {
    }

    /** What a PUBLISH did; {@code status} is the SIP status to answer. */
    record Outcome(int status, String etag, boolean changed) {
    }

    private final Clock clock;
    private final Map<String, Map<String, Publication>> entities = new HashMap<>();
    private long sequence;

    PresenceStore(Clock clock) {
        this.clock = clock;
    }

    /**
     * RFC 3903 §6 steps 5-8.
     *
     * @param ifMatch the SIP-If-Match entity tag, null for an initial publication
     * @param body the new document, null for a refresh or removal
     * @param expires granted expiry in seconds; 0 removes
     */
    synchronized Outcome publish(String entity, String ifMatch, byte[] body, int expires) {
        long now = clock.millis();
        Map<String, Publication> pubs = entities.computeIfAbsent(entity, e -> new LinkedHashMap<>());
        pubs.values().removeIf(p -> p.expiresAt() <= now);
        Publication old = null;
        if (ifMatch != null) {
            old = pubs.remove(ifMatch);
            if (old == null) {
                cleanup(entity, pubs);
                return new Outcome(412, null, false); // §6 step 4: Conditional Request Failed
            }
        } else if (body == null) {
            cleanup(entity, pubs);
            return new Outcome(400, null, false); // an initial PUBLISH needs a body
        }
        if (expires == 0) {
            cleanup(entity, pubs);
            return new Outcome(200, null, true);
        }
        if (old == null && (pubs.size() >= MAX_PER_ENTITY || (pubs.isEmpty() && entities.size() > MAX_ENTITIES))) {
            cleanup(entity, pubs);
            return new Outcome(503, null, false);
        }
        String etag = UUID.randomUUID().toString().replace("-", "");
        boolean changed = body != null;
        pubs.put(etag, new Publication(changed ? body.clone() : old.body(), now + expires * 1000L, changed ? ++sequence : old.sequence()));
        return new Outcome(200, etag, changed);
    }

    private void cleanup(String entity, Map<String, Publication> pubs) {
        if (pubs.isEmpty()) {
            entities.remove(entity);
        }
    }

    /** @return the composed document of {@code entity}: the latest publication, if any */
    synchronized Optional<byte[]> document(String entity) {
        long now = clock.millis();
        return entities.getOrDefault(entity, Map.of()).values().stream().filter(p -> p.expiresAt() > now)
                .max((a, b) -> Long.compare(a.sequence(), b.sequence())).map(p -> p.body().clone());
    }

    /** Drops expired publications; @return the entities whose document changed */
    synchronized Set<String> purge() {
        long now = clock.millis();
        Set<String> changed = new HashSet<>();
        entities.entrySet().removeIf(e -> {
            if (e.getValue().values().removeIf(p -> p.expiresAt() <= now)) {
                changed.add(e.getKey());
            }
            return e.getValue().isEmpty();
        });
        return changed;
    }
}
