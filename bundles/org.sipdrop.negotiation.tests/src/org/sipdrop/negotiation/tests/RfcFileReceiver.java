package org.sipdrop.negotiation.tests;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file receiver written from the RFC texts with raw sockets, not SipDrop's classes: it takes
 * one INVITE over TCP (RFC 3261 §17.2.1, §18), answers it with an RFC 5547 §8.3.1 answer that
 * says {@code a=setup:active} (RFC 6135; this side opens the MSRP connection, RFC 4975 §5.4),
 * and then misbehaves as the test asks — e.g. connects and hangs up the MSRP connection at once,
 * as a peer that fails would. Every read is bounded by the socket timeout.
 */
final class RfcFileReceiver implements AutoCloseable {

    private static final int TIMEOUT_MS = 30_000;
    private static final Pattern PATH = Pattern.compile("a=path:msrp://([^:/]+):(\\d+)/\\S+");

    private final ServerSocket listener;
    private Socket sip;
    private InputStream sipIn;
    private RfcFileSender.Message invite;
    /** The RFC 3840 feature parameter its Contact carries, e.g. {@code ;+sipdrop.transports="<msrp>"}; empty: none. */
    private String features = "";
    /** A Warning header to add to the next refusal, empty for none. */
    private String warning = "";

    RfcFileReceiver() throws IOException {
        listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        listener.setSoTimeout(TIMEOUT_MS);
    }

    /** Advertises these transports in its answers' Contact (SipDrop's RFC 3840 feature tag), as a SipDrop peer would. */
    RfcFileReceiver advertising(String... schemes) {
        StringBuilder b = new StringBuilder(";+sipdrop.transports=\"");
        for (String s : schemes) {
            b.append('<').append(s).append('>');
        }
        features = b.append('"').toString();
        return this;
    }

    /** @return the URI to send files to */
    String uri() {
        return "sip:carol@127.0.0.1:" + listener.getLocalPort() + ";transport=tcp";
    }

    /** Takes the INVITE and accepts it (200 with the answer), then takes the ACK; @return the INVITE */
    RfcFileSender.Message acceptInvite() throws IOException {
        takeInvite();
        String offer = invite.body();
        String answer = String.join("\r\n",
                "v=0",
                "o=carol 2890844656 2890844656 IN IP4 127.0.0.1",
                "s=",
                "c=IN IP4 127.0.0.1",
                "t=0 0",
                "m=message 9 TCP/MSRP *",
                "a=recvonly",
                "a=accept-types:*",
                "a=path:msrp://127.0.0.1:9/carolS3ss10n;tcp",
                "a=setup:active",
                line(offer, "a=file-selector:"),
                line(offer, "a=file-transfer-id:"), "");
        respond(invite, "200 OK", ";tag=carol1", answer);
        RfcFileSender.Message ack = RfcFileSender.Message.read(sipIn);
        if (!ack.startLine().startsWith("ACK ")) {
            throw new IOException("expected the ACK, got " + ack.startLine());
        }
        return invite;
    }

    /**
     * Takes the INVITE (answering OPTIONS before it), on the connection already open or a new
     * one; the SIP peer reuses its TCP connection (RFC 3261 §18.1.1), not necessarily.
     */
    private void takeInvite() throws IOException {
        if (sip == null) {
            sip = listener.accept();
            sip.setSoTimeout(TIMEOUT_MS);
            sipIn = sip.getInputStream();
        }
        invite = RfcFileSender.Message.read(sipIn);
        for (int i = 0; i < 5 && invite.startLine().startsWith("OPTIONS "); i++) {
            respond(invite, "200 OK", ";tag=carolopt", null); // RFC 3261 §11.2; no RFC 3840 transports: the default
            invite = RfcFileSender.Message.read(sipIn);
        }
        if (!invite.startLine().startsWith("INVITE ")) {
            throw new IOException("expected an INVITE, got " + invite.startLine());
        }
    }

    /**
     * Takes the INVITE and refuses it with 488 (RFC 3261 §21.4.26: none of its media is
     * acceptable here, as a peer without the offered transport says), then takes the ACK.
     *
     * @return the refused INVITE
     */
    RfcFileSender.Message refuseInvite() throws IOException {
        return refuseInvite(false);
    }

