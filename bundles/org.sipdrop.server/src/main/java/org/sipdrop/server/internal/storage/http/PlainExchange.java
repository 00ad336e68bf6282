package org.sipdrop.server.internal.storage.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;

/**
 * An {@link Exchange} over plain HTTP, as the JDK's handlers see one. There are no contexts:
 * {@link #getHttpContext()} is {@code null}.
 */
final class PlainExchange extends HttpExchange {

    private final Exchange exchange;

    PlainExchange(Exchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public Headers getRequestHeaders() {
        return exchange.head.headers();
    }

    @Override
    public Headers getResponseHeaders() {
        return exchange.responseHeaders;
    }

    @Override
    public URI getRequestURI() {
        return exchange.head.target();
    }

    @Override
    public String getRequestMethod() {
        return exchange.head.method();
    }

    @Override
    public HttpContext getHttpContext() {
        return null;
    }

    @Override
    public void close() {
        exchange.close();
    }

    @Override
    public InputStream getRequestBody() {
        return exchange.requestBody();
    }

    @Override
    public OutputStream getResponseBody() {
        return exchange.responseBody();
    }

    @Override
    public void sendResponseHeaders(int rCode, long responseLength) throws IOException {
        exchange.sendResponseHeaders(rCode, responseLength);
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return exchange.connection.remote;
    }

    @Override
    public int getResponseCode() {
        return exchange.status();
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return exchange.connection.local;
    }

    @Override
    public String getProtocol() {
        return exchange.head.version();
    }

    @Override
    public Object getAttribute(String name) {
        return exchange.attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        if (value == null) {
            exchange.attributes.remove(name);
        } else {
            exchange.attributes.put(name, value);
        }
    }

    @Override
    public void setStreams(InputStream i, OutputStream o) {
        exchange.setStreams(i, o);
    }

    @Override
    public HttpPrincipal getPrincipal() {
        return null;
    }
}
