package org.sipdrop.sip.internal.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A hand-driven SIP user agent on loopback for tests: hand-written messages over UDP or TCP, every
 * message received queued with a way to answer it on the same path. Reader threads are daemons;
 * every wait is bounded; {@link #close()} closes every socket.
 */
final class RawUa implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(5);

    /** A message received, and how to answer on the path it came. */
    record Msg(String text, Consumer<String> reply) {
        String firstLine() {
            return text.substring(0, text.indexOf("\r\n"));
        }

        int status() {
            return text.startsWith("SIP/2.0 ") ? Integer.parseInt(text.substring(8, 11)) : -1;
        }

        String method() {
            return text.startsWith("SIP/2.0 ") ? null : text.substring(0, text.indexOf(' '));
        }

        String header(String name) {
            List<String> all = headers(name);
            return all.isEmpty() ? null : all.get(0);
        }

        List<String> headers(String name) {
            return Sip.headers(text, name);
        }

        String body() {
            int i = text.indexOf("\r\n\r\n");
            return text.substring(i + 4);
        }
    }

    final String user;
    final String transport;
    private final InetSocketAddress server;
    private final DatagramSocket udp;
    private final ServerSocket listener;
    private Socket outbound;
    private final List<Socket> sockets = new ArrayList<>();
    private final LinkedBlockingQueue<Msg> queue = new LinkedBlockingQueue<>();
    private final List<Msg> held = new ArrayList<>();
    private int cseq = 1;
    final String tag = UUID.randomUUID().toString().substring(0, 8);

    private RawUa(String user, String transport, InetSocketAddress server) throws IOException {
        this.user = user;
        this.transport = transport;
        this.server = server;
        InetAddress lo = InetAddress.getLoopbackAddress();
        if (transport.equals("UDP")) {
            udp = new DatagramSocket(0, lo);
            listener = null;
            daemon(this::readUdp);
        } else {
            udp = null;
            listener = new ServerSocket(0, 5, lo);
            daemon(this::accept);
        }
    }

    static RawUa udp(String user, InetSocketAddress server) throws IOException {
        return new RawUa(user, "UDP", server);
    }

    static RawUa tcp(String user, InetSocketAddress server) throws IOException {
        return new RawUa(user, "TCP", server);
    }

    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "raw-ua");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return udp != null ? udp.getLocalPort() : listener.getLocalPort();
    }

    /** @return the contact URI, with {@code transport=tcp} for TCP */
    String contactUri() {
        return "sip:" + user + "@127.0.0.1:" + port() + (transport.equals("TCP") ? ";transport=tcp" : "");
    }

    String aor() {
        return "sip:" + user + "@127.0.0.1";
    }

    String via() {
        return "Via: SIP/2.0/" + transport + " 127.0.0.1:" + port() + ";branch=z9hG4bK" + UUID.randomUUID().toString().replace("-", "") + ";rport\r\n";
    }

    /** A request from this UA; {@code extra} are complete header lines ending in CRLF. */
    String request(String method, String requestUri, String to, String callId, String extra, String contentType, String body) {
        String b = body == null ? "" : body;
        return method + " " + requestUri + " SIP/2.0\r\n" + via() + "Max-Forwards: 70\r\n"
                + "From: <" + aor() + ">;tag=" + tag + "\r\n" + "To: " + to + "\r\n"
                + "Call-ID: " + callId + "\r\n" + "CSeq: " + (cseq++) + " " + method + "\r\n"
                + "Contact: <" + contactUri() + ">\r\n" + (extra == null ? "" : extra)
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                + "Content-Length: " + b.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + b;
    }

    /** @return a response to {@code request} with the given status, copying Via, From, To (+ tag), Call-ID, CSeq */
    static String response(Msg request, int status, String reason, String toTag, String extra, String contentType, String body) {
        StringBuilder r = new StringBuilder("SIP/2.0 " + status + " " + reason + "\r\n");
        for (String via : request.headers("Via")) {
            r.append("Via: ").append(via).append("\r\n");
        }
        for (String rr : request.headers("Record-Route")) {
            r.append("Record-Route: ").append(rr).append("\r\n");
        }
        String to = request.header("To");
        r.append("From: ").append(request.header("From")).append("\r\n");
        r.append("To: ").append(to).append(to.contains(";tag=") || toTag == null ? "" : ";tag=" + toTag).append("\r\n");
        r.append("Call-ID: ").append(request.header("Call-ID")).append("\r\n");
        r.append("CSeq: ").append(request.header("CSeq")).append("\r\n");
        r.append(extra == null ? "" : extra);
        String b = body == null ? "" : body;
        if (contentType != null) {
            r.append("Content-Type: ").append(contentType).append("\r\n");
        }
        return r.append("Content-Length: ").append(b.getBytes(StandardCharsets.UTF_8).length).append("\r\n\r\n").append(b).toString();
    }

    void send(String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        if (udp != null) {
            udp.send(new DatagramPacket(bytes, bytes.length, server));
        } else {
            synchronized (this) {
                if (outbound == null) {
                    outbound = new Socket(server.getAddress(), server.getPort());
                    sockets.add(outbound);
                    Socket s = outbound;
                    daemon(() -> readTcp(s));
                }
                outbound.getOutputStream().write(bytes);
                outbound.getOutputStream().flush();
            }
        }
    }

    /** Waits for the first message matching {@code filter}; others stay for later waits. */
    Msg await(Predicate<Msg> filter, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (held) {
            for (Msg m : held) {
                if (filter.test(m)) {
                    held.remove(m);
                    return m;
                }
            }
        }
        while (true) {
            long left = deadline - System.nanoTime();
            Msg m = left <= 0 ? null : queue.poll(left, TimeUnit.NANOSECONDS);
            if (m == null) {
                return null;
            }
            if (filter.test(m)) {
                return m;
            }
            synchronized (held) {
                held.add(m);
            }
        }
    }

    Msg awaitRequest(String method) throws InterruptedException {
        return await(m -> method.equals(m.method()), WAIT);
    }

    /** @return the first final (or the given) response to {@code method} */
    Msg awaitResponse(String method, Predicate<Integer> status) throws InterruptedException {
        return await(m -> m.status() > 0 && m.header("CSeq").endsWith(" " + method) && status.test(m.status()), WAIT);
    }

    Msg awaitFinal(String method) throws InterruptedException {
        return awaitResponse(method, s -> s >= 200);
    }

    private void readUdp() {
        byte[] buf = new byte[65536];
        while (!udp.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                udp.receive(p);
                InetSocketAddress from = (InetSocketAddress) p.getSocketAddress();
                String text = new String(buf, 0, p.getLength(), StandardCharsets.UTF_8);
                if (!text.isBlank()) {
                    queue.add(new Msg(text, reply -> {
                        byte[] out = reply.getBytes(StandardCharsets.UTF_8);
                        try {
                            udp.send(new DatagramPacket(out, out.length, from));
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }));
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket s = listener.accept();
                synchronized (this) {
                    sockets.add(s);
                }
                daemon(() -> readTcp(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void readTcp(Socket s) {
        try {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            while (true) {
                String text = Sip.readMessage(in);
                if (text == null) {
                    return;
                }
                queue.add(new Msg(text, reply -> {
                    try {
                        synchronized (out) {
                            out.write(reply.getBytes(StandardCharsets.UTF_8));
                            out.flush();
                        }
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
        } catch (SocketException closed) {
            // closed by close()
        } catch (IOException e) {
            // peer went away
        }
    }

    /** Stops listening on the contact port: the UA is then reachable only over the connection it opened (RFC 5626). */
    void closeListener() throws IOException {
        listener.close();
    }

    @Override
    public synchronized void close() {
        if (udp != null) {
            udp.close();
        }
        try {
            if (listener != null) {
                listener.close();
            }
            for (Socket s : sockets) {
                s.close();
            }
        } catch (IOException e) {
            // closing
        }
    }

    /** Tiny SIP text helpers. */
    static final class Sip {
        private Sip() {
        }

        static List<String> headers(String text, String name) {
            String compact = switch (name.toLowerCase()) {
            case "via" -> "v";
            case "from" -> "f";
            case "to" -> "t";
            case "call-id" -> "i";
            case "contact" -> "m";
            case "content-type" -> "c";
            case "content-length" -> "l";
            case "event" -> "o";
            default -> null;
            };
            List<String> out = new ArrayList<>();
            String head = text.substring(0, Math.max(0, text.indexOf("\r\n\r\n")));
            String[] lines = head.split("\r\n");
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String n = lines[i].substring(0, colon).strip();
                if (n.equalsIgnoreCase(name) || n.equalsIgnoreCase(compact)) {
                    String v = lines[i].substring(colon + 1).strip();
                    if (n.equalsIgnoreCase("via") || n.equalsIgnoreCase("v") || n.equalsIgnoreCase("record-route")
                            || n.equalsIgnoreCase("contact") || n.equalsIgnoreCase("m") || n.equalsIgnoreCase("route")) {
                        for (String part : v.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
                            out.add(part.strip());
                        }
                    } else {
                        out.add(v);
                    }
                }
            }
            return out;
        }

        /** Reads one SIP message from a stream (headers, then Content-Length bytes); null at end of stream. */
        static String readMessage(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int c = in.read();
                if (c < 0) {
                    return null;
                }
                if (head.size() == 0 && (c == '\r' || c == '\n')) {
                    continue; // keep-alive CRLFs
                }
                head.write(c);
                matched = (c == '\r' && (matched == 0 || matched == 2)) || (c == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
            }
            String headers = head.toString(StandardCharsets.UTF_8);
            List<String> len = headers(headers, "Content-Length");
            int n = len.isEmpty() ? 0 : Integer.parseInt(len.get(0));
            byte[] body = in.readNBytes(n);
            return headers + new String(body, StandardCharsets.UTF_8);
        }
    }
}
