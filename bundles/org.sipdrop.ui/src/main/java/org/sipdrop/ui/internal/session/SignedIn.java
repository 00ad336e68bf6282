package org.sipdrop.ui.internal.session;

import java.util.HashSet;
import java.util.Set;

import org.sipdrop.negotiation.FileTransferAgent;
import org.sipdrop.presence.PresenceClient;
import org.sipdrop.server.EmbeddedServer;
import org.sipdrop.sip.SipEndpoint;
import org.sipdrop.sip.SipUserAgent;

/**
 * Everything one sign-in opened: the embedded server (when this session started it), the SIP
 * endpoint and registered user agent, the transfer agent and the presence client. Closing
 * releases them in reverse order.
 */
final class SignedIn implements AutoCloseable {

    private final EmbeddedServer server;
    private final SipEndpoint endpoint;
    private final SipUserAgent userAgent;
    private final FileTransferAgent agent;
    private final PresenceClient presence;
    private final String note;
    /** Contacts watched; touched by the session's worker thread only. */
    private final Set<String> watched = new HashSet<>();

    SignedIn(EmbeddedServer server, SipEndpoint endpoint, SipUserAgent userAgent, FileTransferAgent agent,
            PresenceClient presence, String note) {
        this.server = server;
        this.endpoint = endpoint;
        this.userAgent = userAgent;
        this.agent = agent;
        this.presence = presence;
        this.note = note;
    }

    SipUserAgent userAgent() {
        return userAgent;
    }

    FileTransferAgent agent() {
        return agent;
    }

    PresenceClient presence() {
        return presence;
    }

    /** @return what the user should know about how this sign-in went (e.g. a server port taken), or empty */
    String note() {
        return note;
    }

    Set<String> watched() {
        return watched;
    }

    @Override
    public void close() {
        presence.close();
        agent.close();
        userAgent.close();
        endpoint.close();
        if (server != null) {
            server.close();
        }
    }
}
