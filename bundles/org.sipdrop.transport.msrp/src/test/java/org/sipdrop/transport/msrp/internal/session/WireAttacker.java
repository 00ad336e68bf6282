package org.sipdrop.transport.msrp.internal.session;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A hostile MSRP peer on a raw socket: it writes requests as RFC 4975 §7.1 and §9 frame them
 * (start line, To-Path, From-Path, headers, body, end-line) from plain strings, without
 * SipDrop's codec, and reads back frames (responses and REPORTs, which carry no body here) line
 * by line up to their end-line. 127.0.0.1 only.
 */
final class WireAttacker implements AutoCloseable {

    /** One frame read back: its start line and header lines, the end-line excluded. */
    record Frame(String startLine, List<String> headers) {

        /** @return the status code of a response, or -1 for a request */
        int status() {
            String[] parts = startLine.split(" ");
            return parts.length >= 3 && parts[2].matches("\\d{3}") ? Integer.parseInt(parts[2]) : -1;
        }

        /** @return the transaction id */
        String transactionId() {
            return startLine.split(" ")[1];
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private int transactions;

    WireAttacker(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
        socket.setSoTimeout(5_000);
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    /**
     * Writes a whole SEND: {@code body} then the end-line with {@code flag}.
     *
     * @return its transaction id
     */
    String send(String toPath, String fromPath, String messageId, String byteRange, byte[] body, char flag)
            throws IOException {
        String tid = startSend(toPath, fromPath, messageId, byteRange);
        out.write(body);
        out.write(("\r\n-------" + tid + flag + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return tid;
    }

    /**
     * Writes a whole SEND with this Content-Type, asking for success REPORTs (RFC 4975 §7.1.1).
     *
     * @return its transaction id
     */
    String sendTyped(String toPath, String fromPath, String messageId, String byteRange, String contentType, byte[] body,
            char flag) throws IOException {
        String tid = "atk" + (10_000 + ++transactions);
        String head = "MSRP " + tid + " SEND\r\n" + "To-Path: " + toPath + "\r\n" + "From-Path: " + fromPath + "\r\n"
                + "Message-ID: " + messageId + "\r\n" + "Success-Report: yes\r\n" + "Byte-Range: " + byteRange + "\r\n"
                + "Content-Type: " + contentType + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.write(("\r\n-------" + tid + flag + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return tid;
    }

    /**
     * Writes a SEND without body (RFC 4975 §5.4: the active side's way to bind a session):
     * headers, then the end-line at once.
     *
     * @return its transaction id
     */
    String bodiless(String toPath, String fromPath) throws IOException {
        String tid = "atk" + (10_000 + ++transactions);
        String frame = "MSRP " + tid + " SEND\r\n" + "To-Path: " + toPath + "\r\n" + "From-Path: " + fromPath + "\r\n"
                + "Message-ID: bind" + tid + "\r\n" + "Byte-Range: 1-0/0\r\n" + "-------" + tid + "$\r\n";
        out.write(frame.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return tid;
    }

    /**
     * @param quietMillis how long a silence ends the listening
     * @return the start lines of the frames that came until the stack was quiet that long or closed
     */
    List<String> startLinesUntilQuiet(int quietMillis) throws IOException {
        List<String> lines = new ArrayList<>();
        socket.setSoTimeout(quietMillis);
        try {
            for (Frame f = next(); f != null; f = next()) {
                lines.add(f.startLine());
            }
        } catch (java.net.SocketTimeoutException e) {
            // quiet
        } catch (IOException e) {
            // reset: closed
        }
        return lines;
    }

    /**
     * Writes the start line and headers of a SEND with a body (RFC 4975 §9: a blank line after
     * the headers), leaving the body open: the caller writes body bytes with {@link #write}.
     *
     * @return its transaction id
     */
    String startSend(String toPath, String fromPath, String messageId, String byteRange) throws IOException {
        String tid = "atk" + (10_000 + ++transactions);
        String head = "MSRP " + tid + " SEND\r\n" + "To-Path: " + toPath + "\r\n" + "From-Path: " + fromPath + "\r\n"
                + "Message-ID: " + messageId + "\r\n" + "Success-Report: no\r\n" + "Byte-Range: " + byteRange + "\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return tid;
    }

    /** Writes raw body bytes. */
    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** @return the next frame, or null when the stack closed the connection */
    Frame next() throws IOException {
        String start = line();
        if (start == null) {
            return null;
        }
        List<String> headers = new ArrayList<>();
        String tid = start.split(" ")[1];
        for (String l = line(); l != null; l = line()) {
            if (l.startsWith("-------" + tid)) {
                return new Frame(start, headers);
            }
            headers.add(l);
        }
        return null;
    }

    /** @return the next response (REPORTs skipped), or null when the stack closed the connection */
    Frame nextResponse() throws IOException {
        for (Frame f = next(); f != null; f = next()) {
            if (f.status() >= 0) {
                return f;
            }
        }
        return null;
    }

    /**
     * @return true if the stack closed the connection: end of stream or a reset, read within the
     *         socket timeout
     */
    boolean closedByPeer() {
        try {
            while (in.read() >= 0) {
                // drain what was sent before the close
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
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
        socket.close();
    }
}
