package org.sipdrop.sip;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A request received by a user agent, as handlers see it. */
public final class IncomingRequest {

    private final String method;
    private final String requestUri;
    private final String from;
    private final String fromDisplayName;
    private final String to;
    private final String callId;
    private final Map<String, List<String>> headers;
    private final SipBody body;

    public IncomingRequest(String method, String requestUri, String from, String fromDisplayName, String to,
            String callId, Map<String, List<String>> headers, SipBody body) {
        this.method = method;
        this.requestUri = requestUri;
        this.from = from;
        this.fromDisplayName = fromDisplayName;
        this.to = to;
        this.callId = callId;
        this.headers = Map.copyOf(headers);
        this.body = body;
    }

    public String method() {
        return method;
    }

    public String requestUri() {
        return requestUri;
    }

    /** @return the sender's URI from the From header, e.g. {@code sip:alice@127.0.0.1} */
    public String from() {
        return from;
    }

    public Optional<String> fromDisplayName() {
        return Optional.ofNullable(fromDisplayName);
    }

    /** @return the URI of the To header */
    public String to() {
        return to;
    }

    public String callId() {
        return callId;
    }

    public List<String> headers(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    public Optional<String> header(String name) {
        List<String> v = headers(name);
        return v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    public Optional<SipBody> body() {
        return Optional.ofNullable(body);
    }

    @Override
    public String toString() {
        return method + " from " + from + (body == null ? "" : " with " + body);
    }
}
