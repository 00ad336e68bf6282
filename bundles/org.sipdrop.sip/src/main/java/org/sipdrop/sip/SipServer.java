package org.sipdrop.sip;

import java.net.InetSocketAddress;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One running SIP server on its own stack: registrar (RFC 3261 §10.3), stateful proxy (§16),
 * presence agent (RFC 3856, 3903, 6665) and URI-list MESSAGE fan-out (RFC 5365) for one domain,
 * the addresses it listens on. Closing it stops the stack and frees its ports and threads.
 */
@ProviderType
public interface SipServer extends AutoCloseable {

    /** @return the configuration it was started with */
    SipServerConfig config();

    /**
     * @return the address actually bound for {@code transport}
     * @throws IllegalArgumentException when the server does not listen on that transport
     */
    InetSocketAddress localAddress(SipTransport transport);

    /** @return one URI per transport, e.g. {@code sip:127.0.0.1:5060;transport=udp}, in UDP, TCP, TLS order */
    List<String> uris();

    /** @return the unexpired bindings of {@code user}'s address-of-record, empty when not registered */
    List<SipBinding> bindings(String user);

    /** @return true until {@link #close()} */
    boolean isOpen();

    /** Stops the stack; idempotent. */
    @Override
    void close();
}
