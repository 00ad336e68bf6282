package org.sipdrop.sip.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Malformed and unexpected requests get the proper error and the server keeps serving. */
class RobustnessTest extends ServerTestBase {

    @BeforeAll
    void startServer() throws Exception {
        start();
    }

    private void answersOptions(RawUa ua) throws Exception {
        ua.send(ua.request("OPTIONS", serverUri(), "<" + serverUri() + ">", callId(), null, null, null));
        RawUa.Msg ok = ua.awaitFinal("OPTIONS");
        assertNotNull(ok, "the server stopped answering");
        assertEquals(200, ok.status());
        assertTrue(ok.header("Allow").contains("REGISTER"), ok.text());
    }

    @Test
    void optionsIsAnsweredWithAllowAcceptAndSupported() throws Exception {
        RawUa ua = udp("u");
        answersOptions(ua);
    }

    private void malformedHeaderGets400(RawUa ua, String header, String broken) throws Exception {
        ua.send(ua.request("OPTIONS", serverUri(), "<" + serverUri() + ">", callId(), header == null ? null : header + "\r\n", null, null)
                .replace(header == null ? "Max-Forwards: 70" : header, broken));
        RawUa.Msg r = ua.await(m -> m.status() > 0, RawUa.WAIT);
        assertNotNull(r, "no answer to a request with '" + broken + "'");
        assertEquals(400, r.status(), r.text());
        answersOptions(ua);
    }

    @Test
    void malformedHeaderOverUdpGets400AndTheServerStillAnswersOptions() throws Exception {
        malformedHeaderGets400(udp("u"), "Expires: 60", "Expires: soon");
        malformedHeaderGets400(tcp("u2"), null, "Max-Forwards: many");
    }

    @Test
    void malformedHeaderOverTcpGets400AndTheServerStillAnswersOptions() throws Exception {
        malformedHeaderGets400(tcp("u"), "Expires: 60", "Expires: soon");
    }

    @Test
    void requestWithoutCallIdIsDroppedAndTheServerStillAnswersOptions() throws Exception {
        RawUa ua = udp("u");
        ua.send(ua.request("OPTIONS", serverUri(), "<" + serverUri() + ">", callId(), null, null, null).replaceFirst("Call-ID: [^\r]*\r\n", ""));
        answersOptions(ua);
    }

    @Test
    void cseqMethodDifferentFromTheRequestMethodGets400() throws Exception {
        RawUa ua = udp("u");
        ua.send(ua.request("OPTIONS", serverUri(), "<" + serverUri() + ">", callId(), null, null, null).replace(" OPTIONS\r\n", " INFO\r\n"));
        RawUa.Msg r = ua.await(m -> m.status() > 0, RawUa.WAIT);
        assertEquals(400, r.status(), r.text());
    }

    @Test
    void garbageAndBrokenHeadersDoNotStopTheServer() throws Exception {
        RawUa ua = udp("u");
        ua.send("\u0000\u0001 not SIP at all\r\n\r\n");
        ua.send(ua.request("OPTIONS", serverUri(), "<" + serverUri() + ">", callId(), null, null, null).replace("Max-Forwards: 70", "Max-Forwards: many"));
        RawUa.Msg r = ua.await(m -> m.status() > 0, java.time.Duration.ofSeconds(2));
        if (r != null) {
            assertEquals(400, r.status(), r.text());
        }
        answersOptions(ua);
        RawUa tcp = tcp("t");
        tcp.send("GARBAGE garbage garbage\r\nfoo\r\n\r\n");
        answersOptions(tcp("t2"));
    }

    private void otherSipVersionGets505(RawUa ua) throws Exception {
        ua.send(ua.request("OPTIONS", serverUri(), "<" + serverUri() + ">", callId(), null, null, null)
                .replaceFirst(" SIP/2\\.0\r\n", " SIP/3.0\r\n"));
        RawUa.Msg r = ua.await(m -> m.status() > 0, RawUa.WAIT);
        assertNotNull(r, "no answer to a SIP/3.0 request");
        assertEquals(505, r.status(), "RFC 3261 §7.1, §21.5.6: " + r.text());
    }

    @Test
    void requestOfAnotherSipVersionGets505OverUdpAndTcp() throws Exception {
        RawUa udp = udp("v3");
        otherSipVersionGets505(udp);
        answersOptions(udp);
        // over TCP the RI answers 505 itself and then closes that connection: the next one is served
        otherSipVersionGets505(tcp("v3t"));
        answersOptions(tcp("v3t2"));
    }

    @Test
    void sipVersionIsCaseInsensitive() throws Exception {
        RawUa ua = udp("lower");
        ua.send(ua.request("OPTIONS", serverUri(), "<" + serverUri() + ">", callId(), null, null, null)
                .replaceFirst(" SIP/2\\.0\r\n", " sip/2.0\r\n"));
        RawUa.Msg r = ua.await(m -> m.status() > 0, RawUa.WAIT);
        assertNotNull(r, "no answer to a sip/2.0 request");
        assertEquals(200, r.status(), "RFC 3261 §7.1: the SIP-Version string is case-insensitive: " + r.text());
    }

    @Test
    void unknownMethodGets501() throws Exception {
        RawUa ua = udp("u");
        ua.send(ua.request("FROBNICATE", serverUri(), "<" + serverUri() + ">", callId(), null, null, null));
        assertEquals(501, ua.awaitFinal("FROBNICATE").status());
    }

    @Test
    void inviteToTheServerItselfGets405WithAllow() throws Exception {
        RawUa ua = udp("u");
        ua.send(ua.request("INVITE", serverUri(), "<" + serverUri() + ">", callId(), null, null, null));
        RawUa.Msg r = ua.awaitFinal("INVITE");
        assertEquals(405, r.status(), r.text());
        assertEquals("OPTIONS, REGISTER", r.header("Allow"));
    }

    @Test
    void telUriGets416() throws Exception {
        RawUa ua = udp("u");
        ua.send(ua.request("MESSAGE", "tel:+15551234", "<tel:+15551234>", callId(), null, "text/plain", "x"));
        assertEquals(416, ua.awaitFinal("MESSAGE").status());
    }
}
