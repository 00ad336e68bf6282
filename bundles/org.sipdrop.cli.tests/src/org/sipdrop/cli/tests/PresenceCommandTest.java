package org.sipdrop.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.sipdrop.cli.internal.Command;
import org.sipdrop.cli.internal.Services;
import org.sipdrop.cli.internal.TrackedServices;
import org.sipdrop.server.EmbeddedServer;
import org.sipdrop.server.EmbeddedServerFactory;
import org.sipdrop.transfer.Carriage;
import org.sipdrop.transfer.TransportProvider;
import org.sipdrop.transfer.TransportRequest;
import org.sipdrop.transfer.TransportSession;

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

    /**
     * A transport that starts while {@code receive} runs is advertised to watchers at once, and
     * no longer once it stops: the user session re-publishes the status with the transports of
     * the moment (they used to be published once, at the start).
     */
    @Test
    void aRunningReceiverAdvertisesATransportThatStartsAndStopsWhileItRuns() throws Exception {
        Path into = Files.createTempDirectory("presence-transports");
        CommandRun erin = new CommandRun(services);
        CommandRun frank = new CommandRun(services);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        ServiceRegistration<TransportProvider> later = null;
        try {
            Future<Integer> receiving = pool.submit(() -> erin.run("receive", "--user", "erin", "--server", sipServer,
                    "--transport", "tcp", "--into", into.toString(), "--accept", "none", "--timeout", "15"));
            erin.awaitPrinted("waiting for files", receiving, Duration.ofSeconds(30));
            Future<Integer> watching = pool.submit(() -> frank.run("watch", "--user", "frank", "--server", sipServer,
                    "--transport", "tcp", "--contacts", "erin", "--count", "3", "--timeout", "40", "--json"));
            awaitLines(frank, 1, watching);
            assertTrue(frank.out().contains("\"available\""), frank.out());
            assertTrue(!frank.out().contains("x-later"), frank.out());
            later = registerTransport("x-later");
            awaitLines(frank, 2, watching);
            later.unregister();
            later = null;
            assertEquals(Command.OK, watching.get(40, TimeUnit.SECONDS).intValue(), frank.err());
            List<String> lines = frank.out().lines().toList();
            assertTrue(lines.get(1).contains("\"x-later\"") && lines.get(1).contains("\"available\""), lines.get(1));
            assertTrue(!lines.get(2).contains("x-later") && lines.get(2).contains("\"available\""), lines.get(2));
            assertEquals(Command.OK, receiving.get(30, TimeUnit.SECONDS).intValue(), erin.err());
        } finally {
            if (later != null) {
                later.unregister();
            }
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private static void awaitLines(CommandRun run, int count, Future<Integer> running) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (run.out().lines().count() < count) {
            if (running.isDone() || System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " lines: " + run.out() + run.err());
            }
            Thread.sleep(20);
        }
    }

    /** A transport that carries nothing: only its scheme matters here. */
    private static ServiceRegistration<TransportProvider> registerTransport(String scheme) {
        TransportProvider provider = new TransportProvider() {
            @Override
            public String name() {
                return "test " + scheme;
            }

            @Override
            public Set<String> schemes() {
                return Set.of(scheme);
            }

            @Override
            public Carriage carriage(String s) {
                return Carriage.session("TCP/X-LATER");
            }

            @Override
            public TransportSession open(TransportRequest request) throws IOException {
                throw new IOException("carries nothing");
            }
        };
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(TransportProvider.SCHEME_PROPERTY, new String[] { scheme });
        BundleContext context = FrameworkUtil.getBundle(PresenceCommandTest.class).getBundleContext();
        return context.registerService(TransportProvider.class, provider, props);
    }

    @Test
    void aBadDurationIsAUsageError() {
        CommandRun carol = new CommandRun(services);
        assertEquals(Command.USAGE, carol.run("presence", "--user", "carol", "--server", sipServer, "--status", "busy",
                "--for", "soon"));
        assertTrue(carol.err().contains("--for takes a duration such as 90s"), carol.err());
    }
}
