package org.sipdrop.cli.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.ConfigurationAdmin;
import org.sipdrop.cli.internal.Command;
import org.sipdrop.cli.internal.Services;

import org.sipdrop.cli.internal.TrackedServices;
import org.sipdrop.cli.internal.commands.ReceiveCommand;
import org.sipdrop.cli.internal.commands.SendCommand;
import org.sipdrop.server.EmbeddedServer;
import org.sipdrop.server.EmbeddedServerFactory;
import org.sipdrop.testing.FreePorts;
import org.sipdrop.testing.Nginx;

/**
 * {@code send --via http|https --storage URL --storage-user U --storage-password P} and
 * {@code receive} with the same storage flags, run as {@code ./sipdrop} runs them, SIP through
 * the embedded server, nginx WebDAV as the storage: one file to two recipients, one accepting
 * and one declining; the sender lists each recipient's outcome and the file is uploaded once.
 */
class StorageCommandsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PASSWORD = "dav-secret";

    @TempDir
    static Path dir;

    private static final Services services = new TrackedServices(
            FrameworkUtil.getBundle(StorageCommandsTest.class).getBundleContext());
    private static Nginx nginx;
    private static EmbeddedServer server;
    private static String sipServer;

    @BeforeAll
    static void startServers() throws Exception {
        int http = FreePorts.tcp();
        int https;
        do {
            https = FreePorts.tcp();
        } while (https == http);
        nginx = Nginx.start(Files.createDirectories(dir.resolve("nginx")), http, https, Map.of("alice", PASSWORD));
        EmbeddedServerFactory factory = services.await(EmbeddedServerFactory.class, Duration.ofSeconds(15)).orElseThrow();
        server = factory.start(Map.of(EmbeddedServerFactory.SIP_PORT, "0", EmbeddedServerFactory.TRANSPORTS, "tcp"));
        sipServer = server.uris().get(0).replaceFirst(";.*", "");
    }

    @AfterAll
    static void stopServers() {
        if (server != null) {
            server.close();
        }
        if (nginx != null) {
            nginx.close();
        }
    }

    @Test
    void sendViaHttpToTwoRecipientsUploadsOnceAndListsEachOutcome() throws Exception {
        List<String> storage = List.of("--storage", nginx.davUri().toString(), "--storage-user", "alice",
                "--storage-password", PASSWORD);
        fanOut("report.pdf", "http", storage);
    }

    @Test
    void sendViaHttpsTrustsTheStorageCertificateGiven() throws Exception {
        List<String> storage = List.of("--storage", nginx.davsUri().toString(), "--storage-user", "alice",
                "--storage-password", PASSWORD, "--storage-trust-store", nginx.certificate().toString());
        fanOut("secure.pdf", "https", storage);
    }

    @Test
    void sendWithTheOfferOverMsrpReachesEachRecipientAsTheMessageFormDoes() throws Exception {
        List<String> storage = List.of("--storage", nginx.davUri().toString(), "--storage-user", "alice",
                "--storage-password", PASSWORD);
        fanOut("agenda.pdf", "http", storage, List.of("--offer-over", "msrp"));
    }

    @Test
    void offerOverMsrpWithoutAStorageIsAUsageError() throws Exception {
        Path file = Files.write(Files.createDirectories(dir.resolve("alice")).resolve("x.txt"), new byte[] { 1 });
        CommandRun alice = new CommandRun(services);
        int code = alice.run(new SendCommand(), List.of("send", "--user", "alice", "--server", sipServer, "--transport", "tcp",
                "--to", "bob", "--via", "msrp", "--offer-over", "msrp", file.toString()));
        assertEquals(Command.USAGE, code, alice.err());
        assertTrue(alice.err().contains("--offer-over msrp carries a storage link: use it with --via and a storage transport"), alice.err());
    }

    private static void fanOut(String name, String via, List<String> storage) throws Exception {
        fanOut(name, via, storage, List.of());
    }

    private static void fanOut(String name, String via, List<String> storage, List<String> sendFlags) throws Exception {
        byte[] content = new byte[300_000];
        new Random(4483).nextBytes(content);
        Path file = Files.write(Files.createDirectories(dir.resolve("alice")).resolve(name), content);
        Path bobInto = Files.createDirectories(dir.resolve("bob-" + name));
        Path carolInto = Files.createDirectories(dir.resolve("carol-" + name));
        long putsBefore = puts();
        CommandRun bob = new CommandRun(services);
        CommandRun carol = new CommandRun(services);
        CommandRun alice = new CommandRun(services);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // one after the other: both commands run in this one runtime and apply the same transport
            // configuration, which two ./sipdrop processes never share
            Future<Integer> bobReceiving = pool.submit(() -> bob.run(new ReceiveCommand(), receive("bob", bobInto, "from:alice", storage)));
            bob.awaitPrinted("waiting for files", bobReceiving, WAIT);
            Future<Integer> carolReceiving = pool.submit(() -> carol.run(new ReceiveCommand(),
                    receive("carol", carolInto, "none", storage)));
            carol.awaitPrinted("waiting for files", carolReceiving, WAIT);
            List<String> send = new ArrayList<>(List.of("send", "--user", "alice", "--server", sipServer, "--transport", "tcp",
                    "--to", "bob,carol", "--via", via));
            send.addAll(storage);
            send.addAll(sendFlags);
            send.add(file.toString());
            int sent = alice.run(new SendCommand(), send);
            assertEquals(Command.FAILED, sent, "carol declined, so send reports a failure; it said: " + alice.err());
            assertTrue(alice.out().contains("sent " + name + " to bob@127.0.0.1"), alice.out());
            assertTrue(alice.err().contains("carol@127.0.0.1 declined " + name), alice.err());
            assertTrue(alice.out().contains("uploaded 1 file(s) once for 2 recipients"), alice.out());
            assertEquals(Command.OK, bobReceiving.get(WAIT.toSeconds(), TimeUnit.SECONDS).intValue(), "bob: " + bob.err());
            carolReceiving.cancel(true);
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
        assertEquals(1, puts() - putsBefore, "one upload for two recipients");
        Path saved = Path.of(bob.out().trim());
        assertEquals(bobInto.resolve(name), saved);
        assertArrayEquals(content, Files.readAllBytes(saved));
        assertEquals(0, carolInto.toFile().list().length, "carol declined: nothing in her folder");
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        ConfigurationAdmin cm = services.await(ConfigurationAdmin.class, Duration.ofSeconds(5)).orElseThrow();
        while (cm.listConfigurations("(service.pid=" + "org.sipdrop.transport.http" + ")") != null && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertNull(cm.listConfigurations("(service.pid=" + "org.sipdrop.transport.http" + ")"),
                "the commands restore the storage transport's configuration when they end");
    }

    private static List<String> receive(String user, Path into, String accept, List<String> storage) {
        List<String> r = new ArrayList<>(List.of("receive", "--user", user, "--server", sipServer, "--transport", "tcp",
                "--into", into.toString(), "--accept", accept, "--count", "1", "--timeout", Long.toString(WAIT.toSeconds())));
        r.addAll(storage);
        return r;
    }

    private static long puts() throws Exception {
        Path log = nginx.runDir().resolve("access.log");
        return Files.exists(log) ? Files.readAllLines(log).stream().filter(l -> l.contains("\"PUT /dav/")).count() : 0;
    }
}
