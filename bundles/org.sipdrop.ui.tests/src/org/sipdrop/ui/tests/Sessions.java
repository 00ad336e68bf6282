package org.sipdrop.ui.tests;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.sipdrop.server.EmbeddedServer;
import org.sipdrop.ui.internal.session.WorkbenchSession;
import org.sipdrop.ui.internal.session.WorkbenchSession.State;

/** The workbench's session as tests need it. */
final class Sessions {

    private Sessions() {
    }

    /** @return the session once signed in, waiting a bounded time while the UI thread keeps dispatching */
    static WorkbenchSession signedIn() throws InterruptedException {
        WorkbenchSession session = TestServices.await(WorkbenchSession.class);
        UiWait.until(() -> session.state() == State.SIGNED_IN || session.state() == State.FAILED, Duration.ofSeconds(45),
                "the session signs in");
        if (session.state() != State.SIGNED_IN) {
            throw new AssertionError("sign-in failed: " + session.failure().orElse("?"));
        }
        return session;
    }

    /**
     * Signs in again, as OK in the preferences does, and waits (bounded) until that sign-in has
     * ended, not merely until the state reads SIGNED_IN: it still does while the old sign-in is
     * being replaced.
     *
     * @return the session, signed in with the current preferences
     */
    static WorkbenchSession restarted() throws InterruptedException {
        WorkbenchSession session = TestServices.await(WorkbenchSession.class);
        CompletableFuture<State> ended = session.restart();
        UiWait.until(ended::isDone, Duration.ofSeconds(45), "the new sign-in ends");
        if (ended.join() != State.SIGNED_IN) {
            throw new AssertionError("signing in again ended " + ended.join() + ": " + session.failure().orElse("?"));
        }
        return session;
    }

    /** @return the server's TCP URI */
    static String tcpUri(EmbeddedServer server) {
        return server.uris().stream().filter(u -> u.endsWith("transport=tcp")).findFirst()
                .orElseThrow(() -> new AssertionError("no TCP URI among " + server.uris()));
    }
}
