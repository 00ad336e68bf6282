package org.sipdrop.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.sipdrop.cli.internal.Cli;
import org.sipdrop.cli.internal.Console;
import org.sipdrop.cli.internal.TrackedServices;
import org.sipdrop.cli.internal.commands.ServeCommand;

/**
 * {@code sipdrop serve} with the real embedded server of this OSGi runtime: the storage flags
 * start the storage beside SIP, the printed URL takes a PUT and a GET, stopping serve stops it.
 */
class ServeStorageCommandTest {

    @TempDir
    Path dir;

    @Test
    void serveStartsTheStorageAndPrintsItsUrl() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        CountDownLatch stop = new CountDownLatch(1);
        Cli cli = new Cli(List.of(new ServeCommand(() -> stop::await)), console,
                new TrackedServices(FrameworkUtil.getBundle(ServeStorageCommandTest.class).getBundleContext()));
        AtomicInteger exit = new AtomicInteger(-1);
        Thread serve = new Thread(() -> exit.set(cli.run("serve", "--sip-port", "0", "--transport", "udp", "--http-port", "0", "--storage-dir",
                dir.resolve("store").toString(), "--storage-max-expiry", "60")), "serve");
        serve.start();
        Pattern storage = Pattern.compile("sipdrop: storage (http://127\\.0\\.0\\.1:\\d+/storage/) ");
        Optional<String> base = Optional.empty();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (base.isEmpty() && serve.isAlive() && System.nanoTime() < deadline) {
            Matcher m = storage.matcher(out.toString(StandardCharsets.UTF_8));
            base = m.find() ? Optional.of(m.group(1)) : Optional.empty();
            Thread.sleep(50);
        }
        String url;
        try {
            assertTrue(base.isPresent(), () -> out + "\n" + err);
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            url = base.get() + "0123456789abcdef0123456789abcdef";
            HttpResponse<String> put = client.send(HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofString("via serve"))
                    .header("SipDrop-Expires-In", "3600").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, put.statusCode(), put.body());
            assertEquals("60", put.headers().firstValue("SipDrop-Expires-In").orElseThrow(), "--storage-max-expiry bounds it");
            assertEquals("via serve", client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body());
            assertTrue(Files.isRegularFile(dir.resolve("store/data/0123456789abcdef0123456789abcdef")), "kept in --storage-dir");
        } finally {
            stop.countDown();
            serve.join(Duration.ofSeconds(30).toMillis());
        }
        assertEquals(0, exit.get(), () -> out + "\n" + err);
        HttpRequest after = HttpRequest.newBuilder(URI.create(url)).build();
        assertThrows(ConnectException.class, () -> HttpClient.newHttpClient().send(after, HttpResponse.BodyHandlers.ofString()));
    }
}