    /**
     * As {@link #refuseInvite()}; with {@code transport}, the 488 says it is the transport that is
     * refused (RFC 3261 §20.43 warn-code 302), not the file.
     */
    RfcFileSender.Message refuseInvite(boolean transport) throws IOException {
        takeInvite();
        warning = transport ? "Warning: 302 127.0.0.1 \"Incompatible transport protocol\"\r\n" : "";
        respond(invite, "488 Not Acceptable Here", ";tag=carol0", null);
        warning = "";
        RfcFileSender.Message ack = RfcFileSender.Message.read(sipIn);
        if (!ack.startLine().startsWith("ACK ")) {
            throw new IOException("expected the ACK of the 488, got " + ack.startLine());
        }
        return invite;
    }

    /**
     * Opens the MSRP connection to the offer's a=path, binds it with an empty SEND (RFC 4975
     * §5.4, §7.1), reads the sender's answer to it, then resets the connection: a peer
     * that fails in the middle of the file.
     */
    void connectAndFailMidFile() throws IOException {
        Matcher p = PATH.matcher(invite.body());
        if (!p.find()) {
            throw new IOException("no a=path in the offer");
        }
        String toPath = p.group(0).substring("a=path:".length());
        try (Socket msrp = new Socket(p.group(1), Integer.parseInt(p.group(2)))) {
            msrp.setSoTimeout(TIMEOUT_MS);
            String bind = "MSRP b1nd SEND\r\nTo-Path: " + toPath + "\r\nFrom-Path: msrp://127.0.0.1:9/carolS3ss10n;tcp\r\n"
                    + "Message-ID: bind1\r\nByte-Range: 1-0/0\r\n-------b1nd$\r\n"; // no body: the end-line follows the headers (RFC 4975 §7.1)
            msrp.getOutputStream().write(bind.getBytes(StandardCharsets.US_ASCII));
            msrp.getOutputStream().flush();
            String status = RfcFileSender.readLine(msrp.getInputStream()); // MSRP b1nd 200 OK
            for (int i = 0; i < 20 && !RfcFileSender.readLine(msrp.getInputStream()).startsWith("-------b1nd"); i++) {
                // the response's headers, up to its end-line
            }
            if (!status.startsWith("MSRP b1nd 200")) {
                throw new IOException("the sender refused the binding SEND: " + status);
            }
            msrp.setSoLinger(true, 0); // a reset, as a crashed peer gives
        }
    }

    /**
     * Waits for the sender's BYE, on the INVITE's connection or a new one to this side's
     * Contact (RFC 3261 §18.1.1 lets a UA open one), answers 200; @return it
     */
    RfcFileSender.Message awaitBye() throws IOException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        listener.setSoTimeout(200);
        while (System.nanoTime() < deadline) {
            if (sipIn.available() > 0) {
                RfcFileSender.Message m = RfcFileSender.Message.read(sipIn);
                if (m.startLine().startsWith("BYE ")) {
                    respond(m, "200 OK", "", null);
                    return m;
                }
                continue;
            }
            try {
                Socket other = listener.accept();
                sip.close();
                sip = other;
                sip.setSoTimeout(TIMEOUT_MS);
                sipIn = sip.getInputStream();
            } catch (java.net.SocketTimeoutException none) {
                // nothing new: look at the current connection again
            }
        }
        throw new IOException("no BYE within " + TIMEOUT_MS + " ms");
    }

    private void respond(RfcFileSender.Message request, String status, String toTag, String sdp) throws IOException {
        byte[] body = sdp == null ? new byte[0] : sdp.getBytes(StandardCharsets.UTF_8);
        String to = request.copy("To").strip();
        String head = "SIP/2.0 " + status + "\r\n" + request.copy("Via") + request.copy("From")
                + (to.contains(";tag=") ? to : to + toTag) + "\r\n" + request.copy("Call-ID") + request.copy("CSeq")
                + "Contact: <sip:carol@127.0.0.1:" + listener.getLocalPort() + ";transport=tcp>" + features + "\r\n" + warning
                + (sdp == null ? "" : "Content-Type: application/sdp\r\n") + "Content-Length: " + body.length + "\r\n\r\n";
        sip.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
        sip.getOutputStream().write(body);
        sip.getOutputStream().flush();
    }

    private static String line(String sdp, String prefix) throws IOException {
        return sdp.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new IOException("the offer has no " + prefix));
    }

    @Override
    public void close() throws IOException {
        try {
            if (sip != null) {
                sip.close();
            }
        } finally {
            listener.close();
        }
    }
}
