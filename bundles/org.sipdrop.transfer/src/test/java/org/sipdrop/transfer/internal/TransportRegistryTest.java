package org.sipdrop.transfer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.sipdrop.transfer.TransportProvider;
import org.sipdrop.transfer.TransportRequest;
import org.sipdrop.transfer.TransportSession;

class TransportRegistryTest {

    private static TransportProvider provider(String name) {
        return new TransportProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public TransportSession open(TransportRequest request) throws IOException {
                throw new IOException(name + " moves no bytes in this test");
            }

            @Override
            public Set<String> schemes() {
                return Set.of();
            }

            @Override
            public org.sipdrop.transfer.Carriage carriage(String scheme) {
                return org.sipdrop.transfer.Carriage.storage();
            }
        };
    }

    private final TransportRegistry registry = new TransportRegistry();
    private final TransportProvider msrp = provider("MSRP");
    private final TransportProvider http = provider("HTTP");
    private final TransportProvider mqtt = provider("MQTT");

    @Test
    void schemePropertyMayBeListArrayOrCommaSeparated() {
        assertEquals(Set.of("msrp", "msrps"), TransportRegistry.schemesOf("MSRP, msrps"));
        assertEquals(Set.of("http", "https"), TransportRegistry.schemesOf(new String[] { "http", "https" }));
        assertEquals(Set.of("mqtt"), TransportRegistry.schemesOf(List.of("mqtt")));
        assertTrue(TransportRegistry.schemesOf(null).isEmpty());
    }

    @Test
    void ordersByRankingThenAge() {
        registry.add(new TransportRegistry.Entry(http, Set.of("http"), 0, 5));
        registry.add(new TransportRegistry.Entry(mqtt, Set.of("mqtt"), 0, 3));
        registry.add(new TransportRegistry.Entry(msrp, Set.of("msrp"), 100, 9));
        assertEquals(List.of(msrp, mqtt, http), registry.providers());
        assertEquals(List.of("msrp", "mqtt", "http"), List.copyOf(registry.schemes()));
    }

    @Test
    void providerWithoutSchemesIsIgnored() {
        assertFalse(registry.add(new TransportRegistry.Entry(msrp, Set.of(), 0, 1)));
        assertTrue(registry.providers().isEmpty());
    }

    @Test
    void removedProviderIsGoneAndItsSchemesWithIt() {
        registry.add(new TransportRegistry.Entry(msrp, Set.of("msrp", "msrps"), 0, 1));
        registry.add(new TransportRegistry.Entry(http, Set.of("http"), 0, 2));
        assertTrue(registry.remove(msrp));
        assertFalse(registry.remove(msrp));
        assertEquals(Set.of("http"), registry.schemes());
        assertEquals(Optional.empty(), registry.forScheme("msrp"));
    }

    @Test
    void choosesPreferredCommonSchemeElseBestRankedCommon() {
        registry.add(new TransportRegistry.Entry(msrp, Set.of("msrp", "msrps"), 100, 1));
        registry.add(new TransportRegistry.Entry(http, Set.of("http", "https"), 0, 2));
        assertEquals(Optional.of("https"), registry.choose(Set.of("MSRP", "https"), List.of("mqtt", "https")));
        assertEquals(Optional.of("msrp"), registry.choose(Set.of("https", "msrp"), List.of()));
        assertEquals(Optional.empty(), registry.choose(Set.of("mqtt"), List.of("mqtt")), "no common transport");
    }
}
