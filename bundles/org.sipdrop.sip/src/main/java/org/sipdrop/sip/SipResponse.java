package org.sipdrop.sip;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A final (or provisional) SIP response as callers see it: status, reason, headers, body. */
public final class SipResponse {

    private final int status;
    private final String reason;
    private final Map<String, List<String>> headers;
    private final SipBody body;

    /** @param headers header values by lower-case name, in message order */
    public SipResponse(int status, String reason, Map<String, List<String>> headers, SipBody body) {
        if (status < 100 || status > 699) {
            throw new IllegalArgumentException("A SIP status is 100..699, was " + status);
        }
        this.status = status;
        this.reason = reason == null ? "" : reason;
        this.headers = Map.copyOf(headers);
        this.body = body;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    /** @return true for 2xx (RFC 3261 §21.2) */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** @return the values of a header (case-insensitive name), in order; empty when absent */
    public List<String> headers(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** @return the first value of a header, if present */
    public Optional<String> header(String name) {
        List<String> v = headers(name);
        return v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    public Optional<SipBody> body() {
        return Optional.ofNullable(body);
    }

    @Override
    public String toString() {
        return status + " " + reason;
    }
}
