package org.sipdrop.sip.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.sipdrop.sip.SipServer;
import org.sipdrop.sip.SipServerConfig;
import org.sipdrop.sip.SipTransport;

/** Starts a loopback server per test (open mode unless a test says otherwise) and stops it, with every raw UA. */
abstract class ServerTestBase {

    final JainSipServerFactory factory = new JainSipServerFactory();
    final List<RawUa> uas = new ArrayList<>();
    SipServer server;

    SipServer start() throws IOException {
        return start(SipServerConfig.builder("test").transports(EnumSet.of(SipTransport.UDP, SipTransport.TCP)).expires(2, 3600));
    }

    SipServer start(SipServerConfig.Builder config) throws IOException {
        server = factory.start(config.build());
        return server;
    }

    InetSocketAddress udpAddress() {
        return server.localAddress(SipTransport.UDP);
    }

    InetSocketAddress tcpAddress() {
        return server.localAddress(SipTransport.TCP);
    }

    /** @return the server's own URI, e.g. {@code sip:127.0.0.1:PORT} */
    String serverUri() {
        return "sip:127.0.0.1:" + udpAddress().getPort();
    }

    String aor(String user) {
        return "sip:" + user + "@127.0.0.1:" + udpAddress().getPort();
    }

    RawUa udp(String user) throws IOException {
        RawUa ua = RawUa.udp(user, udpAddress());
        uas.add(ua);
        return ua;
    }

    RawUa tcp(String user) throws IOException {
        RawUa ua = RawUa.tcp(user, tcpAddress());
        uas.add(ua);
        return ua;
    }

    static String callId() {
        return UUID.randomUUID() + "@127.0.0.1";
    }

    /** REGISTERs {@code ua}'s contact and expects 200. */
    RawUa.Msg register(RawUa ua, int expires) throws IOException, InterruptedException {
        ua.send(ua.request("REGISTER", serverUri(), "<" + ua.aor() + ">", callId(), "Expires: " + expires + "\r\n", null, null));
        RawUa.Msg r = ua.awaitFinal("REGISTER");
        assertNotNull(r, "no answer to REGISTER");
        assertEquals(200, r.status(), r.text());
        return r;
    }

    @AfterEach
    void stopAll() {
        uas.forEach(RawUa::close);
        factory.deactivate();
    }
}
