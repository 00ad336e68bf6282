package org.sipdrop.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sipdrop.server.EmbeddedServer;
import org.sipdrop.server.EmbeddedServerFactory;
import org.sipdrop.sip.SipResponse;
import org.sipdrop.ui.internal.prefs.PreferenceKeys;
import org.sipdrop.ui.internal.session.WorkbenchSession;
import org.sipdrop.ui.internal.session.WorkbenchSession.State;

/**
 * When the embedded server's port is taken by a SIP server that registers the user (e.g. a
 * second workbench or {@code ./sipdrop serve} on this machine), the session signs in there
 * instead of failing, so both users meet on one server.
 */
class SessionJoinsRunningServerTest {

    private final IEclipsePreferences prefs = InstanceScope.INSTANCE.getNode(PreferenceKeys.NODE);

    @AfterEach
    void backToAFreePort() throws Exception {
        prefs.remove(PreferenceKeys.EMBEDDED_PORT);
        prefs.flush();
        Sessions.restarted(); // signed in on a free port again
    }

    @Test
    void signsInToTheServerAlreadyOnTheConfiguredPort() throws Exception {
        WorkbenchSession session = Sessions.signedIn();
        EmbeddedServerFactory servers = TestServices.await(EmbeddedServerFactory.class);
        try (EmbeddedServer theirs = servers.start(Map.of(EmbeddedServerFactory.BIND, "127.0.0.1",
                EmbeddedServerFactory.SIP_PORT, "0", EmbeddedServerFactory.TRANSPORTS, "udp,tcp"))) {
            String tcp = Sessions.tcpUri(theirs);
            String port = tcp.replaceAll("^sip:127\\.0\\.0\\.1:(\\d+);.*$", "$1");
            prefs.put(PreferenceKeys.EMBEDDED_PORT, port);
            prefs.flush();
            CompletableFuture<State> ended = session.restart();
            UiWait.until(ended::isDone, Duration.ofSeconds(45), "the new sign-in ends");
            assertEquals(State.SIGNED_IN, session.state(), "signed in: " + session.failure().orElse(""));
            assertEquals(List.of(theirs.uris()), servers.running().stream().map(EmbeddedServer::uris).toList(),
                    "the session started no server of its own");

            try (HeadlessPeer gus = HeadlessPeer.register("gus", tcp)) {
                SipResponse answer = gus.userAgent().options(session.self()).get(15, TimeUnit.SECONDS);
                assertEquals(200, answer.status(), "the workbench user is registered at the running server");
            }
        }
    }
}
