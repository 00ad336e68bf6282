package org.sipdrop.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.sipdrop.cli.internal.Command;
import org.sipdrop.cli.internal.Services;
import org.sipdrop.cli.internal.TrackedServices;
import org.sipdrop.testing.Kamailio;

/**
 * {@code sipdrop presence} against a presence server that is not SipDrop's: Kamailio's presence
 * module keeps the RFC 3903 publication for the lifetime it granted after the command exits, so a
 * watcher who subscribes afterwards (RFC 3856) still sees the status and the note.
 */
class KamailioPresenceCommandTest {

    @TempDir
    Path runDir;

    private final Services services = new TrackedServices(
            FrameworkUtil.getBundle(KamailioPresenceCommandTest.class).getBundleContext());

    @Test
    void aStatusSetFromTheCommandLineOutlivesTheCommandAtKamailio() {
        try (Kamailio kamailio = Kamailio.startPresence(Kamailio.Mode.OPEN, runDir, Kamailio.Ports.freeWithoutTls(), Map.of())) {
            String server = "sip:127.0.0.1:" + kamailio.sipPort();
            CommandRun alice = new CommandRun(services);
            assertEquals(Command.OK, alice.run("presence", "--user", "alice", "--server", server, "--transport", "tcp",
                    "--status", "busy", "--note", "in a review", "--for", "20m"), alice.err());
            assertTrue(alice.out().contains("is now busy (in a review) for "), alice.out());

            CommandRun bob = new CommandRun(services);
            assertEquals(Command.OK, bob.run("watch", "--user", "bob", "--server", server, "--transport", "tcp",
                    "--contacts", "alice", "--count", "1", "--timeout", "20"), bob.err());
            assertTrue(bob.out().contains("busy (in a review)"), "bob watched after alice's command ended: " + bob.out());
        }
    }
}
