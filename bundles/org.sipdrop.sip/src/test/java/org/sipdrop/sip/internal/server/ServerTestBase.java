package org.sipdrop.sip.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInstance;
import org.sipdrop.sip.SipServer;
import org.sipdrop.sip.SipServerConfig;
import org.sipdrop.sip.SipTransport;

/**
 * A loopback server per test class (open mode unless a class says otherwise: stopping a JAIN-SIP
 * stack takes about a second, so classes share one), every raw UA closed after each test. Tests
 * of one class use distinct user names, so registrations of one test never reach another.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
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
    void closeUas() {
        uas.forEach(RawUa::close);
        uas.clear();
    }

    @AfterAll
    void stopServers() {
        factory.deactivate();
    }
}
