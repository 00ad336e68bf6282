package org.sipdrop.server.internal.storage.http;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/** Open connections per client address, so that one address cannot hold them all. Thread-safe. */
final class SourceCounts {

    private final int max;
    private final Map<InetAddress, Integer> open = new HashMap<>();

    SourceCounts(int max) {
        this.max = max;
    }

    /** @return whether {@code source} may open one more connection; if so it is counted */
    synchronized boolean tryAcquire(InetAddress source) {
        int n = open.getOrDefault(source, 0);
        if (n >= max) {
            return false;
        }
        open.put(source, n + 1);
        return true;
    }

    synchronized void release(InetAddress source) {
        open.computeIfPresent(source, (a, n) -> n <= 1 ? null : n - 1);
    }
}
