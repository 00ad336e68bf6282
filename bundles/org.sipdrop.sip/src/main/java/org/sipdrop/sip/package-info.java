/**
 * SIP signalling for SipDrop, free of JAIN-SIP types: callers open a
 * {@link org.sipdrop.sip.SipEndpoint} (one SIP stack on its own listening points) from the
 * {@link org.sipdrop.sip.SipEndpointFactory} service. Many endpoints may live in one JVM, which
 * is how tests run several user agents side by side. Only this bundle sees {@code javax.sip}.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.sipdrop.sip;
