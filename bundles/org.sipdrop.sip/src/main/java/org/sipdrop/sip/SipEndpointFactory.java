package org.sipdrop.sip;

import java.io.IOException;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** Opens SIP endpoints; the service closes any still open when it goes away. */
@ProviderType
public interface SipEndpointFactory {

    /**
     * Starts a SIP stack listening as configured.
     *
     * @throws IOException when a listening point cannot be bound (e.g. the port is in use)
     */
    SipEndpoint open(SipEndpointConfig config) throws IOException;

    /** @return the endpoints opened by this factory and not yet closed */
    List<SipEndpoint> openEndpoints();
}
