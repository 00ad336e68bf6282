package org.sipdrop.configuration;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The installed transports' configuration descriptions, also of those not running yet for want
 * of a configuration ({@code configurationPolicy = REQUIRE}).
 */
@ProviderType
public interface TransportCatalog {

    /** @return one description per transport component with a metatype designation for its PID, by scheme */
    List<TransportDescription> installed();
}
