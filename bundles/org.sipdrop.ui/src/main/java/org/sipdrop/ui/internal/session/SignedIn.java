package org.sipdrop.ui.internal.session;

import java.util.HashSet;
import java.util.Set;

import org.sipdrop.server.EmbeddedServer;
import org.sipdrop.session.UserSession;

/**
 * What one workbench sign-in opened: the embedded server (when this sign-in started it) and
 * the user session. Closing signs out (withdrawing the status), then stops the server.
 */
final class SignedIn implements AutoCloseable {

    private final EmbeddedServer server;
    private final UserSession session;
    private final String note;
    /** Contacts watched; touched by the workbench session's worker thread only. */
    private final Set<String> watched = new HashSet<>();

    SignedIn(EmbeddedServer server, UserSession session, String note) {
        this.server = server;
        this.session = session;
        this.note = note;
    }

    UserSession session() {
        return session;
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
        try {
            session.close();
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }
}
