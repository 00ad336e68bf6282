package org.sipdrop.configuration;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The installed transports' configuration descriptions, also of those not running yet for want
 * of a configuration ({@code configurationPolicy = REQUIRE}).
 */
@ProviderType
public interface TransportCatalog {

    /** @return one description per transport component with a metatype designation for its PID, by scheme */
    List<TransportDescription> installed();

    /**
     * Why a transport refused a configuration: the message of the exception its activation threw
     * with it (Declarative Services 1.4, OSGi Compendium 112.12: a component configuration in state
     * {@code FAILED_ACTIVATION}). A front end that has just configured a transport asks this to
     * report a bad setting at once, in the transport's words, rather than wait in vain for it to
     * start. A transport's activation should throw naming the setting at fault.
     *
     * @param transport an installed transport
     * @param marks properties that single out the configuration asked about, e.g. a digest the
     *        front end put into it; empty for whatever configuration the transport has now
     * @return the reason; empty while no configuration of the transport that carries
     *         {@code marks} has failed to activate (not tried yet, running, or not installed)
     */
    Optional<String> refusal(TransportDescription transport, Map<String, ?> marks);
}
