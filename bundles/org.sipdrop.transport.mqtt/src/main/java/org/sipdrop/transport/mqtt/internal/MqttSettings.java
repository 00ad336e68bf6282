package org.sipdrop.transport.mqtt.internal;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * The transport's settings, checked: every refusal names the setting (as its CLI flag ends, e.g.
 * {@code broker}, {@code tls.port}) and what it needs, so the CLI and the preference page can show
 * it as it is.
 *
 * @param identity the topic level of this side: the user name, else the client id prefix
 */
record MqttSettings(String broker, int port, int tlsPort, String user, char[] password, String clientIdPrefix,
        String prefix, String trustStore, char[] trustStorePassword, String keyStore, char[] keyStorePassword,
        int chunkSize, int window, int maxInflight, Duration connectTimeout, Duration resendAfter, Duration stallTimeout,
        String identity) {

    static final int MIN_CHUNK = 1024;
    static final int MAX_CHUNK = 1024 * 1024;

    MqttSettings {
        Objects.requireNonNull(broker, "broker");
    }

    /** @throws IllegalArgumentException naming the setting that is wrong */
    static MqttSettings of(MqttTransportConfig c) {
        String broker = blankToEmpty(c.broker());
        if (broker.isEmpty()) {
            throw new IllegalArgumentException("broker: the MQTT broker's host name or IP address is required");
        }
        if (broker.contains("://") || broker.contains("/") || broker.contains(" ")) {
            throw new IllegalArgumentException("broker: '" + broker + "' is not a host name or IP address (give the ports as port and tls.port)");
        }
        // the address checks of BrokerAddress (Paho's own URI validation) for both listeners
        String host = broker.contains(":") && !broker.startsWith("[") ? "[" + broker + "]" : broker;
        port("port", c.port());
        port("tls.port", c.tls_port());
        try {
            BrokerAddress.parse(BrokerAddress.MQTT + "://" + host + ":" + c.port());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("broker: " + e.getMessage(), e);
        }
        String user = blankToEmpty(c.user());
        String clientId = blankToEmpty(c.client_id());
        if (!user.isEmpty()) {
            check("user", () -> MqttEndpoint.checkLevel("user name", user));
        }
        String idPrefix = clientId.isEmpty() ? "sipdrop-" + (user.isEmpty() ? "client" : user) : clientId;
        if (idPrefix.length() > 64) {
            throw new IllegalArgumentException("client.id: at most 64 characters (a random suffix is added), had " + idPrefix.length());
        }
        String identity = user.isEmpty() ? idPrefix : user;
        check(user.isEmpty() ? "client.id" : "user", () -> MqttEndpoint.checkLevel("identity", identity));
        String prefix = blankToEmpty(c.topic_prefix()).isEmpty() ? MqttEndpoint.DEFAULT_PREFIX : c.topic_prefix().strip();
        check("topic.prefix", () -> MqttEndpoint.checkPrefix(prefix));
        if (prefix.startsWith("$")) {
            throw new IllegalArgumentException("topic.prefix: must not start with '$' (MQTT 3.1.1 §4.7.2 reserves it)");
        }
        range("chunk.size", c.chunk_size(), MIN_CHUNK, MAX_CHUNK);
        range("window", c.window(), 1, AckFrame.MAX_WINDOW);
        range("max.inflight", c.max_inflight(), 10, 65535);
        range("connect.timeout.ms", c.connect_timeout_ms(), 100, 600_000);
        range("resend.after.ms", c.resend_after_ms(), 50, 600_000);
        range("stall.timeout.ms", c.stall_timeout_ms(), 1_000, 86_400_000);
        if (c.stall_timeout_ms() <= c.resend_after_ms()) {
            throw new IllegalArgumentException("stall.timeout.ms: " + c.stall_timeout_ms() + " must be longer than resend.after.ms ("
                    + c.resend_after_ms() + ")");
        }
        return new MqttSettings(broker, c.port(), c.tls_port(), user, chars(c._password()), idPrefix, prefix,
                blankToEmpty(c.tls_trust_store()), chars(c._tls_trust_store_password()), blankToEmpty(c.tls_key_store()),
                chars(c._tls_key_store_password()), c.chunk_size(), c.window(), c.max_inflight(),
                Duration.ofMillis(c.connect_timeout_ms()), Duration.ofMillis(c.resend_after_ms()),
                Duration.ofMillis(c.stall_timeout_ms()), identity);
    }

    /** @return the broker address of {@code scheme}'s listener */
    BrokerAddress address(String scheme) {
        boolean tls = BrokerAddress.MQTTS.equals(scheme.toLowerCase(Locale.ROOT));
        String host = broker.contains(":") && !broker.startsWith("[") ? "[" + broker + "]" : broker;
        return BrokerAddress.parse((tls ? BrokerAddress.MQTTS : BrokerAddress.MQTT) + "://" + host + ":" + (tls ? tlsPort : port));
    }

    /** @return a client id no other connection has: the prefix, the listener and 8 random hex digits */
    String newClientId(boolean tls) {
        byte[] r = new byte[4];
        new SecureRandom().nextBytes(r);
        return clientIdPrefix + (tls ? "-tls-" : "-") + HexFormat.of().formatHex(r);
    }

    private static void port(String name, int value) {
        range(name, value, 1, 65535);
    }

    private static void range(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + ": must be " + min + ".." + max + ", was " + value);
        }
    }

    private static void check(String name, Runnable check) {
        try {
            check.run();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    private static String blankToEmpty(String s) {
        return s == null ? "" : s.strip();
    }

    private static char[] chars(String s) {
        return s == null ? new char[0] : s.toCharArray();
    }

    @Override
    public String toString() { // no passwords
        return "MQTT broker " + broker + " (" + port + ", TLS " + tlsPort + ") as " + identity + " under " + prefix;
    }
}
