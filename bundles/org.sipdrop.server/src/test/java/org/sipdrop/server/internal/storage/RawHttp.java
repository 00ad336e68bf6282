package org.sipdrop.server.internal.storage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 by hand on a socket, for what clients refuse to send (traversal paths, a length with
 * no body) and to see exactly what the server answers before any body byte.
 */
final class RawHttp implements AutoCloseable {

    record Response(int status, Map<String, String> headers, String body) {
    }

    private final Socket socket;

    RawHttp(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
    }

    void send(String head) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    void sendBody(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** Reads one interim (1xx) response, which has no body. */
    Response readInterim() throws IOException {
        String[] lines = readHead(socket.getInputStream()).split("\r\n");
        return new Response(Integer.parseInt(lines[0].split(" ")[1]), Map.of(), "");
    }

    /** @return whether the server closed the connection (end of stream or reset) within the read timeout */
    boolean closedByServer() throws IOException {
        try {
            return socket.getInputStream().read() < 0;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /** Reads one response (skipping 1xx), its body by Content-Length. */
    Response read() throws IOException {
        return read(false);
    }

    /** @param head whether the request was HEAD: the response has no body whatever Content-Length says */
    Response read(boolean headRequest) throws IOException {
        InputStream in = socket.getInputStream();
        while (true) {
            String head = readHead(in);
            String[] lines = head.split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int c = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, c).strip().toLowerCase(Locale.ROOT), lines[i].substring(c + 1).strip());
            }
            if (status >= 100 && status < 200) {
                continue;
            }
            int length = headRequest ? 0 : headers.containsKey("content-length") ? Integer.parseInt(headers.get("content-length")) : 0;
            return new Response(status, headers, new String(in.readNBytes(length), StandardCharsets.UTF_8));
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed after " + b.size() + " bytes: " + b.toString(StandardCharsets.ISO_8859_1));
            }
            b.write(c);
            matched = (c == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (c == '\r' ? 1 : 0);
            if (b.size() > 65536) {
                throw new IOException("response head too long");
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /** A request line and headers for {@code method path}, closing the connection after. */
    static String request(String method, String path, String... headers) {
        StringBuilder s = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (String h : headers) {
            s.append(h).append("\r\n");
        }
        return s.append("\r\n").toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
