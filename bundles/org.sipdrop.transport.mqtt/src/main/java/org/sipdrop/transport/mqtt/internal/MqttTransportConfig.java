package org.sipdrop.transport.mqtt.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Settings of the MQTT transport, configuration PID {@code org.sipdrop.transport.mqtt}; the
 * component starts only once it exists. Keys follow the DS name mapping (OSGi Compendium
 * 112.8.2.1): {@code tls_port()} is {@code tls.port}, and a leading underscore makes a private
 * property ({@code _password()} is {@code .password}), which DS never copies into the service's
 * properties. {@code OSGI-INF/metatype/org.sipdrop.transport.mqtt.xml} describes the same settings
 * for the CLI flags ({@code --mqtt-broker} …) and the preference page.
 */
@ObjectClassDefinition(name = "SipDrop MQTT transport",
        description = "Sends files through the enterprise's MQTT broker (MQTT 3.1.1, QoS 1, Eclipse Paho)")
public @interface MqttTransportConfig {

    /** @return the broker's host name or IP address; both peers must use the same broker */
    @AttributeDefinition(name = "Broker", description = "Host name or IP address of the MQTT broker (the same for both peers)")
    String broker();

    /** @return the broker's plain MQTT port (scheme mqtt) */
    @AttributeDefinition(name = "Port", description = "Broker port for MQTT over TCP (scheme mqtt)")
    int port() default 1883;

    /** @return the broker's MQTT over TLS port (scheme mqtts) */
    @AttributeDefinition(name = "TLS port", description = "Broker port for MQTT over TLS (scheme mqtts)")
    int tls_port() default 8883;

    /** @return the MQTT user name; it names this side in topics, so the broker's ACL can check it */
    @AttributeDefinition(name = "User", description = "MQTT user name (letters, digits, . _ ~ @ -); empty: the client id")
    String user() default "";

    /** @return the MQTT password (private: never a service property) */
    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, description = "MQTT password")
    String _password() default "";

    /** @return the MQTT client id; empty for sipdrop-USER-RANDOM */
    @AttributeDefinition(name = "Client id", description = "MQTT client id prefix; empty: sipdrop-<user>-<random>")
    String client_id() default "";

    /** @return the first topic levels of this tenant */
    @AttributeDefinition(name = "Topic prefix", description = "First topic levels of this tenant, e.g. acme/sipdrop")
    String topic_prefix() default MqttEndpoint.DEFAULT_PREFIX;

    /** @return the TLS trust store; empty for the JDK's CAs */
    @AttributeDefinition(name = "TLS trust store", description = "TLS trust store (PEM, PKCS#12 or JKS); empty: the JDK's CAs")
    String tls_trust_store() default "";

    /** @return the trust store's password (private) */
    @AttributeDefinition(name = "TLS trust store password", type = AttributeType.PASSWORD, description = "TLS trust store password")
    String _tls_trust_store_password() default "";

    /** @return the client certificate's key store; empty for none */
    @AttributeDefinition(name = "TLS client key store", description = "Client certificate and key (PKCS#12 or JKS); empty: none")
    String tls_key_store() default "";

    /** @return the key store's password (private) */
    @AttributeDefinition(name = "TLS client key store password", type = AttributeType.PASSWORD, description = "TLS client key store password")
    String _tls_key_store_password() default "";

    /** @return bytes per message */
    @AttributeDefinition(name = "Chunk size", description = "File bytes per MQTT message (1024..1048576)")
    int chunk_size() default 65536;

    /** @return chunks a sender may have unacknowledged */
    @AttributeDefinition(name = "Window", description = "Chunks a sender may have unacknowledged per transfer (1..1024)")
    int window() default 32;

    /** @return Paho's in-flight limit for the shared connection */
    @AttributeDefinition(name = "In-flight messages", description = "Unacknowledged QoS 1 messages on the shared broker connection (10..65535)")
    int max_inflight() default 256;

    /** @return connect timeout */
    @AttributeDefinition(name = "Connect timeout", description = "Broker connect and subscribe timeout in milliseconds")
    int connect_timeout_ms() default 10_000;

    /** @return when unacknowledged chunks are sent again */
    @AttributeDefinition(name = "Resend after", description = "Milliseconds without progress before unacknowledged chunks are sent again")
    int resend_after_ms() default 3_000;

    /** @return when a transfer that does not move gives up */
    @AttributeDefinition(name = "Stall timeout", description = "Milliseconds without progress (broker down, peer gone) before a transfer fails")
    int stall_timeout_ms() default 60_000;
}
