/**
 * What each installed transport says about its configuration, read from its OSGi Metatype
 * ({@code @ObjectClassDefinition}, Compendium 105): {@link org.sipdrop.configuration.TransportCatalog}
 * lists {@link org.sipdrop.configuration.TransportDescription}s, each with its configuration PID
 * and {@link org.sipdrop.configuration.Setting}s. Front ends derive their flags (the CLI) and form
 * fields (the workbench preferences) from them, so a third-party transport is configurable
 * without a line of SipDrop code naming it. Imports nothing third-party.
 */
@org.osgi.annotation.versioning.Version("0.2.0")
package org.sipdrop.configuration;
