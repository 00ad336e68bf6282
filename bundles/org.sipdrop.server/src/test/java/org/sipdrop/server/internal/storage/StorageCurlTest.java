package org.sipdrop.server.internal.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * curl, an independent HTTP client, against the storage: upload with Digest (RFC 7616, curl's
 * own implementation) and with Basic, ranged download, wrong password refused, quota refused.
 * Each curl run is bounded in time and killed if it overruns.
 */
class StorageCurlTest {

    private static final Path CURL = Path.of("/usr/bin/curl");
    private static final long TIMEOUT_SECONDS = 60;

    @TempDir
    Path dir;
    @TempDir
    Path work;
    private StorageServer server;
    private String base;

    @BeforeEach
    void start() throws IOException {
        assertTrue(Files.isExecutable(CURL), "curl is installed (apt-get install curl)");
        StorageSettings s = new StorageSettings(0, OptionalInt.empty(), Optional.of(dir), 4L << 20, Duration.ofHours(1));
        server = StorageServer.start(s, InetAddress.getLoopbackAddress(), StorageServerTest.auth(), null, null, Clock.systemUTC());
        base = server.baseUris().get(0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** @return the HTTP status curl saw ({@code -w %{http_code}}) */
    private String curl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(CURL.toString(), "-sS", "--max-time", "30", "-o", work.resolve("body").toString(), "-w",
                "%{http_code}"));
        cmd.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            p.getOutputStream().close();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("curl did not finish within " + TIMEOUT_SECONDS + " s: " + cmd);
            }
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void curlUploadsWithDigestAndDownloadsARange() throws Exception {
        byte[] bytes = StorageServerTest.randomBytes(2_000_000);
        Path file = Files.write(work.resolve("upload.bin"), bytes);
        String url = base + StorageServerTest.randomName();
        assertEquals("201", curl("--digest", "-u", "alice:wonderland", "-T", file.toString(), url));
        assertEquals("200", curl(url));
        assertArrayEquals(bytes, Files.readAllBytes(work.resolve("body")));
        assertEquals("206", curl("-r", "1000-1999", url));
        assertArrayEquals(Arrays.copyOfRange(bytes, 1000, 2000), Files.readAllBytes(work.resolve("body")));
    }

    @Test
    void curlUploadsWithBasicOnLoopback() throws Exception {
        Path file = Files.write(work.resolve("small.txt"), "hello storage\n".getBytes(StandardCharsets.UTF_8));
        String url = base + StorageServerTest.randomName();
        assertEquals("201", curl("--basic", "-u", "bob:builder", "-H", "Content-Type: text/plain", "-T", file.toString(), url));
        assertEquals("200", curl(url));
        assertEquals("hello storage\n", Files.readString(work.resolve("body")));
    }

    @Test
    void curlWithAWrongPasswordIsRefused() throws Exception {
        Path file = Files.write(work.resolve("x.bin"), StorageServerTest.randomBytes(100_000));
        String url = base + StorageServerTest.randomName();
        assertEquals("401", curl("--digest", "-u", "alice:nope", "-T", file.toString(), url));
        assertEquals("401", curl("--basic", "-u", "alice:nope", "-T", file.toString(), url));
        assertEquals("404", curl(url));
    }

    @Test
    void curlUploadOverTheQuotaIs413() throws Exception {
        Path file = Files.write(work.resolve("big.bin"), new byte[(4 << 20) + 1]);
        assertEquals("413", curl("--basic", "-u", "alice:wonderland", "-T", file.toString(), base + StorageServerTest.randomName()));
        assertTrue(Files.readString(work.resolve("body")).contains("quota exceeded"));
        assertEquals(0, server.store().used() + server.store().reserved());
    }
}
