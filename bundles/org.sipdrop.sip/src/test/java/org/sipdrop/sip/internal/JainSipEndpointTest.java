package org.sipdrop.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sipdrop.sip.SipEndpoint;
import org.sipdrop.sip.SipEndpointConfig;
import org.sipdrop.sip.SipTransport;

class JainSipEndpointTest {

    private final JainSipEndpointFactory factory = new JainSipEndpointFactory();
    private DatagramSocket client;

    @BeforeEach
    void openClient() throws IOException {
        client = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        client.setSoTimeout(5000);
    }

    @AfterEach
    void stopAll() {
        client.close();
        factory.deactivate();
    }

    @Test
    void listensOnAFreeLoopbackPortForEveryTransport() throws IOException {
        SipEndpoint ep = factory.open(SipEndpointConfig.loopback("alice", SipTransport.UDP, SipTransport.TCP));
        InetSocketAddress udp = ep.localAddress(SipTransport.UDP);
        assertEquals("127.0.0.1", udp.getHostString());
        assertNotEquals(0, udp.getPort());
        assertEquals(udp.getPort(), ep.localAddress(SipTransport.TCP).getPort());
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), ep.localAddress(SipTransport.TCP).getPort())) {
            assertTrue(s.isConnected());
        }
        assertThrows(IllegalArgumentException.class, () -> ep.localAddress(SipTransport.TLS));
    }

    @Test
    void answersOptionsWithAllowAndAccept() throws IOException {
        SipEndpoint ep = factory.open(SipEndpointConfig.loopback("bob", SipTransport.UDP));
        InetSocketAddress target = ep.localAddress(SipTransport.UDP);
        String response = RawSip.exchange(client, target, RawSip.request("OPTIONS", target, client.getLocalPort()));
        assertNotNull(response, "no answer to OPTIONS");
        assertTrue(response.startsWith("SIP/2.0 200 OK"), response);
        assertTrue(response.contains("Allow: OPTIONS"), response);
        assertTrue(response.contains("application/sdp"), response);
    }

    @Test
    void knownButUnservedMethodGets405WithAllow() throws IOException {
        SipEndpoint ep = factory.open(SipEndpointConfig.loopback("carol", SipTransport.UDP));
        InetSocketAddress target = ep.localAddress(SipTransport.UDP);
        String response = RawSip.exchange(client, target, RawSip.request("INFO", target, client.getLocalPort()));
        assertTrue(response.startsWith("SIP/2.0 405"), response);
        assertTrue(response.contains("Allow: OPTIONS"), response);
    }

    @Test
    void unknownMethodGets501() throws IOException {
        SipEndpoint ep = factory.open(SipEndpointConfig.loopback("dave", SipTransport.UDP));
        InetSocketAddress target = ep.localAddress(SipTransport.UDP);
        String response = RawSip.exchange(client, target, RawSip.request("FROBNICATE", target, client.getLocalPort()));
        assertTrue(response.startsWith("SIP/2.0 501"), response);
    }

    @Test
    void garbageDoesNotStopTheStack() throws IOException {
        SipEndpoint ep = factory.open(SipEndpointConfig.loopback("erin", SipTransport.UDP));
        InetSocketAddress target = ep.localAddress(SipTransport.UDP);
        client.setSoTimeout(500);
        assertNull(RawSip.exchange(client, target, "\u0000\u0001 not SIP at all\r\n\r\n"),
                "a datagram that is not SIP gets no answer");
        client.setSoTimeout(5000);
        String response = RawSip.exchange(client, target, RawSip.request("OPTIONS", target, client.getLocalPort()));
        assertTrue(response.startsWith("SIP/2.0 200"), response);
    }

    @Test
    void requestWithAMalformedCSeqGets400AndTheStackKeepsAnswering() throws IOException {
        SipEndpoint ep = factory.open(SipEndpointConfig.loopback("hank", SipTransport.UDP));
        InetSocketAddress target = ep.localAddress(SipTransport.UDP);
        String broken = RawSip.request("OPTIONS", target, client.getLocalPort()).replaceFirst("CSeq: 1 OPTIONS", "CSeq: one OPTIONS");
        String response = RawSip.exchange(client, target, broken);
        assertNotNull(response, "a malformed request with a Via still gets an answer (RFC 3261 §8.2.2)");
        assertTrue(response.startsWith("SIP/2.0 400"), response);
        assertTrue(RawSip.exchange(client, target, RawSip.request("OPTIONS", target, client.getLocalPort())).startsWith("SIP/2.0 200"));
    }

    @Test
    void manyEndpointsLiveInOneJvm() throws IOException {
        SipEndpoint a = factory.open(SipEndpointConfig.loopback("u1", SipTransport.UDP));
        SipEndpoint b = factory.open(SipEndpointConfig.loopback("u2", SipTransport.UDP));
        assertNotEquals(a.localAddress(SipTransport.UDP), b.localAddress(SipTransport.UDP));
        assertEquals(2, factory.openEndpoints().size());
    }

    @Test
    void closeStopsTheStackAndFreesItsPorts() throws IOException {
        SipEndpoint ep = factory.open(SipEndpointConfig.loopback("frank", SipTransport.UDP, SipTransport.TCP));
        InetSocketAddress tcp = ep.localAddress(SipTransport.TCP);
        InetSocketAddress udp = ep.localAddress(SipTransport.UDP);
        ep.close();
        ep.close();
        assertFalse(ep.isOpen());
        assertTrue(factory.openEndpoints().isEmpty());
        // checked by what a peer sees, not by binding again: another process may take a free port at once
        try (Socket s = new Socket()) {
            assertThrows(java.net.ConnectException.class, () -> s.connect(tcp, 1000), "nobody listens on TCP any more");
        }
        client.setSoTimeout(1000);
        assertNull(RawSip.exchange(client, udp, RawSip.request("OPTIONS", udp, client.getLocalPort())),
                "nobody answers on UDP any more");
    }

    @Test
    void portInUseIsAClearError() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            IOException e = assertThrows(IOException.class, () -> factory.open(
                    SipEndpointConfig.of("gina", "127.0.0.1", taken.getLocalPort(), java.util.Set.of(SipTransport.TCP))));
            assertTrue(e.getMessage().startsWith("Cannot listen on gina@127.0.0.1:" + taken.getLocalPort()), e.getMessage());
        }
        assertTrue(factory.openEndpoints().isEmpty());
    }
}
