package org.sipdrop.cli.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import org.sipdrop.server.EmbeddedServer;
import org.sipdrop.server.EmbeddedServerFactory;
import org.sipdrop.testing.Kamailio;

/**
 * A transport SipDrop's code does not know, configured from the command line: the shared-folder
 * example ({@code examples/org.sipdrop.transport.file}, PID {@value #PID}, configuration REQUIRE)
 * gets {@code --file-folder} and {@code --file-max-size} from its metatype alone. {@code send --via
 * file --file-folder DIR} reaches {@code receive --file-folder DIR}, verified, through the embedded
 * server and through Kamailio; {@code transports} lists it with its flags.
 */
class FileTransportCommandsTest {

    private static final String PID = "org.sipdrop.transport.file";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    private static final Services services = new TrackedServices(
            FrameworkUtil.getBundle(FileTransportCommandsTest.class).getBundleContext());
    private static EmbeddedServer server;

    @BeforeAll
    static void startServer() throws Exception {
        EmbeddedServerFactory factory = services.await(EmbeddedServerFactory.class, Duration.ofSeconds(15)).orElseThrow();
        server = factory.start(Map.of(EmbeddedServerFactory.SIP_PORT, "0", EmbeddedServerFactory.TRANSPORTS, "tcp"));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void transportsListsTheSharedFolderWithItsDerivedFlags() {
        CommandRun run = new CommandRun(services);
        assertEquals(Command.OK, run.run("transports"), run.err());
        String out = run.out();
        assertTrue(out.contains("Shared folder file"), out);
        assertTrue(out.contains("--file-folder TEXT") && out.contains("Root of the share; files are stored and read only below it (required)"), out);
        assertTrue(out.contains("--file-max-size N") && out.contains("(default 4294967296)"), out);
        assertTrue(out.contains("--msrp-relay-uri TEXT") && out.contains("(also --msrp-relay)"), out);
        assertTrue(out.contains("--http-password PASSWORD") && out.contains("(also --storage-password)"), out);
        CommandRun help = new CommandRun(services);
        assertEquals(Command.OK, help.run("help", "send"), help.err());
        assertTrue(help.out().contains("--file-folder TEXT"), help.out());
    }

    @Test
    void aSendViaTheSharedFolderReachesTheReceiverThroughTheEmbeddedServer() throws Exception {
        exchange("embedded.bin", server.uris().get(0).replaceFirst(";.*", ""));
    }

    @Test
    void aSendViaTheSharedFolderReachesTheReceiverThroughKamailio() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/kamailio")), "Kamailio is not installed");
        try (Kamailio kamailio = Kamailio.start(Kamailio.Mode.OPEN, Files.createDirectories(dir.resolve("kamailio")),
                Kamailio.Ports.freeWithoutTls(), Map.of())) {
            exchange("kamailio.bin", "sip:127.0.0.1:" + kamailio.sipPort());
        }
    }

    @Test
    void aMissingRequiredSettingIsAUsageErrorNamingTheFlag() throws Exception {
        Path file = Files.write(Files.createDirectories(dir.resolve("alice-usage")).resolve("x.txt"), new byte[] { 1 });
        CommandRun alice = new CommandRun(services);
        int code = alice.run("send", "--user", "alice", "--server", "sip:127.0.0.1:5", "--to", "bob", "--via", "file",
                "--file-max-size", "10", file.toString());
        assertEquals(Command.USAGE, code, alice.err());
        assertTrue(alice.err().contains("needs --file-folder"), alice.err());
    }

    private static void exchange(String name, String sipServer) throws Exception {
        Path share = Files.createDirectories(dir.resolve("share-" + name));
        byte[] content = new byte[200_000];
        new Random(8089).nextBytes(content);
        Path file = Files.write(Files.createDirectories(dir.resolve("alice-" + name)).resolve(name), content);
        Path bobInto = Files.createDirectories(dir.resolve("bob-" + name));
        List<String> shareFlags = List.of("--file-folder", share.toString());
        CommandRun bob = new CommandRun(services);
        CommandRun alice = new CommandRun(services);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            List<String> receive = new java.util.ArrayList<>(List.of("receive", "--user", "bob", "--server", sipServer,
                    "--transport", "tcp", "--into", bobInto.toString(), "--accept", "from:alice", "--count", "1",
                    "--timeout", Long.toString(WAIT.toSeconds())));
            receive.addAll(shareFlags);
            Future<Integer> receiving = pool.submit(() -> bob.run(receive.toArray(String[]::new)));
            bob.awaitPrinted("waiting for files", receiving, WAIT);
            List<String> send = new java.util.ArrayList<>(List.of("send", "--user", "alice", "--server", sipServer,
                    "--transport", "tcp", "--to", "bob", "--via", "file"));
            send.addAll(shareFlags);
            send.add(file.toString());
            assertEquals(Command.OK, alice.run(send.toArray(String[]::new)), "alice: " + alice.err());
            assertTrue(alice.out().contains("sent " + name + " to bob@127.0.0.1"), alice.out());
            assertEquals(Command.OK, receiving.get(WAIT.toSeconds(), TimeUnit.SECONDS).intValue(), "bob: " + bob.err());
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
        Path saved = Path.of(bob.out().trim());
        assertEquals(bobInto.resolve(name), saved);
        assertArrayEquals(content, Files.readAllBytes(saved));
        ConfigurationAdmin cm = services.await(ConfigurationAdmin.class, Duration.ofSeconds(5)).orElseThrow();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (cm.listConfigurations("(service.pid=" + PID + ")") != null && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertNull(cm.listConfigurations("(service.pid=" + PID + ")"),
                "the commands remove the shared folder's configuration when they end: it applied for them only");
    }
}
