package org.sipdrop.sip;

import java.net.InetSocketAddress;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One running SIP stack with its listening points. Closing it stops the stack and frees its
 * ports and threads.
 */
@ProviderType
public interface SipEndpoint extends AutoCloseable {

    /** @return the configuration it was opened with */
    SipEndpointConfig config();

    /** @return the transports it listens on */
    Set<SipTransport> transports();

    /**
     * @return the address actually bound for {@code transport} (with the real port when 0 was asked)
     * @throws IllegalArgumentException when the endpoint does not listen on that transport
     */
    InetSocketAddress localAddress(SipTransport transport);

    /**
     * Attaches the user agent of {@code account} to this endpoint; one per endpoint.
     *
     * @throws IllegalStateException when this endpoint already has one, or is closed
     * @throws IllegalArgumentException when the endpoint does not listen on the account's transport
     */
    SipUserAgent userAgent(SipAccount account);

    /** @return true until {@link #close()} */
    boolean isOpen();

    /** Stops the stack; idempotent. */
    @Override
    void close();
}
