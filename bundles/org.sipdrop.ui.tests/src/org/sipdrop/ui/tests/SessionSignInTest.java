package org.sipdrop.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.sipdrop.server.EmbeddedServer;
import org.sipdrop.server.EmbeddedServerFactory;
import org.sipdrop.sip.SipResponse;
import org.sipdrop.ui.internal.session.WorkbenchSession;
import org.sipdrop.ui.internal.session.WorkbenchSession.State;

/**
 * Out of the box the workbench starts the embedded server and signs in with a local account:
 * a second user registered at that server reaches the workbench user.
 */
class SessionSignInTest {

    @Test
    void signsInToTheEmbeddedServerOutOfTheBox() throws Exception {
        WorkbenchSession session = Sessions.signedIn();

        assertTrue(session.self().matches("sip:[a-z0-9._-]+@127\\.0\\.0\\.1"), "a local default account: " + session.self());
        assertTrue(session.agent().isPresent(), "a transfer agent while signed in");
        assertTrue(session.presence().isPresent(), "a presence client while signed in");
        assertTrue(Files.isDirectory(session.downloadFolder()), "the download folder exists: " + session.downloadFolder());

        EmbeddedServer server = TestServices.await(EmbeddedServerFactory.class).running().stream()
                .filter(EmbeddedServer::isRunning).findFirst()
                .orElseThrow(() -> new AssertionError("the session started no embedded server"));
        assertTrue(server.openMode(), "the local server lets anyone on loopback register");
        try (HeadlessPeer bob = HeadlessPeer.register("bob-signin", Sessions.tcpUri(server))) {
            SipResponse answer = bob.userAgent().options(session.self()).get(15, TimeUnit.SECONDS);
            assertEquals(200, answer.status(), "the workbench user answers OPTIONS through the server: " + answer.reason());
        }
    }

    @Test
    void aRestartIsUnderWayFromTheMomentItIsAskedForUntilTheNewSignInEnds() throws Exception {
        WorkbenchSession session = Sessions.signedIn();

        CompletableFuture<State> ended = session.restart();

        // the sign-in (a server started, a REGISTER answered) cannot have ended before the next line
        assertTrue(ended.isDone() || session.state() == State.SIGNING_IN,
                "no longer SIGNED_IN once a restart is asked for: " + session.state());
        UiWait.until(ended::isDone, Duration.ofSeconds(45), "the new sign-in ends");
        assertEquals(State.SIGNED_IN, ended.join(), "signed in again: " + session.failure().orElse(""));
        assertEquals(State.SIGNED_IN, session.state());
        assertTrue(session.agent().isPresent(), "the new sign-in's agent");
    }
}
