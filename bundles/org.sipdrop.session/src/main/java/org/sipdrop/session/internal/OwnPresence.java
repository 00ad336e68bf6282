package org.sipdrop.session.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.sipdrop.presence.Presence;
import org.sipdrop.presence.PresenceClient;
import org.sipdrop.presence.PresenceStatus;
import org.sipdrop.sip.SipResponse;
import org.sipdrop.transfer.TransferService;
import org.sipdrop.transfer.TransferServiceListener;

/**
 * The user's own status: published with the schemes of the transports running at the time, and
 * published again whenever a transport starts or stops. PUBLISHes go out one at a time on one
 * thread, each after the previous answer: a modification carries the previous answer's entity
 * tag (RFC 3903 §4.4), and two in flight with the same tag lose the second to a 412.
 */
final class OwnPresence implements TransferServiceListener {

    private static final System.Logger LOG = System.getLogger(OwnPresence.class.getName());

    /** What the user asked to show; republished as is with the transports of the moment. */
    private record Wanted(PresenceStatus status, String note, Duration lifetime) {
    }

    private final String aor;
    private final PresenceClient client;
    private final TransferService transfers;
    private final Duration answer;
    private final ExecutorService serial;
    private final AtomicBoolean republishQueued = new AtomicBoolean();
    private volatile Wanted wanted;

    OwnPresence(String aor, PresenceClient client, TransferService transfers, Duration answer) {
        this.aor = aor;
        this.client = client;
        this.transfers = transfers;
        this.answer = answer;
        this.serial = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "SipDrop presence publisher");
            t.setDaemon(true);
            return t;
        });
        transfers.addListener(this);
    }

    PresenceClient client() {
        return client;
    }

    CompletableFuture<SipResponse> publish(PresenceStatus status, String note, Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("A status lasts at least a second, was " + lifetime);
        }
        Wanted w = new Wanted(Objects.requireNonNull(status, "status"), note == null || note.isBlank() ? null : note,
                lifetime);
        wanted = w;
        CompletableFuture<SipResponse> answered = new CompletableFuture<>();
        run(() -> send(w, answered), answered);
        return answered;
    }

    /** A transport came or went: show watchers what this user accepts now. */
    @Override
    public void transportsChanged(TransferService service) {
        if (wanted == null || !republishQueued.compareAndSet(false, true)) {
            return; // nothing published yet, or a republish not yet started will read the new schemes
        }
        CompletableFuture<SipResponse> answered = new CompletableFuture<>();
        run(() -> {
            republishQueued.set(false);
            send(wanted, answered);
        }, answered);
        answered.whenComplete((r, e) -> {
            if (e != null || !r.isSuccess()) {
                LOG.log(System.Logger.Level.WARNING, "Re-publishing the transports of " + aor + " failed: "
                        + (e != null ? e.getMessage() : r.status() + " " + r.reason()));
            }
        });
    }

    private void run(Runnable task, CompletableFuture<SipResponse> answered) {
        try {
            serial.execute(task);
        } catch (RejectedExecutionException e) {
            answered.completeExceptionally(new IllegalStateException("the session is closed"));
        }
    }

    private void send(Wanted w, CompletableFuture<SipResponse> answered) {
        Presence doc = Presence.builder(aor, w.status()).note(w.note())
                .transferSchemes(transfers.schemes()).timestamp(Instant.now()).build();
        try {
            answered.complete(client.publish(doc, w.lifetime()).get(answer.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            answered.completeExceptionally(e.getCause());
        } catch (TimeoutException e) {
            answered.completeExceptionally(new TimeoutException("no answer to PUBLISH within " + answer.toSeconds() + " s"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answered.completeExceptionally(e);
        } catch (RuntimeException e) {
            answered.completeExceptionally(e);
        }
    }

    /**
     * Stops following the transports and lets the last PUBLISH finish; then withdraws the status
     * (RFC 3903 §4.5) or, with {@code keepStatus}, leaves it on the server until it expires.
     */
    void close(boolean keepStatus) {
        transfers.removeListener(this);
        serial.shutdown();
        try {
            serial.awaitTermination(answer.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (keepStatus) {
            client.detach();
        } else {
            client.close();
        }
    }
}
