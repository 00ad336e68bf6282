package org.sipdrop.cli.internal.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.sipdrop.configuration.TransportDescription;

/**
 * The settings a command line gives one transport: configuration properties (typed as its
 * metatype says) for its PID.
 *
 * @param transport the transport
 * @param properties property id to value; secrets included, never shown
 */
public record GivenSettings(TransportDescription transport, Map<String, Object> properties) {

    /** Copies the properties, keeping their order. */
    public GivenSettings {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** @return a copy with {@code id} set to {@code value} */
    public GivenSettings with(String id, Object value) {
        Map<String, Object> p = new LinkedHashMap<>(properties);
        p.put(id, value);
        return new GivenSettings(transport, p);
    }

    /** @return {@code id=value, …} with every secret masked: safe for messages and logs */
    @Override
    public String toString() {
        return transport.pid() + properties.entrySet().stream()
                .map(e -> e.getKey() + "=" + transport.setting(e.getKey()).map(s -> s.shown(e.getValue()))
                        .orElse(String.valueOf(e.getValue())))
                .collect(Collectors.joining(", ", " {", "}"));
    }
}
