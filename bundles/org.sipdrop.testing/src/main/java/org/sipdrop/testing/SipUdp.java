package org.sipdrop.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A raw SIP-over-UDP client on 127.0.0.1 for probing peers: sends a request text as is,
 * retransmits it like RFC 3261 17.1.2.2 (Timer E: 500 ms doubling to 4 s) and returns the first
 * final response with the same Call-ID and CSeq, within a deadline.
 */
public final class SipUdp implements AutoCloseable {

    private static final Pattern CALL_ID = Pattern.compile("(?im)^(?:Call-ID|i)\\s*:\\s*(\\S+)\\s*$");
    private static final Pattern CSEQ = Pattern.compile("(?im)^CSeq\\s*:\\s*(\\d+\\s+\\S+)\\s*$");
    private static final Pattern STATUS = Pattern.compile("^SIP/2\\.0 (\\d{3}) ");

    private final DatagramSocket socket;

    private SipUdp(DatagramSocket socket) {
        this.socket = socket;
    }

    /** A client bound to an ephemeral port of 127.0.0.1. */
    public static SipUdp open() {
        try {
            return new SipUdp(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
        } catch (IOException e) {
            throw new PeerException("cannot bind a UDP socket on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    /** The local port, for Via and Contact headers. */
    public int localPort() {
        return socket.getLocalPort();
    }

    /**
     * Sends {@code request} (CRLF line ends, complete with Content-Length) to 127.0.0.1:port
     * and returns the final response, or throws {@link PeerException} once {@code timeout} passed.
     */
    public String exchange(int port, String request, Duration timeout) {
        String callId = header(CALL_ID, request, "Call-ID");
        String cseq = header(CSEQ, request, "CSeq");
        byte[] bytes = request.getBytes(StandardCharsets.UTF_8);
        DatagramPacket out = new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port);
        long deadline = System.nanoTime() + timeout.toNanos();
        long interval = 500;
        try {
            socket.send(out);
            long nextSend = System.currentTimeMillis() + interval;
            byte[] buffer = new byte[65535];
            while (System.nanoTime() < deadline) {
                long wait = Math.max(1, Math.min(nextSend - System.currentTimeMillis(),
                        (deadline - System.nanoTime()) / 1_000_000));
                socket.setSoTimeout((int) Math.min(wait, Integer.MAX_VALUE));
                DatagramPacket in = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(in);
                    String response = new String(in.getData(), 0, in.getLength(), StandardCharsets.UTF_8);
                    if (isFinalResponseTo(response, callId, cseq)) {
                        return response;
                    }
                } catch (SocketTimeoutException e) {
                    if (System.currentTimeMillis() >= nextSend) {
                        socket.send(out);
                        interval = Math.min(interval * 2, 4000);
                        nextSend = System.currentTimeMillis() + interval;
                    }
                }
            }
        } catch (IOException e) {
            throw new PeerException("SIP over UDP to 127.0.0.1:" + port + " failed: " + e.getMessage(), e);
        }
        throw new PeerException("no final response from 127.0.0.1:" + port + " within " + timeout.toMillis()
                + " ms to " + request.lines().findFirst().orElse(""));
    }

    /** Sends OPTIONS to the server itself and returns its status code. */
    public int options(int port, Duration timeout) {
        String response = exchange(port, optionsRequest(port), timeout);
        return status(response);
    }

    /** The status code of a response text. */
    public static int status(String response) {
        Matcher m = STATUS.matcher(response);
        if (!m.find()) {
            throw new PeerException("not a SIP response: " + response.lines().findFirst().orElse(""));
        }
        return Integer.parseInt(m.group(1));
    }

    private String optionsRequest(int port) {
        String id = UUID.randomUUID().toString();
        return "OPTIONS sip:127.0.0.1:" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + localPort() + ";branch=z9hG4bK" + id + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:probe@127.0.0.1>;tag=" + id.substring(0, 8) + "\r\n"
                + "To: <sip:127.0.0.1:" + port + ">\r\n"
                + "Call-ID: " + id + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Accept: application/sdp\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private static boolean isFinalResponseTo(String response, String callId, String cseq) {
        Matcher status = STATUS.matcher(response);
        if (!status.find() || status.group(1).startsWith("1")) {
            return false;
        }
        Matcher id = CALL_ID.matcher(response);
        Matcher seq = CSEQ.matcher(response);
        return id.find() && id.group(1).equals(callId) && seq.find()
                && seq.group(1).replaceAll("\\s+", " ").equals(cseq.replaceAll("\\s+", " "));
    }

    private static String header(Pattern pattern, String request, String name) {
        Matcher m = pattern.matcher(request);
        if (!m.find()) {
            throw new IllegalArgumentException("request has no " + name + " header");
        }
        return m.group(1);
    }

    @Override
    public void close() {
        socket.close();
    }
}
