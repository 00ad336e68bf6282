package org.sipdrop.sip.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Sends hand-written SIP over UDP on loopback and returns the first answer, bounded in time. */
final class RawSip {

    private RawSip() {
    }

    static String request(String method, InetSocketAddress target, int localPort) {
        String branch = "z9hG4bK" + UUID.randomUUID().toString().replace("-", "");
        return method + " sip:" + target.getHostString() + ":" + target.getPort() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + localPort + ";branch=" + branch + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:tester@127.0.0.1>;tag=" + UUID.randomUUID().toString().substring(0, 8) + "\r\n"
                + "To: <sip:" + target.getHostString() + ">\r\n"
                + "Call-ID: " + UUID.randomUUID() + "@127.0.0.1\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    /** @return the response text, or null when nothing came within the timeout */
    static String exchange(DatagramSocket socket, InetSocketAddress target, String message) throws IOException {
        byte[] out = message.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(out, out.length, target));
        byte[] in = new byte[8192];
        DatagramPacket p = new DatagramPacket(in, in.length);
        try {
            socket.receive(p);
        } catch (java.net.SocketTimeoutException e) {
            return null;
        }
        return new String(in, 0, p.getLength(), StandardCharsets.UTF_8);
    }
}
