package org.sipdrop.transfer.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.sipdrop.transfer.TransportProvider;

/**
 * The transports registered right now, ordered as OSGi orders services: highest
 * {@code service.ranking} first, then oldest ({@code service.id}) first. Thread-safe; readers
 * see a consistent snapshot.
 */
public final class TransportRegistry {

    /** One registered provider with the service properties that matter here. */
    public static final class Entry {
        final TransportProvider provider;
        final Set<String> schemes;
        final int ranking;
        final long serviceId;

        public Entry(TransportProvider provider, Set<String> schemes, int ranking, long serviceId) {
            this.provider = Objects.requireNonNull(provider, "provider");
            this.schemes = Set.copyOf(schemes);
            this.ranking = ranking;
            this.serviceId = serviceId;
        }
    }

    private static final Comparator<Entry> ORDER = Comparator.<Entry>comparingInt(e -> -e.ranking)
            .thenComparingLong(e -> e.serviceId);

    private volatile List<Entry> entries = List.of();

    /**
     * Reads the schemes from a {@link TransportProvider#SCHEME_PROPERTY} value: a String (which
     * may hold a comma-separated list), a String[] or a Collection.
     */
    public static Set<String> schemesOf(Object property) {
        List<String> raw = new ArrayList<>();
        if (property instanceof String) {
            raw.add((String) property);
        } else if (property instanceof String[]) {
            raw.addAll(List.of((String[]) property));
        } else if (property instanceof Collection) {
            ((Collection<?>) property).forEach(o -> raw.add(String.valueOf(o)));
        }
        Set<String> schemes = new LinkedHashSet<>();
        for (String r : raw) {
            for (String s : r.split(",")) {
                String scheme = s.trim().toLowerCase(Locale.ROOT);
                if (!scheme.isEmpty()) {
                    schemes.add(scheme);
                }
            }
        }
        return schemes;
    }

    /** @return true if the entry was added (it serves at least one scheme) */
    public synchronized boolean add(Entry entry) {
        if (entry.schemes.isEmpty()) {
            return false;
        }
        List<Entry> next = new ArrayList<>(entries);
        next.add(entry);
        next.sort(ORDER);
        entries = List.copyOf(next);
        return true;
    }

    /** @return true if the provider was registered and is now gone */
    public synchronized boolean remove(TransportProvider provider) {
        List<Entry> next = new ArrayList<>(entries);
        boolean removed = next.removeIf(e -> e.provider == provider);
        entries = List.copyOf(next);
        return removed;
    }

    public List<TransportProvider> providers() {
        return entries.stream().map(e -> e.provider).collect(Collectors.toUnmodifiableList());
    }

    /** @return the schemes in ranking order, without duplicates */
    public Set<String> schemes() {
        Set<String> all = new LinkedHashSet<>();
        entries.forEach(e -> all.addAll(e.schemes));
        return all;
    }

    public Optional<TransportProvider> forScheme(String scheme) {
        String s = scheme.toLowerCase(Locale.ROOT);
        return entries.stream().filter(e -> e.schemes.contains(s)).map(e -> e.provider).findFirst();
    }

    /**
     * @return the first preferred scheme both sides serve, else the best-ranked local scheme
     *         the peer serves
     */
    public Optional<String> choose(Collection<String> peerSchemes, List<String> preference) {
        Set<String> peer = peerSchemes.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        Set<String> local = schemes();
        for (String p : preference) {
            String s = p.toLowerCase(Locale.ROOT);
            if (peer.contains(s) && local.contains(s)) {
                return Optional.of(s);
            }
        }
        return local.stream().filter(peer::contains).findFirst();
    }
}
