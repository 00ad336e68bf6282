package org.sipdrop.sip;

import java.io.IOException;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** Starts {@link SipServer}s; the service stops any still running when it goes away. */
@ProviderType
public interface SipServerFactory {

    /**
     * Starts a SIP server listening as configured.
     *
     * @throws IOException when a listening point cannot be bound (e.g. the port is in use) or the
     *         TLS key store cannot be read; the message says which
     */
    SipServer start(SipServerConfig config) throws IOException;

    /** @return the servers started by this factory and not yet closed */
    List<SipServer> running();
}
