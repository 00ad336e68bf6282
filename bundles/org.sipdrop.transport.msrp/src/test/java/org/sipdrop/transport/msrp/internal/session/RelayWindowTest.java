package org.sipdrop.transport.msrp.internal.session;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sipdrop.transport.msrp.internal.codec.ByteRange;
import org.sipdrop.transport.msrp.internal.codec.MsrpCodecLimits;
import org.sipdrop.transport.msrp.internal.codec.MsrpFrameReader;
import org.sipdrop.transport.msrp.internal.codec.MsrpFrameWriter;
import org.sipdrop.transport.msrp.internal.codec.MsrpReports;
import org.sipdrop.transport.msrp.internal.codec.MsrpResponses;
import org.sipdrop.transport.msrp.internal.codec.MsrpStatus;
import org.sipdrop.transport.msrp.internal.codec.MsrpUri;
import org.sipdrop.transport.msrp.internal.codec.ReceivedFrame;
import org.sipdrop.transport.msrp.internal.codec.StatusHeader;

/**
 * RFC 4976 §7: a relay answers each SEND itself, so 200 responses do not pace a sender; the
 * receiver's progress REPORTs (RFC 4975 §7.1.2) must. A stub relay answers 200 at once and passes
 * on one progress REPORT, then none: the sender must stop within the window of that REPORT.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RelayWindowTest {

    @TempDir
    Path dir;

    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    @Test
    void senderBehindARelayStaysWithinTheWindowOfTheLastReport() throws Exception {
        long total = 3 * OutgoingMessage.RELAY_WINDOW;
        Path src = TestFiles.random(dir, "src.bin", total, 11);
        try (ServerSocket relay = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                MsrpStack alice = MsrpStack.start(StackConfig.defaults().withTimeouts(10_000, 10_000));
                FileChannel in = FileChannel.open(src)) {
            MsrpSession tx = alice.openSession(false, true);
            MsrpUri relayUri = MsrpUri.of(false, "127.0.0.1", relay.getLocalPort(), "relay1234");
            MsrpUri bob = MsrpUri.of(false, "127.0.0.1", 9, "bob123456");
            Future<?> sending = callers.submit(() -> {
                tx.send(List.of(relayUri, bob), in, total, "application/octet-stream", n -> { });
                return null;
            });
            long received = 0;
            long reported = -1;
            try (Socket s = relay.accept()) {
                // the sender stalls at the window: a quiet second ends the relay's reading
                s.setSoTimeout(1000);
                MsrpFrameReader reader = new MsrpFrameReader(s.getInputStream(), 16 * 1024, MsrpCodecLimits.defaults());
                MsrpFrameWriter writer = new MsrpFrameWriter(s.getOutputStream());
                try {
                    for (ReceivedFrame f = reader.next(); f != null; f = reader.next()) {
                        received += f.body().skip();
                        writer.writeResponse(MsrpResponses.ok(f.request()));
                        if (reported < 0 && received >= Signals.RELAY_REPORT_INTERVAL) {
                            reported = received;
                            writer.writeRequest(MsrpReports.report(writer.newTransactionId(), f.request(), bob,
                                    new ByteRange(1, reported, total), StatusHeader.msrp(MsrpStatus.OK)));
                        }
                    }
                } catch (SocketTimeoutException quiet) {
                    // the sender waits for the next REPORT
                }
            }
            assertTrue(reported > 0, "the stub relay passed one progress REPORT on");
            assertTrue(received <= reported + OutgoingMessage.RELAY_WINDOW + StackConfig.DEFAULT_RELAY_CHUNK_SIZE,
                    received + " bytes sent with only " + reported + " reported");
            assertFalse(sending.isDone() && received == total, "the sender did not run ahead to the end");
        }
    }
}
