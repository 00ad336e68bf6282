package org.sipdrop.transport.mqtt.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

import org.eclipse.paho.client.mqttv3.MqttConnectOptions;

/**
 * A broker address as SipDrop writes it, {@code mqtt://host[:port]} or {@code mqtts://host[:port]}
 * (the schemes our {@code TransportProvider} serves), and its Paho form {@code tcp://host:port}
 * or {@code ssl://host:port}.
 * <p>
 * Default ports are the IANA-registered ones MQTT 3.1.1 §4.2 names: 1883 for MQTT over TCP,
 * 8883 for MQTT over TLS. The Paho URI is checked with Paho's own validation (the one
 * {@link MqttConnectOptions#setServerURIs} runs; Paho 1.2.5 moved the former
 * {@code MqttConnectOptions.validateURI} into an internal class, so we go through the public
 * setter), so an address accepted here is one Paho will connect to.
 * <p>
 * No user name or password in the address (they belong in the settings, and a URI gets
 * logged), no path, query or fragment.
 */
public final class BrokerAddress {

    /** Our scheme for MQTT over TCP. */
    public static final String MQTT = "mqtt";
    /** Our scheme for MQTT over TLS. */
    public static final String MQTTS = "mqtts";
    /** MQTT 3.1.1 §4.2: IANA port for MQTT over TCP. */
    public static final int DEFAULT_PORT = 1883;
    /** MQTT 3.1.1 §4.2: IANA port for MQTT over TLS. */
    public static final int DEFAULT_TLS_PORT = 8883;

    private final boolean tls;
    private final String host;
    private final int port;

    private BrokerAddress(boolean tls, String host, int port) {
        this.tls = tls;
        this.host = host;
        this.port = port;
    }

    /**
     * @param address e.g. {@code mqtt://broker.example.org}, {@code mqtts://10.0.0.5:8884},
     *        {@code mqtt://[::1]:1883}
     * @throws IllegalArgumentException saying what is wrong and what is expected
     */
    public static BrokerAddress parse(String address) {
        Objects.requireNonNull(address, "broker address");
        String text = address.strip();
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw invalid(text, "not a URI (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals(MQTT) && !scheme.equals(MQTTS)) {
            throw invalid(text, "the scheme must be mqtt:// or mqtts://");
        }
        if (uri.isOpaque()) {
            throw invalid(text, "write two slashes after the scheme");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("Broker address must not contain a user name or password; set them in the settings instead: "
                    + scheme + "://" + (uri.getHost() == null ? "..." : uri.getHost()));
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw invalid(text, "it needs a valid host name or IP address");
        }
        String path = uri.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid(text, "only scheme, host and port are allowed (no path, query or fragment)");
        }
        boolean tls = scheme.equals(MQTTS);
        int port = uri.getPort() == -1 ? (tls ? DEFAULT_TLS_PORT : DEFAULT_PORT) : uri.getPort();
        if (port < 1 || port > 65535) {
            throw invalid(text, "the port must be 1..65535");
        }
        BrokerAddress broker = new BrokerAddress(tls, uri.getHost(), port);
        try {
            new MqttConnectOptions().setServerURIs(new String[] { broker.pahoServerUri() });
        } catch (IllegalArgumentException e) {
            throw invalid(text, "Paho rejects " + broker.pahoServerUri() + ": " + e.getMessage());
        }
        return broker;
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("Broker address '" + text + "' is invalid: " + why
                + "; expected mqtt://host[:port] (default port " + DEFAULT_PORT + ") or mqtts://host[:port] (default "
                + DEFAULT_TLS_PORT + ")");
    }

    /** @return {@link #MQTTS} or {@link #MQTT} */
    public String scheme() {
        return tls ? MQTTS : MQTT;
    }

    /** @return whether the connection uses TLS */
    public boolean tls() {
        return tls;
    }

    /** @return the host; an IPv6 literal keeps its brackets, e.g. {@code [::1]} */
    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** @return the URI Paho connects to: {@code tcp://host:port} or {@code ssl://host:port} */
    public String pahoServerUri() {
        return (tls ? "ssl" : "tcp") + "://" + host + ":" + port;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BrokerAddress && ((BrokerAddress) o).tls == tls && ((BrokerAddress) o).port == port
                && ((BrokerAddress) o).host.equalsIgnoreCase(host);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tls, host.toLowerCase(Locale.ROOT), port);
    }

    /** @return the address in our form, {@code mqtt://host:port} */
    @Override
    public String toString() {
        return scheme() + "://" + host + ":" + port;
    }
}
