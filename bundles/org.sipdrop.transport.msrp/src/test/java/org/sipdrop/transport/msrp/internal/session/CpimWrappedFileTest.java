package org.sipdrop.transport.msrp.internal.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sipdrop.transport.msrp.internal.codec.MsrpUri;

/**
 * A file that comes wrapped in message/cpim, as RFC 5547 §9.1 sends it (Figs. 10 and 11: the
 * MSRP message is the CPIM message, its Byte-Range total counts the wrapper, the file is the
 * payload; §8.7), from a raw sender: the receiver writes only the file's octets.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CpimWrappedFileTest {

    /** The CPIM headers of Fig. 10 (RFC 5547 §9.1), a blank line, the MIME headers, a blank line. */
    static final String FIG_10_WRAPPER = "To: Bob <sip:bob@example.com>\r\n"
            + "From: Alice <sip:alice@example.com>\r\n"
            + "DateTime: 2006-05-15T15:02:31-03:00\r\n"
            + "\r\n"
            + "Content-Disposition: render; filename=\"My cool picture.jpg\"; creation-date=\"Mon, 15 May 2006 15:01:31 +0300\"; size=4092\r\n"
            + "Content-Type: image/jpeg\r\n"
            + "\r\n";

    @TempDir
    Path dir;

    private final ExecutorService callers = Executors.newSingleThreadExecutor();
    private MsrpStack bob;

    @AfterEach
    void stop() {
        callers.shutdownNow();
        if (bob != null) {
            bob.close();
        }
    }

    @Test
    void fileWrappedInCpimIsReceivedAsItsPayload() throws Exception {
        bob = MsrpStack.start(StackConfig.defaults().withTimeouts(3_000, 3_000));
        byte[] file = new byte[4092]; // the picture of Fig. 8
        new Random(5).nextBytes(file);
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.write(FIG_10_WRAPPER.getBytes(StandardCharsets.UTF_8));
        message.write(file);
        byte[] m = message.toByteArray();
        int total = m.length;
        MsrpSession rx = bob.openSession(false, false);
        String alice = "msrp://127.0.0.1:7654/iau39;tcp";
        Path saved = dir.resolve("picture.jpg");
        AtomicLong progress = new AtomicLong();
        try (FileChannel sink = FileChannel.open(saved, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            Future<?> received = callers.submit(() -> {
                rx.receive(List.of(MsrpUri.parse(alice)), sink, file.length, progress::set);
                return null;
            });
            try (WireAttacker sender = new WireAttacker(bob.port())) {
                String to = rx.localUri().toString();
                String first = sender.sendTyped(to, alice, "12339sdqwer", "1-2048/" + total, "message/cpim",
                        Arrays.copyOfRange(m, 0, 2048), '+');
                String second = sender.sendTyped(to, alice, "12339sdqwer", "2049-" + total + "/" + total, "message/cpim",
                        Arrays.copyOfRange(m, 2048, total), '$');
                WireAttacker.Frame r1 = sender.nextResponse();
                WireAttacker.Frame r2 = sender.nextResponse();
                assertEquals(first + " 200", r1.transactionId() + " " + r1.status());
                assertEquals(second + " 200", r2.transactionId() + " " + r2.status());
                received.get(10, TimeUnit.SECONDS);
            }
        }
        assertArrayEquals(file, Files.readAllBytes(saved), "the file is the CPIM payload, the wrapper is not written");
        assertEquals(file.length, progress.get());
    }

    @Test
    void wrapperWithoutBlankLinesIsRefusedNotWrittenAsTheFile() throws Exception {
        bob = MsrpStack.start(StackConfig.defaults().withTimeouts(3_000, 3_000));
        byte[] file = new byte[100];
        byte[] junk = "X-Not-Cpim: 1\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] m = new byte[junk.length + file.length];
        System.arraycopy(junk, 0, m, 0, junk.length);
        MsrpSession rx = bob.openSession(false, false);
        String alice = "msrp://127.0.0.1:7654/iau39;tcp";
        try (FileChannel sink = FileChannel.open(dir.resolve("x"), java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            Future<?> received = callers.submit(() -> {
                rx.receive(List.of(MsrpUri.parse(alice)), sink, file.length, n -> { });
                return null;
            });
            try (WireAttacker sender = new WireAttacker(bob.port())) {
                sender.sendTyped(rx.localUri().toString(), alice, "msg00001", "1-" + m.length + "/" + m.length, "message/cpim", m, '$');
                WireAttacker.Frame refused = sender.nextResponse();
                assertEquals(400, refused.status(), "RFC 3862 §2: not a CPIM message: " + refused.startLine());
                java.util.concurrent.ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                        java.util.concurrent.ExecutionException.class, () -> received.get(10, TimeUnit.SECONDS));
                assertTrue(String.valueOf(e.getCause().getMessage()).contains("RFC 3862"), e.getCause().getMessage());
            }
        }
    }
}
