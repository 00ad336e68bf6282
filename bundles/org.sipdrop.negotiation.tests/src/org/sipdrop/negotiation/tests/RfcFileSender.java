package org.sipdrop.negotiation.tests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file sender written from the RFC texts with raw sockets, not SipDrop's classes: SIP over
 * TCP (RFC 3261 §7, §8.1, §12–14, §18), an RFC 5547 §8.2.1 push offer shaped like §9.1's Fig. 8,
 * MSRP SENDs framed as RFC 4975 §7.1 says. It offers {@code a=setup:active} (RFC 6135), so the
 * answerer is passive and this side connects to the answer's {@code a=path}. One call at a time;
 * every read is bounded by the socket timeout.
 */
final class RfcFileSender implements AutoCloseable {

    private static final int TIMEOUT_MS = 20_000;
    private static final Pattern PATH = Pattern.compile("a=path:msrp://([^:/]+):(\\d+)/(\\S+?);tcp");

    private final Socket sip;
    private final InputStream sipIn;
    private final int localPort;
    private final String target;
    private final String callId = "raw" + Long.toHexString(System.nanoTime());
    private final String fromTag = "rawtag" + Long.toHexString(System.nanoTime() & 0xffff);
    private final String transferId = "RawSender" + Long.toHexString(System.nanoTime()) + "x0123456789";
    private final String ownSession = "rawS" + Long.toHexString(System.nanoTime());
    private String toTag;
    private String peerPath;
    private int cseq;
    private Socket msrp;
    private InputStream msrpIn;

