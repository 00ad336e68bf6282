package org.sipdrop.transport.msrp.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Settings of the MSRP transport (configuration PID {@code org.sipdrop.transport.msrp}). The
 * passwords are private properties, named with a leading {@code .} ({@code .relay.password},
 * {@code .tls.trust.store.password}, {@code .tls.key.store.password}): Declarative Services
 * does not copy such configuration properties to the service properties (OSGi Compendium
 * 112.6, 104.4.3), so no service listener or {@code services} shell command sees them. A
 * leading {@code _} in a method name maps to that {@code .} (OSGi Compendium 112.8.2.1).
 */
@ObjectClassDefinition(name = "SipDrop MSRP transport", description = "MSRP (RFC 4975), relays (RFC 4976), msrps over TLS")
public @interface MsrpTransportConfig {

    /** @return address to listen on and connect from; loopback unless exposed on purpose */
    @AttributeDefinition(description = "Bind address for MSRP listeners and connections")
    String bind_address() default "127.0.0.1";

    /** @return TCP port for msrp, 0 for ephemeral */
    @AttributeDefinition(description = "msrp listening port, 0 = ephemeral")
    int port() default 0;

    /** @return TCP port for msrps, 0 for ephemeral, -1 for none; needs a key store */
    @AttributeDefinition(description = "msrps listening port, 0 = ephemeral, -1 = none (needs tls.key.store)")
    int tls_port() default 0;

    /** @return largest chunk body on a direct path */
    @AttributeDefinition(description = "Chunk size in bytes on a direct path")
    int chunk_size() default 1024 * 1024;

    /** @return largest chunk body through relays (Kamailio 5.6 drops frames from about 11 KB) */
    @AttributeDefinition(description = "Chunk size in bytes through relays (at most 10000 for Kamailio 5.6)")
    int relay_chunk_size() default 10_000;

    /** @return relay URI, e.g. msrp://127.0.0.1:2855;tcp, empty for none */
    @AttributeDefinition(description = "Relay URI (msrp:// or msrps://), empty for a direct transport")
    String relay_uri() default "";

    /** @return digest user for AUTH */
    @AttributeDefinition(description = "Relay user")
    String relay_user() default "";

    /** @return digest password for AUTH; private property {@code .relay.password} */
    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Relay password")
    String _relay_password() default "";

    /** @return Expires to ask the relay for, seconds, -1 to let it choose */
    @AttributeDefinition(description = "Relay registration lifetime to ask for, seconds (-1: relay's choice)")
    long relay_expires() default -1;

    /** @return trust store file, empty for the JDK's CAs */
    @AttributeDefinition(description = "TLS trust store (PKCS#12 or JKS), empty for the JDK defaults")
    String tls_trust_store() default "";

    /** @return trust store password; private property {@code .tls.trust.store.password} */
    @AttributeDefinition(type = AttributeType.PASSWORD, description = "TLS trust store password")
    String _tls_trust_store_password() default "";

    /** @return key store with this endpoint's certificate, for msrps listening */
    @AttributeDefinition(description = "TLS key store with this endpoint's certificate (for accepting msrps)")
    String tls_key_store() default "";

    /** @return key store password; private property {@code .tls.key.store.password} */
    @AttributeDefinition(type = AttributeType.PASSWORD, description = "TLS key store password")
    String _tls_key_store_password() default "";

    /** @return longest wait for the peer to connect, for a chunk or for a REPORT */
    @AttributeDefinition(description = "Session timeout in milliseconds")
    long session_timeout_ms() default 30_000;

    /**
     * @return true to refuse a direct MSRP connection from another address than the one the
     *         peer's SDP path names (when that is a non-loopback IP address): a third party that
     *         learnt the session's URIs cannot then bind it from elsewhere (RFC 4975 §14.1).
     *         Turn off for peers behind NAT that advertise a private address and use no relay.
     */
    @AttributeDefinition(description = "Refuse MSRP connections from another address than the peer's a=path names"
            + " (turn off for peers behind NAT without a relay)")
    boolean peer_host_check() default true;

    /** @return I/O worker threads, fixed whatever the number of sessions */
    @AttributeDefinition(description = "I/O worker threads")
    int io_workers() default 2;
}
