package org.sipdrop.server;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A running embedded server: SIP registrar, stateful proxy, presence agent and URI-list service
 * for one domain. Closing it stops it and frees its ports; a self-signed key store generated for
 * it is deleted.
 */
@ProviderType
public interface EmbeddedServer extends AutoCloseable {

    /** @return one URI per transport, e.g. {@code sip:127.0.0.1:5060;transport=udp}, in UDP, TCP, TLS order */
    List<String> uris();

    /** @return whether anyone may register any name (no users file) */
    boolean openMode();

    /** @return the digest realm (meaningful when not in open mode) */
    String realm();

    /** @return the URI of the URI-list service (RFC 5365), e.g. {@code sip:list@127.0.0.1} */
    String listUri();

    /** @return what the operator should know: exposure beyond loopback, open mode, a self-signed certificate */
    List<String> warnings();

    /** @return true until {@link #close()} */
    boolean isRunning();

    /** Stops the server; idempotent. */
    @Override
    void close();
}