    /** @param target the SIP URI of the receiver's contact, {@code sip:bob@127.0.0.1:PORT;transport=tcp} */
    RfcFileSender(String target) throws IOException {
        this.target = target.replaceFirst(";.*", "") + ";transport=tcp";
        Matcher m = Pattern.compile("@([^:;>]+):(\\d+)").matcher(target);
        if (!m.find()) {
            throw new IllegalArgumentException("no host:port in " + target);
        }
        sip = new Socket();
        sip.setSoTimeout(TIMEOUT_MS);
        sip.bind(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
        // Via and Contact name this very connection's address, so requests for this side (the
        // BYE) come back over it (RFC 3261 §18.2.2 for responses; the peer reuses the connection)
        localPort = sip.getLocalPort();
        sip.connect(new InetSocketAddress(m.group(1), Integer.parseInt(m.group(2))), TIMEOUT_MS);
        sipIn = sip.getInputStream();
    }

    String transferId() {
        return transferId;
    }

    /** RFC 4975 §6: this side's MSRP URI; as the active side it never listens, the port only names it (§8.1). */
    private String ownPath() {
        return "msrp://127.0.0.1:" + localPort + "/" + ownSession + ";tcp";
    }

    /** RFC 5547 §8.2.1: the push offer for {@code name}; {@code open} false sets port 0, closing the stream (§8.4). */
    String offer(String name, long size, byte[] sha1, boolean open, int version) {
        return offer(name, size, sha1, open, version, 0);
    }

    /** As {@link #offer(String, long, byte[], boolean, int)}, resuming from octet {@code from} + 1 when above 0 (RFC 5547 §8.1, §6 file-range). */
    String offer(String name, long size, byte[] sha1, boolean open, int version, long from) {
        int port = open ? localPort : 0;
        String hash = HexFormat.ofDelimiter(":").withUpperCase().formatHex(sha1);
        return String.join("\r\n",
                "v=0",
                "o=raw 2890844526 " + (2890844526L + version) + " IN IP4 127.0.0.1",
                "s=",
                "c=IN IP4 127.0.0.1",
                "t=0 0",
                "m=message " + (port == 0 ? 0 : localPort) + " TCP/MSRP *",
                "a=sendonly",
                "a=accept-types:*",
                "a=path:" + ownPath(),
                "a=setup:active",
                "a=file-selector:name:\"" + name + "\" type:application/octet-stream size:" + size + " hash:sha-1:" + hash,
                "a=file-transfer-id:" + transferId)
                + (from > 0 ? "\r\na=file-range:" + (from + 1) + "-" + size : "") + "\r\n";
    }

    /** Sends the INVITE (or a re-INVITE once the dialog exists); @return the final response */
    Message invite(String sdp) throws IOException {
        cseq++;
        send(request("INVITE", cseq, sdp));
        Message r;
        do {
            r = Message.read(sipIn);
        } while (r.status() < 200);
        if (r.status() < 300) {
            if (toTag == null) {
                Matcher t = Pattern.compile(";tag=([^;\\s]+)").matcher(r.header("To"));
                toTag = t.find() ? t.group(1) : null;
            }
            Matcher p = PATH.matcher(r.body());
            if (peerPath == null && p.find()) {
                peerPath = p.group(0);
            }
            send(request("ACK", cseq, null)); // RFC 3261 §13.2.2.4: same CSeq number
        }
        return r;
    }

    /** RFC 4975 §7.1: one SEND chunk of {@code data} at {@code offset} (0-based) of {@code total}. */
    int sendChunk(byte[] data, int offset, int length, long total, boolean last) throws IOException {
        return sendChunk(data, offset, length, total, last, 0);
    }

    /**
     * As {@link #sendChunk(byte[], int, int, long, boolean)} for a file range starting after
     * {@code base} octets: RFC 5547 §6 — MSRP sees the range as a whole message and counts its
     * Byte-Range from 1, whatever the octets' position in the file.
     */
    int sendChunk(byte[] data, int offset, int length, long total, boolean last, long base) throws IOException {
        if (msrp == null) {
            Matcher p = PATH.matcher(peerPath);
            if (!p.find()) {
                throw new IOException("no a=path in the answer");
            }
            msrp = new Socket(p.group(1), Integer.parseInt(p.group(2)));
            msrp.setSoTimeout(TIMEOUT_MS);
            msrpIn = msrp.getInputStream();
        }
        String tid = "t" + Long.toHexString(System.nanoTime());
        String toPath = peerPath.substring("a=path:".length());
        String head = "MSRP " + tid + " SEND\r\n"
                + "To-Path: " + toPath + "\r\n"
                + "From-Path: " + ownPath() + "\r\n"
                + "Message-ID: m" + transferId.hashCode() + "\r\n"
                + "Byte-Range: " + (offset - base + 1) + "-" + (offset - base + length) + "/" + (total - base) + "\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n";
        OutputStream out = msrp.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(data, offset, length);
        out.write(("\r\n-------" + tid + (last ? "$" : "+") + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String line = readLine(msrpIn); // MSRP <tid> <status> ...
        String[] f = line.split(" ");
        while (!readLine(msrpIn).startsWith("-------" + tid)) {
            // headers of the response up to its end-line
        }
        return Integer.parseInt(f[2]);
    }

    /** Resets the MSRP connection: a cut in the middle of the file. */
    void cutMsrp() throws IOException {
        if (msrp != null) {
            msrp.setSoLinger(true, 0);
            msrp.close();
            msrp = null;
        }
    }

    /** Waits for the receiver's BYE on this connection, answers 200; @return it */
    Message awaitBye() throws IOException {
        Message bye = Message.read(sipIn);
        while (!bye.startLine().startsWith("BYE ")) {
            bye = Message.read(sipIn);
        }
        send(("SIP/2.0 200 OK\r\n" + bye.copy("Via") + bye.copy("From") + bye.copy("To") + bye.copy("Call-ID")
                + bye.copy("CSeq") + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        return bye;
    }

    private byte[] request(String method, int seq, String sdp) {
        byte[] body = sdp == null ? new byte[0] : sdp.getBytes(StandardCharsets.UTF_8);
        String branch = "z9hG4bK" + Long.toHexString(System.nanoTime()) + (method.equals("ACK") ? "a" : "");
        String h = method + " " + target + " SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP 127.0.0.1:" + localPort + ";branch=" + branch + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:raw@127.0.0.1>;tag=" + fromTag + "\r\n"
                + "To: <" + target.replaceFirst(";.*", "") + ">" + (toTag == null ? "" : ";tag=" + toTag) + "\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + seq + " " + method + "\r\n"
                + "Contact: <sip:raw@127.0.0.1:" + localPort + ";transport=tcp>\r\n"
                + (sdp == null ? "" : "Content-Type: application/sdp\r\n")
                + "Content-Length: " + body.length + "\r\n\r\n";
        byte[] head = h.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    private void send(byte[] bytes) throws IOException {
        sip.getOutputStream().write(bytes);
        sip.getOutputStream().flush();
    }

    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < 65_536; i++) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c == '\n') {
                String s = b.toString(StandardCharsets.UTF_8);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        throw new IOException("line too long");
    }

    @Override
    public void close() throws IOException {
        try {
            if (msrp != null) {
                msrp.close();
            }
        } finally {
            sip.close();
        }
    }

    /** One SIP message as read from a stream (RFC 3261 §7.5, §18.3: framed by Content-Length). */
    record Message(String startLine, String headers, String body) {

        static Message read(InputStream in) throws IOException {
            String start = readLine(in);
            for (int i = 0; start.isEmpty() && i < 8; i++) {
                start = readLine(in); // CRLF keep-alives (RFC 5626 §3.5.1)
            }
            StringBuilder h = new StringBuilder();
            int length = 0;
            for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                h.append(line).append("\r\n");
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:") || lower.startsWith("l:")) {
                    length = Integer.parseInt(line.substring(line.indexOf(':') + 1).strip());
                }
            }
            byte[] body = in.readNBytes(length);
            return new Message(start, h.toString(), new String(body, StandardCharsets.UTF_8));
        }

        int status() {
            return startLine.startsWith("SIP/2.0 ") ? Integer.parseInt(startLine.substring(8, 11)) : 0;
        }

        /** @return the first value of header {@code name} (compact forms not needed: the peer writes long ones) */
        String header(String name) {
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).strip();
                }
            }
            return "";
        }

        /** @return every line of header {@code name}, as received, for a response to copy (RFC 3261 §8.2.6.2) */
        String copy(String name) {
            StringBuilder b = new StringBuilder();
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name)) {
                    b.append(line).append("\r\n");
                }
            }
            return b.toString();
        }
    }
}
