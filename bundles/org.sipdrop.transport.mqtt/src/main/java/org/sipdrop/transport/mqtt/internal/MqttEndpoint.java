package org.sipdrop.transport.mqtt.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.sipdrop.transfer.TransportEndpoint;

/**
 * One transfer's end on the broker: the broker it is reached on, the tenant's topic prefix, the
 * MQTT user name of its side and a random id. As a URI it is what the SDP {@code a=path} carries:
 * {@code mqtt://broker:1883/<prefix>/<user>/<id>} (or {@code mqtts://…}).
 * <p>
 * A message from user {@code F} to this endpoint is published on
 * {@code <prefix>/<user>/<id>/<F>/<kind>} ({@link Kind}: data, ack, done, abort); the endpoint subscribes only to its
 * inbox {@code <prefix>/<user>/<id>/#}. A broker ACL can therefore enforce that only the addressee
 * reads ({@code pattern read <prefix>/%u/#}) and that a message names its real sender
 * ({@code pattern write <prefix>/+/+/%u/#}); {@code docs/mqtt-broker.md} gives the whole ACL.
 * <p>
 * Every level is restricted ({@link #LEVEL}) so that no wildcard ({@code +}, {@code #}, MQTT 3.1.1
 * §4.7.1), level separator, NUL (§1.5.3) or URI-reserved character can get into a topic or the
 * URI; a prefix must not start with {@code $} (§4.7.2 reserves those for the broker).
 */
public record MqttEndpoint(String scheme, String host, int port, String prefix, String user, String id) {

    /** The last level of a message's topic: what it carries. */
    public enum Kind {
        /** Sender to receiver: a {@link ChunkFrame}. */
        DATA,
        /** Receiver to sender: an {@link AckFrame}. */
        ACK,
        /** Sender to receiver, empty: the sender saw the last byte acknowledged, so the receiver may stop answering. */
        DONE,
        /** Either side: the transfer is given up; UTF-8 {@code <REASON> <text>}. */
        ABORT;

        /** @return the topic level, lower case */
        public String level() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Kind> ofLevel(String level) {
            return Arrays.stream(values()).filter(k -> k.level().equals(level)).findFirst();
        }
    }

    /** Characters of one topic level: letters, digits and {@code . _ ~ @ -}; 1..128 of them. */
    public static final String LEVEL = "[A-Za-z0-9._~@-]{1,128}";
    /** The default prefix, one level. */
    public static final String DEFAULT_PREFIX = "sipdrop";
    /** QoS of every publication and subscription: at least once (MQTT 3.1.1 §4.3.2). */
    public static final int QOS = 1;

    /** Checks every part; see the class comment. */
    public MqttEndpoint {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
        scheme = scheme.toLowerCase(Locale.ROOT);
        if (!scheme.equals(BrokerAddress.MQTT) && !scheme.equals(BrokerAddress.MQTTS)) {
            throw new IllegalArgumentException("An MQTT endpoint is mqtt:// or mqtts://, not " + scheme + "://");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Broker port must be 1..65535, was " + port);
        }
        checkPrefix(prefix);
        checkLevel("user name", user);
        checkLevel("endpoint id", id);
    }

    /** @return {@code prefix} when it is one or more {@link #LEVEL}s joined by {@code /} */
    public static String checkPrefix(String prefix) {
        Objects.requireNonNull(prefix, "topic prefix");
        if (prefix.length() > 256) {
            throw new IllegalArgumentException("Topic prefix has more than 256 characters");
        }
        for (String level : prefix.split("/", -1)) {
            if (!level.matches(LEVEL)) {
                throw new IllegalArgumentException("Topic prefix '" + prefix + "' has the level '" + level
                        + "': each level needs 1..128 of A-Z a-z 0-9 . _ ~ @ - (no wildcard, no empty level)");
            }
        }
        return prefix;
    }

    /** @return {@code value} when it is one {@link #LEVEL} */
    public static String checkLevel(String what, String value) {
        Objects.requireNonNull(value, what);
        if (!value.matches(LEVEL)) {
            throw new IllegalArgumentException("The MQTT " + what + " '" + value
                    + "' cannot be a topic level: it needs 1..128 of A-Z a-z 0-9 . _ ~ @ -");
        }
        return value;
    }

    /**
     * @return the endpoint {@code uri} names
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static MqttEndpoint parse(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || uri.getRawPath() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("Not an MQTT endpoint (scheme://host:port/prefix/user/id): " + uri);
        }
        String[] levels = uri.getRawPath().substring(uri.getRawPath().startsWith("/") ? 1 : 0).split("/", -1);
        if (levels.length < 3) {
            throw new IllegalArgumentException("An MQTT endpoint's path is prefix/user/id: " + uri);
        }
        String prefix = String.join("/", Arrays.copyOf(levels, levels.length - 2));
        int port = uri.getPort() > 0 ? uri.getPort()
                : BrokerAddress.MQTTS.equals(scheme) ? BrokerAddress.DEFAULT_TLS_PORT : BrokerAddress.DEFAULT_PORT;
        return new MqttEndpoint(scheme, uri.getHost(), port, prefix, levels[levels.length - 2], levels[levels.length - 1]);
    }

    /** @return the endpoint of a transport endpoint's own URI */
    public static MqttEndpoint of(TransportEndpoint endpoint) {
        return parse(endpoint.uri());
    }

    /** @return the URI an offer or answer carries */
    public URI uri() {
        try {
            return new URI(scheme + "://" + host + ":" + port + "/" + prefix + "/" + user + "/" + id);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("checked parts make a URI", e);
        }
    }

    /** @return the filter of everything addressed to this endpoint: {@code <prefix>/<user>/<id>/#} */
    public String inbox() {
        return inboxLevels() + "#";
    }

    /** @return the topic of a message of {@code kind} that user {@code from} sends to this endpoint */
    public String topicFrom(String from, Kind kind) {
        return inboxLevels() + from + "/" + kind.level();
    }

    private String inboxLevels() {
        return prefix + "/" + user + "/" + id + "/";
    }

    /** @return whether both ends name the same broker listener (they may still reach one broker by two names, or through a proxy) */
    public boolean sameBroker(MqttEndpoint other) {
        return scheme.equals(other.scheme) && port == other.port && host.equalsIgnoreCase(other.host);
    }

    /** @return whether messages can pass between the ends at all: the same scheme and tenant prefix */
    public boolean sameTenant(MqttEndpoint other) {
        return scheme.equals(other.scheme) && prefix.equals(other.prefix);
    }

    /**
     * A topic as the broker delivered it to an inbox.
     *
     * @param inbox the inbox filter, {@code <prefix>/<user>/<id>/#}
     * @param from the sender's user name, as the topic names it (the ACL makes it true)
     */
    public record Addressed(String inbox, String from, Kind kind) {

        /** @return what {@code topic} says, when it is a message to some inbox */
        public static Optional<Addressed> of(String topic) {
            int kindAt = topic.lastIndexOf('/');
            int fromAt = kindAt <= 0 ? -1 : topic.lastIndexOf('/', kindAt - 1);
            if (fromAt <= 0) {
                return Optional.empty();
            }
            String from = topic.substring(fromAt + 1, kindAt);
            Optional<Kind> kind = Kind.ofLevel(topic.substring(kindAt + 1));
            if (kind.isEmpty() || !from.matches(LEVEL)) {
                return Optional.empty();
            }
            return Optional.of(new Addressed(topic.substring(0, fromAt + 1) + "#", from, kind.get()));
        }
    }

    @Override
    public String toString() {
        return uri().toString();
    }
}
