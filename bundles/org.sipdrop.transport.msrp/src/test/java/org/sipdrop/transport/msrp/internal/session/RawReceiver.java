package org.sipdrop.transport.msrp.internal.session;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A passive MSRP receiver on raw sockets, written from RFC 4975 without SipDrop's codec: it
 * listens on 127.0.0.1 (its URI goes into the sender's To-Path), takes the connection the
 * active sender opens (§5.4), reads SENDs as §7.1 and §9 frame them (start line, headers, a
 * blank line, the body, the end-line {@code -------tid} with {@code $}, {@code +} or {@code #}),
 * answers each 200, or 415 for a Content-Type it does not take (§7.3.1), and sends success
 * REPORTs (§7.1.2) either once for the whole message or one per chunk with that chunk's
 * Byte-Range, both of which §7.1.3 allows.
 */
public final class RawReceiver implements AutoCloseable {

    /** When success REPORTs go out (RFC 4975 §7.1.3). */
    public enum Reports {
        /** One REPORT with {@code 1-total/total} after the last chunk. */
        WHOLE_AT_END,
        /** One REPORT per chunk, with that chunk's Byte-Range. */
        PER_CHUNK
    }

    /** One SEND read: its transaction id, headers (names lower case), body and continuation flag. */
    public record Chunk(String transactionId, Map<String, String> headers, byte[] body, char flag) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** @return start, end and total of the Byte-Range (RFC 4975 §9), {@code *} as -1 */
        public long[] byteRange() {
            String[] p = header("Byte-Range").split("[-/]");
            return new long[] { Long.parseLong(p[0]), p[1].equals("*") ? -1 : Long.parseLong(p[1]),
                    p[2].equals("*") ? -1 : Long.parseLong(p[2]) };
        }
    }

    private final ServerSocket server;
    private final Reports reports;
    private final Predicate<String> acceptsType;
    private final String uri;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private int transactions;

    public RawReceiver(Reports reports, Predicate<String> acceptsType) throws IOException {
        this.server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        this.reports = reports;
        this.acceptsType = acceptsType;
        this.uri = "msrp://127.0.0.1:" + server.getLocalPort() + "/rawrx8392;tcp";
    }

    /** @return this receiver's MSRP URI, for the sender's To-Path */
    public String uri() {
        return uri;
    }

    /**
     * Accepts the sender's connection and reads SENDs until a message is whole (its chunks' bytes
     * reach the Byte-Range total), was ended with {@code #}, or a chunk was refused; bodiless
     * SENDs (§5.4 binding) are answered and skipped.
     *
     * @return the chunks with a body, in arrival order
     */
    public List<Chunk> receiveMessage() throws IOException {
        if (socket == null) {
            server.setSoTimeout(10_000);
            socket = server.accept();
            socket.setSoTimeout(10_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }
        List<Chunk> chunks = new ArrayList<>();
        long received = 0;
        for (int frames = 0; frames < 100_000; frames++) {
            Chunk c = nextSend();
            if (c == null) {
                return chunks;
            }
            String type = c.header("Content-Type");
            if (type == null) { // bodiless: binds only (RFC 4975 §5.4)
                respond(c, "200 OK");
                continue;
            }
            if (!acceptsType.test(type)) {
                respond(c, "415 Unsupported Media Type");
                chunks.add(c);
                return chunks;
            }
            respond(c, "200 OK");
            chunks.add(c);
            received += c.body().length;
            long[] range = c.byteRange();
            if (reports == Reports.PER_CHUNK && c.body().length > 0) {
                report(c, range[0] + "-" + (range[0] + c.body().length - 1) + "/" + range[2]);
            }
            if (c.flag() == '#') {
                return chunks;
            }
            if (range[2] >= 0 && received >= range[2]) {
                if (reports == Reports.WHOLE_AT_END) {
                    report(c, "1-" + range[2] + "/" + range[2]);
                }
                return chunks;
            }
        }
        throw new IOException("too many frames");
    }

    /** @return the bytes of {@code chunks} put where their Byte-Ranges say */
    public static byte[] assemble(List<Chunk> chunks) {
        long total = chunks.get(0).byteRange()[2];
        byte[] whole = new byte[(int) total];
        for (Chunk c : chunks) {
            System.arraycopy(c.body(), 0, whole, (int) c.byteRange()[0] - 1, c.body().length);
        }
        return whole;
    }

    private void respond(Chunk c, String status) throws IOException {
        String frame = "MSRP " + c.transactionId() + " " + status + "\r\nTo-Path: " + c.header("From-Path")
                + "\r\nFrom-Path: " + uri + "\r\n-------" + c.transactionId() + "$\r\n";
        write(frame);
    }

    private void report(Chunk c, String byteRange) throws IOException {
        if (!"yes".equalsIgnoreCase(c.header("Success-Report"))) {
            return; // RFC 4975 §7.1.3: none unless asked for
        }
        String tid = "rawrep" + (1000 + ++transactions);
        write("MSRP " + tid + " REPORT\r\nTo-Path: " + c.header("From-Path") + "\r\nFrom-Path: " + uri
                + "\r\nMessage-ID: " + c.header("Message-ID") + "\r\nByte-Range: " + byteRange
                + "\r\nStatus: 000 200 OK\r\n-------" + tid + "$\r\n");
    }

    private synchronized void write(String frame) throws IOException {
        out.write(frame.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** @return the next SEND (other requests and responses skipped), or null at end of stream */
    private Chunk nextSend() throws IOException {
        for (;;) {
            String start = line();
            if (start == null) {
                return null;
            }
            String[] parts = start.split(" ");
            String tid = parts[1];
            String endLine = "-------" + tid;
            Map<String, String> headers = new LinkedHashMap<>();
            boolean hasBody = false;
            for (String l = line(); l != null; l = line()) {
                if (l.startsWith(endLine)) {
                    break;
                }
                if (l.isEmpty()) {
                    hasBody = true;
                    break;
                }
                int colon = l.indexOf(':');
                headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
            }
            byte[] body = new byte[0];
            char flag = '$';
            if (hasBody) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                byte[] marker = ("\r\n" + endLine).getBytes(StandardCharsets.US_ASCII);
                for (int c = in.read(); c >= 0; c = in.read()) {
                    b.write(c);
                    if (c == marker[marker.length - 1] && endsWith(b, marker)) {
                        flag = (char) in.read();
                        line(); // CRLF after the flag
                        byte[] all = b.toByteArray();
                        body = java.util.Arrays.copyOf(all, all.length - marker.length);
                        break;
                    }
                }
            }
            if (parts.length == 3 && parts[2].equals("SEND")) {
                return new Chunk(tid, headers, body, flag);
            }
        }
    }

    private static boolean endsWith(ByteArrayOutputStream b, byte[] marker) {
        if (b.size() < marker.length) {
            return false;
        }
        byte[] all = b.toByteArray(); // small test messages only
        for (int i = 0; i < marker.length; i++) {
            if (all[all.length - marker.length + i] != marker[i]) {
                return false;
            }
        }
        return true;
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c >= 0; c = in.read()) {
            if (c == '\n') {
                byte[] bytes = b.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.UTF_8);
            }
            b.write(c);
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
        }
        server.close();
    }
}
