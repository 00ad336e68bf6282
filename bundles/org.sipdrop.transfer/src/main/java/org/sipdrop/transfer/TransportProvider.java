package org.sipdrop.transfer;

import java.io.IOException;
import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A way to move a file's bytes (MSRP, HTTP storage, MQTT, …), registered as an OSGi service:
 * the whiteboard pattern. A bundle that registers one with {@link #SCHEME_PROPERTY} adds that
 * transport to SipDrop; stopping the bundle removes it, and transfers in flight on it fail.
 * <p>
 * With Declarative Services:
 * <pre>
 * &#64;Component(property = { TransportProvider.SCHEME_PROPERTY + "=msrp",
 *                         TransportProvider.SCHEME_PROPERTY + "=msrps",
 *                         "service.ranking:Integer=100" })
 * public class MsrpTransport implements TransportProvider { … }
 * </pre>
 */
@ConsumerType
public interface TransportProvider {

    /**
     * Service property (String or String[]): the URI schemes this provider serves, lower
     * case, e.g. {@code msrp} and {@code msrps}. A provider without it is ignored.
     */
    String SCHEME_PROPERTY = "sipdrop.transport.scheme";

    /** Service property (String): a short name to show users, e.g. {@code MSRP}. */
    String NAME_PROPERTY = "sipdrop.transport.name";

    /** @return a short name to show users */
    String name();

    /**
     * Opens a session for one transfer. The session tells the local endpoint to put into the
     * offer or answer, then connects to the peer's endpoint and moves bytes.
     *
     * @throws IOException when the transport cannot serve the request now (e.g. no storage configured)
     */
    TransportSession open(TransportRequest request) throws IOException;

    /** @return the schemes this provider serves; must match its {@link #SCHEME_PROPERTY} */
    Set<String> schemes();
}
