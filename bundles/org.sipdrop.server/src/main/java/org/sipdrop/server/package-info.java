/**
 * The embedded default server of SipDrop, free of SIP stack types: start one from the
 * {@link org.sipdrop.server.EmbeddedServerFactory} service with {@code key=value} settings (the
 * same keys as the DS configuration {@code org.sipdrop.server}), read the URIs it serves, close it.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.sipdrop.server;
