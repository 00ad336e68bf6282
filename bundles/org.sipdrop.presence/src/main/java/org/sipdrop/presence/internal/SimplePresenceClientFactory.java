package org.sipdrop.presence.internal;

import org.osgi.service.component.annotations.Component;
import org.sipdrop.presence.PresenceClient;
import org.sipdrop.presence.PresenceClientFactory;
import org.sipdrop.sip.SipUserAgent;

/** The DS service that creates SIP SIMPLE presence clients. */
@Component(service = PresenceClientFactory.class)
public final class SimplePresenceClientFactory implements PresenceClientFactory {

    @Override
    public PresenceClient create(SipUserAgent userAgent) {
        return new SimplePresenceClient(userAgent);
    }
}
