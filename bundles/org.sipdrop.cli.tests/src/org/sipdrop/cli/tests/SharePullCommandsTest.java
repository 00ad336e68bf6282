package org.sipdrop.cli.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import org.sipdrop.cli.internal.Command;
import org.sipdrop.cli.internal.Services;
import org.sipdrop.cli.internal.TrackedServices;
import org.sipdrop.server.EmbeddedServer;
import org.sipdrop.server.EmbeddedServerFactory;

/**
 * {@code sipdrop share} and {@code sipdrop pull} as {@code ./sipdrop} runs them, through the
 * embedded server: alice shares a folder, bob pulls one file by its name (RFC 5547 §8.2.2) and
 * gets it verified; a name she does not share is refused with 404 and the reason.
 */
class SharePullCommandsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    private static final Services services = new TrackedServices(
            FrameworkUtil.getBundle(SharePullCommandsTest.class).getBundleContext());
    private static EmbeddedServer server;
    private static String sipServer;

    @BeforeAll
    static void startServer() throws Exception {
        EmbeddedServerFactory factory = services.await(EmbeddedServerFactory.class, Duration.ofSeconds(15)).orElseThrow();
        server = factory.start(Map.of(EmbeddedServerFactory.SIP_PORT, "0", EmbeddedServerFactory.TRANSPORTS, "tcp"));
        sipServer = server.uris().get(0).replaceFirst(";.*", "");
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void pullFetchesASharedFileByNameVerifiedAndTheSharerSeesItServed() throws Exception {
        Path shared = Files.createDirectories(dir.resolve("alice-shares"));
        byte[] content = new byte[180_000];
        new Random(5547).nextBytes(content);
        Files.write(shared.resolve("design notes.pdf"), content);
        Files.write(shared.resolve("other.txt"), "not this one".getBytes(StandardCharsets.UTF_8));
        Path into = Files.createDirectories(dir.resolve("bob-pulls"));

        CommandRun alice = new CommandRun(services);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> sharing = pool.submit(() -> alice.run("share", "--user", "alice", "--server", sipServer,
                    "--transport", "tcp", "--dir", shared.toString(), "--count", "1", "--timeout", Long.toString(WAIT.toSeconds())));
            alice.awaitPrinted("waiting for pulls", sharing, WAIT);
            assertTrue(alice.out().contains("shared design notes.pdf (180000 bytes)"), alice.out());
            assertTrue(alice.out().contains("shared other.txt (12 bytes)"), alice.out());

            CommandRun missing = new CommandRun(services);
            assertEquals(Command.FAILED, missing.run("pull", "--user", "bob", "--server", sipServer, "--transport", "tcp",
                    "--from", "alice", "--name", "secret.txt", "--into", into.toString()), missing::err);
            assertTrue(missing.err().contains("alice@127.0.0.1 refused to send secret.txt: 404 Not Found"), missing.err());
            assertFalse(Files.exists(into.resolve("secret.txt")));

            CommandRun bob = new CommandRun(services);
            assertEquals(Command.OK, bob.run("pull", "--user", "bob", "--server", sipServer, "--transport", "tcp",
                    "--from", "alice", "--name", "design notes.pdf", "--into", into.toString(), "--timeout",
                    Long.toString(WAIT.toSeconds())), () -> "pull failed: " + bob.err() + "\nsharer said: " + alice.err());
            Path saved = Path.of(bob.out().trim());
            assertEquals(into.toRealPath().resolve("design notes.pdf"), saved);
            assertArrayEquals(content, Files.readAllBytes(saved));

            assertEquals(Command.OK, sharing.get(WAIT.toSeconds(), TimeUnit.SECONDS).intValue(), alice::err);
            assertTrue(alice.out().contains("served design notes.pdf to bob@127.0.0.1 (verified by bob@127.0.0.1)"), alice.out());
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void shareRefusesAFolderWithNothingToShare() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        CommandRun alice = new CommandRun(services);
        assertEquals(Command.FAILED, alice.run("share", "--user", "alice", "--server", sipServer, "--transport", "tcp",
                "--dir", empty.toString(), "--timeout", "1"));
        assertTrue(alice.err().contains("holds no readable files to share"), alice.err());
    }

    @Test
    void pullNeedsTheFileNameNotAPath() {
        CommandRun bob = new CommandRun(services);
        assertEquals(Command.USAGE, bob.run("pull", "--user", "bob", "--from", "alice", "--name", "../etc/passwd"));
        assertTrue(bob.err().contains("not a path"), bob.err());
    }
}
