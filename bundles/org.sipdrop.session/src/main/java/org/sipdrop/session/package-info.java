/**
 * The user session of a SipDrop front end: one account signed in (an endpoint, a registration
 * kept refreshed, RFC 3261 §10), its file-transfer agent with the user's acceptance policy, and
 * its presence, with the transports advertised to peers kept current as transport bundles
 * start and stop. The workbench and the command line both open their session here, so neither
 * assembles protocol pieces of its own.
 * <p>
 * This package imports only SipDrop API packages (sip, presence, negotiation, transfer).
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.sipdrop.session;
