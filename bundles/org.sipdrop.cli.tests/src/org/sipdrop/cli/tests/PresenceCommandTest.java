package org.sipdrop.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;
import org.sipdrop.cli.internal.Command;
import org.sipdrop.cli.internal.Services;
import org.sipdrop.cli.internal.TrackedServices;
import org.sipdrop.server.EmbeddedServer;
import org.sipdrop.server.EmbeddedServerFactory;

/**
 * {@code sipdrop presence} does what it prints: after "alice is now away" the command exits,
 * and a watcher who subscribes afterwards still sees away with the note (the publication used
 * to be withdrawn as the command ended, so no watcher ever saw it).
 */
class PresenceCommandTest {

    private static final Services services = new TrackedServices(
            FrameworkUtil.getBundle(PresenceCommandTest.class).getBundleContext());
    private static EmbeddedServer server;
    private static String sipServer;

    @BeforeAll
    static void startServer() throws Exception {
        EmbeddedServerFactory factory = services.await(EmbeddedServerFactory.class, Duration.ofSeconds(15)).orElseThrow();
        server = factory.start(Map.of(EmbeddedServerFactory.SIP_PORT, "0", EmbeddedServerFactory.TRANSPORTS, "tcp"));
        sipServer = server.uris().get(0).replaceFirst(";.*", "");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aStatusSetFromTheCommandLineOutlivesTheCommand() {
        CommandRun alice = new CommandRun(services);
        assertEquals(Command.OK, alice.run("presence", "--user", "alice", "--server", sipServer, "--transport", "tcp",
                "--status", "away", "--note", "in a call", "--for", "30m"), alice.err());
        assertTrue(alice.out().contains("is now away (in a call) for 30 min"), alice.out());

        CommandRun bob = new CommandRun(services);
        assertEquals(Command.OK, bob.run("watch", "--user", "bob", "--server", sipServer, "--transport", "tcp",
                "--contacts", "alice", "--count", "1", "--timeout", "20"), bob.err());
        assertTrue(bob.out().contains("away (in a call)"), "bob watched after alice's command ended: " + bob.out());
    }

    /**
     * A colleague whose {@code receive} is waiting shows as available (it used to show offline),
     * and goes offline when the command ends.
     */
    @Test
    void aRunningReceiverShowsAvailableUntilItStops() throws Exception {
        Path into = Files.createTempDirectory("presence-receive");
        CommandRun bob = new CommandRun(services);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> receiving = pool.submit(() -> bob.run("receive", "--user", "bob", "--server", sipServer,
                    "--transport", "tcp", "--into", into.toString(), "--accept", "none", "--timeout", "15"));
            bob.awaitPrinted("waiting for files", receiving, Duration.ofSeconds(30));
            CommandRun dave = new CommandRun(services);
            assertEquals(Command.OK, dave.run("watch", "--user", "dave", "--server", sipServer, "--transport", "tcp",
                    "--contacts", "bob", "--count", "2", "--timeout", "40"), dave.err());
            List<String> lines = dave.out().lines().toList();
            assertEquals(2, lines.size(), dave.out());
            assertTrue(lines.get(0).endsWith("available (receiving files)"), lines.get(0));
            assertTrue(lines.get(1).endsWith("offline"), "withdrawn when receive ended: " + lines.get(1));
            assertEquals(Command.OK, receiving.get(30, TimeUnit.SECONDS).intValue(), bob.err());
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aBadDurationIsAUsageError() {
        CommandRun carol = new CommandRun(services);
        assertEquals(Command.USAGE, carol.run("presence", "--user", "carol", "--server", sipServer, "--status", "busy",
                "--for", "soon"));
        assertTrue(carol.err().contains("--for takes a duration such as 90s"), carol.err());
    }
}
