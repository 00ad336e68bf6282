package org.sipdrop.sip.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.log4j.Logger;
import org.apache.log4j.SimpleLayout;
import org.apache.log4j.WriterAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile sizes over TCP (RFC 3261 §18.3 framing, §21.5.11 513): a message whose header section the
 * stack cannot frame within its limit is closed on; one it can frame but whose body is too large gets
 * 513 and then the close. Never an uncaught exception in a stack thread, and the server keeps
 * serving, the same client on a new connection included.
 */
class OversizedMessagesTest extends ServerTestBase {

    private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    private Thread.UncaughtExceptionHandler previous;
    /** What the RI logs through log4j (its exceptions included) while a test runs. */
    private final StringWriter stackLog = new StringWriter();
    private final WriterAppender stackLogAppender = new WriterAppender(new SimpleLayout(), stackLog);

    @BeforeAll
    void startServer() throws Exception {
        start();
    }

    @BeforeEach
    void catchUncaught() {
        previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e));
        Logger.getRootLogger().addAppender(stackLogAppender);
    }

    @AfterEach
    void restoreHandler() {
        Thread.setDefaultUncaughtExceptionHandler(previous);
        Logger.getRootLogger().removeAppender(stackLogAppender);
    }

    /** Sends {@code request} on a fresh connection; @return the first answer, or null when the server closed without one */
    private String sendRaw(String request) throws IOException {
        try (Socket s = new Socket(tcpAddress().getAddress(), tcpAddress().getPort())) {
            s.setSoTimeout((int) RawUa.WAIT.toMillis());
            try {
                s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            } catch (SocketException closedWhileWriting) {
                // the server stopped reading and closed: allowed when it cannot frame the message
            }
            InputStream in = s.getInputStream();
            String first;
            try {
                first = RawUa.Sip.readMessage(in);
            } catch (SocketException reset) {
                return null;
            }
            if (first != null) {
                try {
                    assertNull(RawUa.Sip.readMessage(in), "only one answer, then the close");
                } catch (SocketException reset) {
                    // closed: as expected
                }
            }
            return first;
        }
    }

    /** A request from a client that is not listening: only the connection's answers count. */
    private static String request(String user, String method, String uri, String extraHeaders, String body) {
        String b = body == null ? "" : body;
        return method + " " + uri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP 127.0.0.1:9;branch=z9hG4bK" + java.util.UUID.randomUUID().toString().replace("-", "") + "\r\n"
                + (extraHeaders == null ? "" : extraHeaders) + "Max-Forwards: 70\r\n"
                + "From: <sip:" + user + "@127.0.0.1>;tag=t1\r\nTo: <" + uri + ">\r\nCall-ID: " + callId() + "\r\n"
                + "CSeq: 1 " + method + "\r\n" + (b.isEmpty() ? "" : "Content-Type: text/plain\r\n")
                + "Content-Length: " + b.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + b;
    }

    private String options(String user, String extraHeaders) {
        return request(user, "OPTIONS", serverUri(), extraHeaders, null);
    }

    private void stillServes(String user) throws Exception {
        RawUa again = tcp(user);
        again.send(again.request("OPTIONS", serverUri(), "<" + serverUri() + ">", callId(), null, null, null));
        RawUa.Msg ok = again.awaitFinal("OPTIONS");
        assertNotNull(ok, "the server stopped serving after the hostile message");
        assertEquals(200, ok.status());
        assertTrue(uncaught.isEmpty(), "uncaught in a stack thread: " + uncaught);
        String log = stackLog.toString();
        assertFalse(log.contains("NullPointerException") || log.contains("RuntimeException"), "the stack logged: " + log);
    }

    @Test
    void headerLineOfOneMegabyteIsClosedOnAndTheServerKeepsServing() throws Exception {
        String answer = sendRaw(options("big", "X-Big: " + "a".repeat(1 << 20) + "\r\n"));
        assertTrue(answer == null || answer.startsWith("SIP/2.0 4") || answer.startsWith("SIP/2.0 513"), answer);
        stillServes("big");
    }

    @Test
    void tenThousandViasAreClosedOnAndTheServerKeepsServing() throws Exception {
        String vias = "Via: SIP/2.0/TCP 127.0.0.1:9;branch=z9hG4bKvia\r\n".repeat(10_000);
        String answer = sendRaw(options("vias", vias));
        assertTrue(answer == null || answer.startsWith("SIP/2.0 4") || answer.startsWith("SIP/2.0 513"), answer);
        stillServes("vias");
    }

    @Test
    void bodyBeyondTheMessageSizeLimitGets513ThenTheConnectionCloses() throws Exception {
        String answer = sendRaw(request("bulky", "MESSAGE", aor("someone"), null, "x".repeat(200_000)));
        assertNotNull(answer, "§21.5.11: the message could be framed, so it is answered");
        assertTrue(answer.startsWith("SIP/2.0 513 "), answer);
        stillServes("bulky");
    }

    @Test
    void contentLengthFarBeyondTheLimitGets513WithoutWaitingForTheBody() throws Exception {
        String request = request("liar", "MESSAGE", aor("someone"), null, "short").replace("Content-Length: 5\r\n",
                "Content-Length: 999999999\r\n");
        String answer = sendRaw(request);
        assertNotNull(answer);
        assertTrue(answer.startsWith("SIP/2.0 513 "), answer);
        stillServes("liar");
    }
}
