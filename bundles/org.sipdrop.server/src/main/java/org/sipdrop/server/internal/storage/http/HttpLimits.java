package org.sipdrop.server.internal.storage.http;

import java.time.Duration;

/**
 * What one connection and one client may hold of an {@link HttpFront}. RFC 9110 leaves these to
 * the server; they exist so that slow or idle clients cannot starve the others.
 *
 * @param headTimeout the longest a connection may take to send a whole request head (request
 *        line and header fields, the TLS handshake included) from when it is accepted, or from
 *        the first byte of a later request on a persistent connection
 * @param stallTimeout the longest a request or response body may make no progress before the
 *        connection is closed (a client that vanished, or stopped reading a download)
 * @param maxConnections connections open at once; more are closed when accepted
 * @param maxPerSource connections open at once from one IP address; more are closed when
 *        accepted. Far above the handful a client uses for parallel range requests
 * @param maxHeadBytes the largest request head; a larger one is answered 431
 * @param maxBusyPerSource requests from one IP address served at once; more wait for one of
 *        them to end, so that slow downloads of one client cannot hold every worker
 * @param keepAliveTimeout how long a persistent connection may stay idle after a response
 *        before the next request begins (the JDK server's default idle interval, 30 s)
 */
public record HttpLimits(Duration headTimeout, Duration stallTimeout, int maxConnections, int maxPerSource, int maxHeadBytes,
        int maxBusyPerSource, Duration keepAliveTimeout) {

    /**
     * 10 s for a head, 60 s of stall, 1024 connections of which 64 from one address, 16 KiB heads,
     * 16 requests served at once for one address (half the storage's 32 workers), 30 s idle.
     */
    public static final HttpLimits DEFAULT = new HttpLimits(Duration.ofSeconds(10), Duration.ofSeconds(60), 1024, 64, 16 * 1024, 16,
            Duration.ofSeconds(30));

    public HttpLimits {
        if (headTimeout == null || headTimeout.isNegative() || headTimeout.isZero()) {
            throw new IllegalArgumentException("headTimeout must be positive, was " + headTimeout);
        }
        if (stallTimeout == null || stallTimeout.isNegative() || stallTimeout.isZero()) {
            throw new IllegalArgumentException("stallTimeout must be positive, was " + stallTimeout);
        }
        if (maxConnections < 1 || maxPerSource < 1 || maxPerSource > maxConnections) {
            throw new IllegalArgumentException("need 1 <= maxPerSource (" + maxPerSource + ") <= maxConnections (" + maxConnections + ")");
        }
        if (maxHeadBytes < 1024) {
            throw new IllegalArgumentException("maxHeadBytes must be at least 1024, was " + maxHeadBytes);
        }
        if (keepAliveTimeout == null || keepAliveTimeout.isNegative() || keepAliveTimeout.isZero()) {
            throw new IllegalArgumentException("keepAliveTimeout must be positive, was " + keepAliveTimeout);
        }
        if (maxBusyPerSource < 1) {
            throw new IllegalArgumentException("maxBusyPerSource must be at least 1, was " + maxBusyPerSource);
        }
    }

    public HttpLimits withHeadTimeout(Duration d) {
        return new HttpLimits(d, stallTimeout, maxConnections, maxPerSource, maxHeadBytes, maxBusyPerSource, keepAliveTimeout);
    }

    public HttpLimits withStallTimeout(Duration d) {
        return new HttpLimits(headTimeout, d, maxConnections, maxPerSource, maxHeadBytes, maxBusyPerSource, keepAliveTimeout);
    }

    public HttpLimits withKeepAliveTimeout(Duration d) {
        return new HttpLimits(headTimeout, stallTimeout, maxConnections, maxPerSource, maxHeadBytes, maxBusyPerSource, d);
    }

    public HttpLimits withMaxBusyPerSource(int n) {
        return new HttpLimits(headTimeout, stallTimeout, maxConnections, maxPerSource, maxHeadBytes, n, keepAliveTimeout);
    }

    public HttpLimits withMaxPerSource(int n) {
        return new HttpLimits(headTimeout, stallTimeout, maxConnections, n, maxHeadBytes, maxBusyPerSource, keepAliveTimeout);
    }
}
