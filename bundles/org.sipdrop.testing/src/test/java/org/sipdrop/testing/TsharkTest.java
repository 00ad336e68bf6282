package org.sipdrop.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(40)
class TsharkTest {

    @Test
    void sipExchangeWithKamailioHasNoMalformedFrames(@TempDir Path runDir) {
        try (Kamailio kamailio = Kamailio.start(Kamailio.Mode.OPEN, runDir.resolve("kamailio"),
                Kamailio.Ports.freeWithoutTls(), Map.of())) {
            int port = kamailio.sipPort();
            Path pcap;
            try (TsharkCapture capture = Tshark.start(runDir, Duration.ofSeconds(20), port); SipUdp sip = SipUdp.open()) {
                assertEquals(200, sip.options(port, Duration.ofSeconds(3)));
                String message = SipRequests.message(port, sip.localPort(), "alice@127.0.0.1", "nobody@127.0.0.1", "hi");
                assertEquals(404, SipUdp.status(sip.exchange(port, message, Duration.ofSeconds(3))));
                pcap = capture.stop();
            }
            String decodeAs = "udp.port==" + port + ",sip";
            List<Tshark.Frame> sip = Tshark.frames(pcap, "sip", decodeAs);
            assertTrue(sip.size() >= 4, "OPTIONS, 200, MESSAGE, 404 captured: " + sip);
            assertEquals(List.of(), Tshark.malformed(pcap, decodeAs));
        }
    }

    @Test
    void reportsAMalformedSipRequest(@TempDir Path runDir) throws Exception {
        int port = FreePorts.udp();
        Path pcap;
        try (TsharkCapture capture = Tshark.start(runDir, Duration.ofSeconds(20), port);
                DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            byte[] broken = ("MESSAGE sip:a@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:1;branch=z9hG4bKx\r\n"
                    + "HeaderWithoutColon\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(broken, broken.length, InetAddress.getLoopbackAddress(), port));
            pcap = capture.stop();
        }
        assertEquals(1, Tshark.frames(pcap, "udp.dstport==" + port).size(), "the datagram was captured");
        List<Tshark.Frame> problems = Tshark.malformed(pcap, "udp.port==" + port + ",sip");
        assertFalse(problems.isEmpty(), "the checker is not vacuous");
        assertTrue(problems.get(0).expert().contains("no colon"), problems.toString());
    }
}
