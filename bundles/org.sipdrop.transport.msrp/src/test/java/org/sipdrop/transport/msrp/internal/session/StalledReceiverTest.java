package org.sipdrop.transport.msrp.internal.session;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sipdrop.transport.msrp.internal.codec.MsrpUri;

/**
 * A receiver that accepts the connection and then reads nothing (its TCP window stays shut):
 * the sender's write waits at most the idle timeout ({@link StackConfig#idleTimeoutMillis()},
 * the configured session timeout in the DS provider) and the send fails saying so, instead of
 * hanging. A raw listener that never reads.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StalledReceiverTest {

    private MsrpStack alice;

    @AfterEach
    void stop() {
        if (alice != null) {
            alice.close();
        }
    }

    @Test
    void sendFailsWithinTheIdleTimeoutWhenTheReceiverStopsReading() throws Exception {
        alice = MsrpStack.start(StackConfig.defaults().withTimeouts(1_000, 20_000));
        try (ServerSocket server = new ServerSocket()) {
            server.setReceiveBufferSize(4096);
            server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            String bob = "msrp://127.0.0.1:" + server.getLocalPort() + "/stalled1;tcp";
            MsrpSession tx = alice.openSession(false, true);
            long length = 256L * 1024 * 1024; // far more than both sockets' buffers
            Thread accepter = new Thread(() -> {
                try {
                    Socket s = server.accept(); // and never read
                    Thread.sleep(30_000);
                    s.close();
                } catch (IOException | InterruptedException e) {
                    // test over
                }
            });
            accepter.setDaemon(true);
            accepter.start();
            IOException e = assertThrows(IOException.class, () -> tx.send(List.of(MsrpUri.parse(bob)), zeros(length), length,
                    "application/octet-stream", n -> { }));
            assertTrue(String.valueOf(e.getMessage()).contains("reads nothing"), e.getMessage());
            accepter.interrupt();
        }
    }

    private static ReadableByteChannel zeros(long length) {
        return new ReadableByteChannel() {
            private long left = length;

            @Override
            public int read(ByteBuffer dst) {
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(left, dst.remaining());
                dst.position(dst.position() + n);
                left -= n;
                return n;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
    }
}
