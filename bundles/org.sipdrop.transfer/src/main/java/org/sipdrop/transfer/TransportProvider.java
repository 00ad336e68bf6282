package org.sipdrop.transfer;

import java.io.IOException;
import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A way to move a file's bytes (MSRP, HTTP storage, MQTT, a shared folder…), registered as an
 * OSGi service: the whiteboard pattern. A bundle that registers one with
 * {@link #SCHEME_PROPERTY} adds that transport to SipDrop; stopping the bundle removes it,
 * transfers in flight on it fail, and peers stop being offered it. Negotiation chooses among all
 * running providers by their {@link #carriage(String)}, the peer's advertised schemes and the
 * user's order; nothing in SipDrop lists schemes by name.
 * <p>
 * With Declarative Services:
 * <pre>
 * &#64;Component(property = { TransportProvider.SCHEME_PROPERTY + "=acme",
 *                         TransportProvider.NAME_PROPERTY + "=ACME share",
 *                         "service.ranking:Integer=50" })
 * public class AcmeTransport implements TransportProvider { … }
 * </pre>
 * {@code docs/writing-a-transport.md} walks through one, and the transport kit
 * ({@code org.sipdrop.transfer.testkit}) checks it.
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

    /** @return the schemes this provider serves; must match its {@link #SCHEME_PROPERTY} */
    Set<String> schemes();

    /**
     * @param scheme one of {@link #schemes()}
     * @return how an endpoint of that scheme travels in an offer
     * @since 0.2
     */
    Carriage carriage(String scheme);

    /**
     * Opens a session for one transfer. The session tells the local endpoint to put into the
     * offer or answer, then moves bytes.
     *
     * @throws TransportException when the transport cannot serve the request now (e.g. no
     *         storage configured: {@link TransportException.Reason#UNAVAILABLE})
     */
    TransportSession open(TransportRequest request) throws IOException;
}
