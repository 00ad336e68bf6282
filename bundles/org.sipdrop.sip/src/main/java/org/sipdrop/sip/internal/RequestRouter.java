package org.sipdrop.sip.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides who answers an incoming request by its method. RFC 3261 §8.2.1: a method this UA
 * knows but does not serve is answered 405 with Allow; a method it does not know at all, 501.
 */
final class RequestRouter {

    /** Methods a SIP UA may meet (RFC 3261, 3262, 3265/6665, 3311, 3428, 3515, 3903, 6086). */
    static final Set<String> KNOWN = Set.of("ACK", "BYE", "CANCEL", "INFO", "INVITE", "MESSAGE",
            "NOTIFY", "OPTIONS", "PRACK", "PUBLISH", "REFER", "REGISTER", "SUBSCRIBE", "UPDATE");

    /** What to do with a request nobody handles. */
    enum Verdict {
        HANDLE, METHOD_NOT_ALLOWED, NOT_IMPLEMENTED, IGNORE
    }

    private final Map<String, Object> handlers = new ConcurrentHashMap<>();

    void register(String method, Object handler) {
        handlers.put(method, handler);
    }

    Object handler(String method) {
        return handlers.get(method);
    }

    Verdict route(String method) {
        if (handlers.containsKey(method)) {
            return Verdict.HANDLE;
        }
        if ("ACK".equals(method)) {
            return Verdict.IGNORE; // RFC 3261 §17.2.1: an ACK is never answered
        }
        return KNOWN.contains(method) ? Verdict.METHOD_NOT_ALLOWED : Verdict.NOT_IMPLEMENTED;
    }

    /** @return the value of the Allow header: the methods served, sorted */
    List<String> allowed() {
        return List.copyOf(new TreeSet<>(handlers.keySet()));
    }
}
