package org.sipdrop.ui.tests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An anonymous HTTP storage on loopback for content indirection (RFC 4483), in memory, that
 * counts uploads: PUT stores (201), GET fetches (200, or 206 for {@code Range: bytes=N-}), DELETE
 * removes (204). Enough of what SipDrop's HTTP transport asks of a WebDAV storage to prove how
 * often a file was uploaded.
 */
final class CountingStorage implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final Map<String, String> types = new ConcurrentHashMap<>();
    private final AtomicInteger puts = new AtomicInteger();

    CountingStorage() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/drop/", this::handle);
        server.start();
    }

    /** @return the base URL to configure, ending in {@code /} */
    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/drop/";
    }

    /** @return the number of PUT requests so far */
    int puts() {
        return puts.get();
    }

    private void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        try (x) {
            switch (x.getRequestMethod()) {
            case "PUT" -> {
                try (InputStream in = x.getRequestBody()) {
                    objects.put(path, in.readAllBytes());
                }
                types.put(path, String.valueOf(x.getRequestHeaders().getFirst("Content-Type")));
                puts.incrementAndGet();
                x.sendResponseHeaders(201, -1);
            }
            case "GET" -> get(x, path);
            case "DELETE" -> x.sendResponseHeaders(objects.remove(path) == null ? 404 : 204, -1);
            default -> x.sendResponseHeaders(405, -1);
            }
        }
    }

    private void get(HttpExchange x, String path) throws IOException {
        byte[] body = objects.get(path);
        if (body == null) {
            x.sendResponseHeaders(404, -1);
            return;
        }
        int from = 0;
        String range = x.getRequestHeaders().getFirst("Range");
        boolean ranged = range != null && range.matches("bytes=\\d+-");
        if (ranged) {
            from = Math.min(body.length, Integer.parseInt(range.substring(6, range.length() - 1)));
            x.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
        }
        x.getResponseHeaders().set("Content-Type", types.getOrDefault(path, "application/octet-stream"));
        x.getResponseHeaders().set("Accept-Ranges", "bytes");
        int length = body.length - from;
        x.sendResponseHeaders(ranged ? 206 : 200, length == 0 ? -1 : length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body, from, length);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
