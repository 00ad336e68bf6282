package org.sipdrop.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sipdrop.server.EmbeddedServer;
import org.sipdrop.server.EmbeddedServerFactory;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferState;
import org.sipdrop.ui.internal.prefs.PreferenceKeys;
import org.sipdrop.ui.internal.session.WorkbenchSession;
import org.sipdrop.ui.internal.views.Contact;
import org.sipdrop.ui.internal.views.ContactStore;

/**
 * The acceptance preferences reach the workbench user's agent: with "accept from my contacts"
 * a contact's file is taken without asking, and the size limit refuses a larger one with a
 * reason the sender sees (488 Not Acceptable Here, RFC 3261 §21.4.26), before any byte moves.
 */
class AcceptancePreferencesTest {

    private final IEclipsePreferences prefs = InstanceScope.INSTANCE.getNode(PreferenceKeys.NODE);

    @AfterEach
    void defaults() throws Exception {
        prefs.remove(PreferenceKeys.ACCEPT_MODE);
        prefs.remove(PreferenceKeys.ACCEPT_MAX_SIZE);
        new ContactStore(prefs).save(List.of());
        restartAndWait();
    }

    @Test
    void acceptsAContactsFileAndRefusesOneOverTheSizeLimit() throws Exception {
        prefs.put(PreferenceKeys.ACCEPT_MODE, "trusted");
        prefs.put(PreferenceKeys.ACCEPT_MAX_SIZE, "4K");
        prefs.flush();
        WorkbenchSession session = restartAndWait();
        EmbeddedServer server = TestServices.await(EmbeddedServerFactory.class).running().stream()
                .filter(EmbeddedServer::isRunning).findFirst().orElseThrow();
        try (HeadlessPeer kim = HeadlessPeer.register("kim", Sessions.tcpUri(server))) {
            new ContactStore(prefs).put(new Contact("Kim", kim.aor()));
            Path dir = Files.createTempDirectory("sipdrop-policy");
            Path small = Files.write(dir.resolve("small.bin"), new byte[1000]);
            Path large = Files.write(dir.resolve("large.bin"), new byte[10_000]);

            Transfer accepted = kim.send(session.self(), small).get(0);
            Transfer refused = kim.send(session.self(), large).get(0);

            UiWait.until(() -> accepted.state() == TransferState.COMPLETED || accepted.state() == TransferState.REJECTED
                    || accepted.state() == TransferState.FAILED, Duration.ofSeconds(60), "the contact's small file is answered");
            assertEquals(TransferState.COMPLETED, accepted.state(), "accepted without asking: " + accepted.failure());
            UiWait.until(() -> refused.state() == TransferState.REJECTED || refused.state() == TransferState.FAILED,
                    Duration.ofSeconds(60), "the large file is refused");
            assertEquals(TransferState.REJECTED, refused.state());
            assertEquals(488, refused.failure().orElseThrow().status());
            assertTrue(refused.failure().orElseThrow().reason().contains("too large"), refused.failure().toString());
            assertEquals(0, refused.bytesTransferred(), "no byte moved");
        }
    }

    private static WorkbenchSession restartAndWait() throws InterruptedException {
        return Sessions.restarted();
    }
}
