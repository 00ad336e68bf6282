package org.sipdrop.transport.msrp.internal.relay;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.sipdrop.transport.msrp.internal.codec.MsrpHeaders;
import org.sipdrop.transport.msrp.internal.codec.MsrpMethod;
import org.sipdrop.transport.msrp.internal.codec.MsrpRequest;
import org.sipdrop.transport.msrp.internal.codec.MsrpResponse;
import org.sipdrop.transport.msrp.internal.codec.MsrpStatus;
import org.sipdrop.transport.msrp.internal.codec.MsrpUri;
import org.sipdrop.transport.msrp.internal.codec.TransactionIds;
import org.sipdrop.transport.msrp.internal.net.Connector;
import org.sipdrop.transport.msrp.internal.net.MsrpConnection;
import org.sipdrop.transport.msrp.internal.session.StackConfig;

/**
 * A client's registration with its MSRP relay (RFC 4976 §5): a connection to the relay, an AUTH
 * answered 401 with a Digest challenge, the AUTH again with credentials, and the 200's
 * {@code Use-Path} (the relay's URIs to put before our URI in SDP) and {@code Expires}. The
 * registration is refreshed by a new AUTH before it expires (§5.1), and redone when the
 * connection drops. Sessions of the stack share this one connection.
 */
public final class RelayClient implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RelayClient.class.getName());

    /** Refresh when this share of the granted Expires has passed. */
    private static final double REFRESH_AT = 0.8;

    private final StackConfig.Relay settings;
    private final Connector connector;
    private final ScheduledExecutorService scheduler;
    private final long timeoutMillis;
    private final SecureRandom random = new SecureRandom();
    private final MsrpUri clientUri;
    private MsrpConnection connection;
    private List<MsrpUri> usePath;
    private long expires;
    private ScheduledFuture<?> refresh;
    private boolean closed;
    private int registrations;

    /**
     * @param settings relay URI and credentials
     * @param connector to connect
     * @param scheduler for refreshes
     * @param timeoutMillis longest wait for an AUTH response
     */
    public RelayClient(StackConfig.Relay settings, Connector connector, ScheduledExecutorService scheduler,
            long timeoutMillis) {
        this.settings = settings;
        this.connector = connector;
        this.scheduler = scheduler;
        this.timeoutMillis = timeoutMillis;
        this.clientUri = MsrpUri.of(settings.uri().isSecure(), "127.0.0.1", 9,
                TransactionIds.next(random));
    }

    /** @return the Use-Path granted by the relay, registering first if needed */
    public synchronized List<MsrpUri> usePath() throws IOException {
        if (closed) {
            throw new IOException("The MSRP relay client is closed");
        }
        if (connection == null || !connection.isOpen() || usePath == null) {
            register();
        }
        return usePath;
    }

    /** @return the connection to the relay, registering first if needed */
    public synchronized MsrpConnection connection() throws IOException {
        usePath();
        return connection;
    }

    /** @return successful AUTH exchanges so far, refreshes included */
    public synchronized int registrations() {
        return registrations;
    }

    /** @return the Expires the relay granted, seconds */
    public synchronized long expires() {
        return expires;
    }

    /**
     * @param c a connection
     * @return true if it is the relay connection (never closed for being idle)
     */
    public synchronized boolean owns(MsrpConnection c) {
        return c == connection;
    }

    /** @param c a closed connection; if it was the relay's, the next use registers again */
    public synchronized void connectionClosed(MsrpConnection c) {
        if (c == connection) {
            connection = null;
            usePath = null;
            cancelRefresh();
        }
    }

    private void register() throws IOException {
        if (connection == null || !connection.isOpen()) {
            connection = connector.connect(settings.uri());
        }
        authenticate();
    }

    /** The AUTH exchange of RFC 4976 §5.1 on the current connection. */
    private void authenticate() throws IOException {
        MsrpResponse first = auth(null);
        MsrpResponse answer = first;
        if (first.statusCode() == MsrpStatus.UNAUTHORIZED) {
            String challenge = first.headers().first("WWW-Authenticate").orElseThrow(() -> new IOException(
                    "The relay " + settings.uri() + " answered 401 without WWW-Authenticate (RFC 4976 §5.1)"));
            DigestChallenge d;
            try {
                d = DigestChallenge.parse(challenge);
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage(), e);
            }
            answer = auth(d.authorization(settings.user(), settings.password(), settings.uri().toString(), 1, random));
        }
        if (answer.statusCode() != MsrpStatus.OK) {
            throw new IOException("The relay " + settings.uri() + " refused AUTH for user '" + settings.user()
                    + "': " + answer.statusCode() + " " + answer.reason().orElse("")
                    + (answer.statusCode() == MsrpStatus.UNAUTHORIZED ? " (wrong user or password?)" : ""));
        }
        usePath = answer.headers().usePath().orElseThrow(() -> new IOException(
                "The relay " + settings.uri() + " granted AUTH without Use-Path (RFC 4976 §5.1)"));
        expires = answer.headers().expires().orElse(settings.expires() > 0 ? settings.expires() : 600);
        registrations++;
        scheduleRefresh();
    }

    private MsrpResponse auth(String authorization) throws IOException {
        MsrpHeaders.Builder h = MsrpHeaders.builder(List.of(settings.uri()), List.of(clientUri));
        if (authorization != null) {
            h.add("Authorization", authorization);
        }
        if (settings.expires() > 0) {
            h.add(MsrpHeaders.EXPIRES, Long.toString(settings.expires()));
        }
        MsrpConnection c = connection;
        MsrpRequest req = new MsrpRequest(c.newTransactionId(), MsrpMethod.AUTH, h.build());
        CompletableFuture<MsrpResponse> response = new CompletableFuture<>();
        c.expectResponse(req.transactionId(), response::complete);
        c.sendControl(req);
        try {
            return response.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            c.forgetTransaction(req.transactionId());
            throw new IOException("The relay " + settings.uri() + " did not answer AUTH within " + timeoutMillis + " ms");
        } catch (ExecutionException e) {
            throw new IOException("AUTH failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted during AUTH", e);
        }
    }

    private void scheduleRefresh() {
        cancelRefresh();
        long delayMillis = Math.max(1000, (long) (expires * 1000 * REFRESH_AT));
        refresh = scheduler.schedule(this::refresh, delayMillis, TimeUnit.MILLISECONDS);
    }

    private synchronized void refresh() {
        if (closed || connection == null || !connection.isOpen()) {
            return;
        }
        try {
            authenticate();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Refreshing the MSRP relay registration failed; the next session registers again", e);
            usePath = null;
        }
    }

    private void cancelRefresh() {
        if (refresh != null) {
            refresh.cancel(false);
            refresh = null;
        }
    }

    /** Stops refreshing and closes the relay connection. */
    @Override
    public synchronized void close() {
        closed = true;
        cancelRefresh();
        if (connection != null) {
            connection.close();
        }
    }
}
