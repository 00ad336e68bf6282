package org.sipdrop.transport.msrp.internal.session;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sipdrop.transport.msrp.internal.codec.MsrpFrameWriter;
import org.sipdrop.transport.msrp.internal.codec.MsrpHeaders;
import org.sipdrop.transport.msrp.internal.codec.MsrpMethod;
import org.sipdrop.transport.msrp.internal.codec.MsrpRequest;
import org.sipdrop.transport.msrp.internal.codec.MsrpUri;

/**
 * msrps (RFC 4975 §6, §14.2): the active side sends its binding SEND (§5.4) right behind the
 * last message of its TLS handshake, and both may reach the passive side in one TCP segment.
 * Here a hand-driven TLS client makes that happen every time, by writing its Finished message
 * and the SEND with one socket write.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TlsFirstSendTest {

    @TempDir
    static Path dir;

    private static Path key;
    private static Path trust;

    @BeforeAll
    static void keys() throws Exception {
        key = KeyStores.selfSigned(dir, "bob");
        trust = KeyStores.trusting(dir, key, "bob");
    }

    @Test
    void sendArrivingWithTheHandshakesLastMessageBindsThePassiveSession() throws Exception {
        StackConfig c = StackConfig.defaults().withTimeouts(5_000, 5_000).withTls(KeyStores.context(key, trust), 0);
        try (MsrpStack bob = MsrpStack.start(c); Socket socket = new Socket()) {
            MsrpSession passive = bob.openSession(true, false);
            socket.connect(new InetSocketAddress("127.0.0.1", bob.tlsPort()), 5_000);
            socket.setSoTimeout(5_000); // a lost SEND shows as a read timeout, not as a hang
            SSLEngine client = KeyStores.context(null, trust).createSSLEngine("127.0.0.1", bob.tlsPort());
            client.setUseClientMode(true);
            HandClient tls = new HandClient(client, socket);
            tls.handshakeThenSend(bindingSend(passive.localUri()));
            String answer = tls.readText();
            assertTrue(answer.startsWith("MSRP ") && answer.contains(" 200 "), "the binding SEND was answered: " + answer);
            assertTrue(passive.connection() != null, "the passive session is bound (RFC 4975 §5.4)");
        }
    }

    private static byte[] bindingSend(MsrpUri to) throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        MsrpFrameWriter w = new MsrpFrameWriter(wire);
        MsrpUri from = MsrpUri.of(true, "127.0.0.1", 9, "alice001");
        MsrpHeaders h = MsrpHeaders.builder(List.of(to), List.of(from)).messageId("bind1234").build();
        w.writeRequest(new MsrpRequest(w.newTransactionId(), MsrpMethod.SEND, h));
        return wire.toByteArray();
    }

    /** A TLS client over a blocking socket that holds back its last handshake flight. */
    private static final class HandClient {
        private final SSLEngine engine;
        private final InputStream in;
        private final OutputStream out;
        private final ByteBuffer netIn;
        private final ByteBuffer netOut;
        private final ByteBuffer appIn;

        HandClient(SSLEngine engine, Socket socket) throws IOException {
            this.engine = engine;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
            int packet = engine.getSession().getPacketBufferSize();
            this.netIn = ByteBuffer.allocate(4 * packet);
            this.netOut = ByteBuffer.allocate(4 * packet);
            this.appIn = ByteBuffer.allocate(4 * engine.getSession().getApplicationBufferSize());
        }

        /** Handshakes; the flight that finishes it goes out in one write with {@code data}. */
        void handshakeThenSend(byte[] data) throws IOException {
            engine.beginHandshake();
            for (int step = 0; step < 1_000; step++) {
                HandshakeStatus hs = engine.getHandshakeStatus();
                if (hs == HandshakeStatus.NEED_TASK) {
                    for (Runnable t = engine.getDelegatedTask(); t != null; t = engine.getDelegatedTask()) {
                        t.run();
                    }
                } else if (hs == HandshakeStatus.NEED_WRAP) {
                    SSLEngineResult r = engine.wrap(ByteBuffer.allocate(0), netOut);
                    if (r.getHandshakeStatus() == HandshakeStatus.FINISHED) {
                        engine.wrap(ByteBuffer.wrap(data), netOut); // held back: same write as Finished
                        flush();
                        return;
                    }
                    flush();
                } else if (hs == HandshakeStatus.NEED_UNWRAP || hs == HandshakeStatus.NEED_UNWRAP_AGAIN) {
                    unwrapOnce();
                } else {
                    throw new IOException("handshake ended before the client's last flight: " + hs);
                }
            }
            throw new IOException("handshake did not finish");
        }

        /** @return the first application bytes the server sends, as text */
        String readText() throws IOException {
            for (int step = 0; step < 1_000 && appIn.position() == 0; step++) {
                unwrapOnce();
            }
            appIn.flip();
            return StandardCharsets.UTF_8.decode(appIn).toString();
        }

        private void unwrapOnce() throws IOException {
            netIn.flip();
            SSLEngineResult r = engine.unwrap(netIn, appIn);
            netIn.compact();
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                int n = in.read(netIn.array(), netIn.position(), netIn.remaining());
                if (n < 0) {
                    throw new IOException("the server closed the connection");
                }
                netIn.position(netIn.position() + n);
            }
            if (engine.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                for (Runnable t = engine.getDelegatedTask(); t != null; t = engine.getDelegatedTask()) {
                    t.run();
                }
            }
        }

        private void flush() throws IOException {
            netOut.flip();
            out.write(netOut.array(), 0, netOut.limit());
            out.flush();
            netOut.clear();
        }
    }
}
