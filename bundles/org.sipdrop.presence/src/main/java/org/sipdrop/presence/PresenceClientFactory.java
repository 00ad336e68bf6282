package org.sipdrop.presence;

import org.osgi.annotation.versioning.ProviderType;
import org.sipdrop.sip.SipUserAgent;

/** Creates presence clients for user agents (a DS service). */
@ProviderType
public interface PresenceClientFactory {

    /** @param userAgent a registered (or registering) user agent; the client does not own it */
    PresenceClient create(SipUserAgent userAgent);
}
