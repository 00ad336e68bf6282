package org.sipdrop.negotiation.internal.engine;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.sipdrop.transfer.TransferControl;
import org.sipdrop.negotiation.internal.pagemode.CpimMessage;
import org.sipdrop.negotiation.internal.pagemode.ExternalBody;
import org.sipdrop.negotiation.internal.pagemode.FileOfferMessage;
import org.sipdrop.negotiation.internal.pagemode.Imdn;
import org.sipdrop.negotiation.internal.pagemode.MultipartCodec;
import org.sipdrop.sip.SipBody;
import org.sipdrop.sip.SipResponse;
import org.sipdrop.transfer.Cleanup;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.ExpiringSession;
import org.sipdrop.transfer.TransportException;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferFailure;
import org.sipdrop.transfer.TransferState;
import org.sipdrop.transfer.TransportProvider;
import org.sipdrop.transfer.TransportParameter;
import org.sipdrop.transfer.TransportRequest;
import org.sipdrop.transfer.TransportSession;

/**
 * The sender's side of one file offered by content indirection (RFC 4483) to one or more
 * recipients: the file is uploaded to the storage <em>once</em>, then each recipient gets a SIP
 * MESSAGE ({@link FileOfferMessage}) with its own imdn.Message-ID; each recipient's delivery
 * notification (RFC 5438) moves that recipient's transfer: delivered → COMPLETED, declined →
 * REJECTED with the reason, failed → FAILED with the reason. A recipient that has not answered
 * when the link expires ends FAILED "expired". Once every recipient's transfer is over (or the
 * link expired) the file is removed from the storage.
 */
final class OutgoingPageOffer {

    private static final System.Logger LOG = System.getLogger(OutgoingPageOffer.class.getName());

    /** RFC 3261 §21 statuses that mean the recipient (or its policy) refused, not that it failed. */
    static final Set<Integer> REFUSALS = Set.of(403, 415, 486, 488, 603, 606);

    private final AgentContext ctx;
    private final PageMode pageMode;
    private final List<String> recipients;
    private final String scheme;
    private final Path file;
    private final Duration lifetime;
    /** The MSRP scheme the offer goes over (RFC 4975 message session), or null for SIP MESSAGE. */
    private final String carrier;
    private final Map<String, TransferControl> byMessageId = new ConcurrentHashMap<>();
    private final List<TransferControl> transfers = new ArrayList<>();
    private final AtomicBoolean cleaned = new AtomicBoolean();
    /** Recipients that refused the full offer (415): 1 = sent the RCS form, 2 = sent the link as text. */
    private final Map<TransferControl, Integer> fallback = new ConcurrentHashMap<>();
    private volatile TransportSession session;
    private volatile Instant dateTime;

    OutgoingPageOffer(AgentContext ctx, PageMode pageMode, List<String> recipients, String scheme, Path file, Duration lifetime,
            String carrier) {
        this.carrier = carrier;
        this.ctx = ctx;
        this.pageMode = pageMode;
        this.recipients = List.copyOf(recipients);
        this.scheme = scheme;
        this.file = file;
        this.lifetime = lifetime;
    }

    /** Opens the storage session and starts the upload; @return one OFFERED transfer per recipient */
    List<Transfer> start(FileOffer described) throws IOException {
        TransportProvider provider = ctx.service().transport(scheme)
                .orElseThrow(() -> new IOException("no " + scheme + " transport is running here"));
        FileOffer offer = described.toBuilder().transferId(ctx.newId()).build();
        TransportRequest request = new TransportRequest(offer, Direction.OUTGOING, String.join(",", recipients), scheme, 0)
                .with(TransportParameter.CLEANUP, Cleanup.DELETE).with(TransportParameter.LIFETIME, lifetime);
        try {
            session = provider.open(request);
        } catch (RuntimeException e) {
            throw new IOException("cannot use the " + scheme + " storage: " + e.getMessage(), e);
        }
        List<Transfer> result = new ArrayList<>();
        for (String to : recipients) {
            TransferControl t = ctx.newTransfer(ctx.newId(), offer, to, Direction.OUTGOING, file, () -> { });
            t.setTransport(scheme);
            t.onCancel(this::cleanUpIfOver);
            transfers.add(t);
        }
        for (TransferControl t : transfers) {
            ctx.track(t);
            result.add(t);
        }
        ctx.executor().execute(this::uploadThenOffer);
        return result;
    }

    private void uploadThenOffer() {
        URI url = session.localEndpoint().uri();
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            session.send(session.localEndpoint(), in, bytes -> transfers.forEach(t -> t.progress(Math.min(bytes, t.offer().size()))));
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "Uploading " + file + " failed", e);
            transfers.forEach(t -> t.tryFail(TransferState.FAILED, new TransferFailure(
                    e instanceof TransportException ? ((TransportException) e).reason().status() : 0,
                    "upload to the " + scheme + " storage failed: " + e.getMessage())));
            cleanUp();
            return;
        }
        dateTime = Instant.now();
        Instant expiration = effectiveExpiration(dateTime.plus(lifetime), session instanceof ExpiringSession
                ? ((ExpiringSession) session).expiry() : java.util.Optional.empty());
        FileOffer offer = transfers.get(0).offer();
        String host = url.getHost() == null ? "sipdrop.invalid" : url.getHost().replace("[", "").replace("]", "");
        ExternalBody external;
        try {
            external = ExternalBody.of(offer, url, ExternalBody.newContentId(host), expiration);
        } catch (IllegalArgumentException e) { // a transport's URL that cannot travel in an offer
            transfers.forEach(t -> t.tryFail(TransferState.FAILED, new TransferFailure(0, "the " + scheme
                    + " storage gave a link that cannot be offered: " + e.getMessage())));
            cleanUp();
            return;
        }
        MultipartCodec multipart = new MultipartCodec(ctx.random());
        for (TransferControl t : transfers) {
            if (t.state().isTerminal()) {
                continue;
            }
            String messageId = CpimMessage.newMessageId();
            byMessageId.put(messageId, t);
            pageMode.expect(messageId, this);
            FileOfferMessage.Built body = FileOfferMessage.format(ctx.userAgent().account().aor(), t.peer(), messageId,
                    dateTime, offer, external, true, multipart);
            try {
                (carrier == null ? ctx.userAgent().message(t.peer(), new SipBody(body.contentType(), body.body()))
                        : new MsrpOfferCarrier(ctx, carrier).send(t.peer(), body))
                        .whenCompleteAsync((r, error) -> messageAnswered(t, r, error, external), ctx.executor());
            } catch (RuntimeException e) { // e.g. a body too large for UDP (RFC 3261 §18.1.1): this recipient fails, not the thread
                fail(t, new TransferFailure(0, "the offer could not be sent to " + t.peer() + ": " + e.getMessage()));
            }
        }
        CompletableFuture.delayedExecutor(Math.max(0, Duration.between(Instant.now(), expiration).toMillis()),
                TimeUnit.MILLISECONDS).execute(() -> expire(expiration));
        cleanUpIfOver();
    }

    /**
     * The RFC 4483 §5 {@code expiration} to offer: the lifetime asked, unless the storage granted
     * less ({@link ExpiringSession#expiry()}): the offer must not promise a link longer than the
     * storage keeps it. A longer grant is not advertised: the sender's own lifetime still ends the offer.
     */
    static Instant effectiveExpiration(Instant asked, java.util.Optional<Instant> granted) {
        return granted.filter(g -> g.isBefore(asked)).orElse(asked);
    }

    private void messageAnswered(TransferControl t, SipResponse r, Throwable error, ExternalBody external) {
        int stage = fallback.getOrDefault(t, 0);
        if (error == null && r.status() == 415 && stage < 2) {
            // RFC 3428 §7 / RFC 3261 §21.4.13: the recipient does not take this body. An RCS client
            // (linphone) takes the FT-HTTP body alone in CPIM; any SIP messaging client shows text.
            fallback.put(t, stage + 1);
            SipBody next;
            if (stage == 0) {
                FileOfferMessage.Built rcs = FileOfferMessage.formatRcs(ctx.userAgent().account().aor(), t.peer(),
                        Instant.now(), t.offer(), external);
                next = new SipBody(rcs.contentType(), rcs.body());
            } else {
                next = SipBody.text(asText(t.offer(), external));
            }
            try {
                ctx.userAgent().message(t.peer(), next)
                        .whenCompleteAsync((again, e) -> messageAnswered(t, again, e, external), ctx.executor());
            } catch (RuntimeException e) {
                fail(t, new TransferFailure(0, "the offer could not be sent to " + t.peer() + ": " + e.getMessage()));
            }
            return;
        }
        if (error != null) {
            fail(t, new TransferFailure(0, "the offer did not reach " + t.peer() + ": " + error.getMessage()));
        } else if (!r.isSuccess()) {
            TransferFailure why = new TransferFailure(r.status(), r.reason());
            if (REFUSALS.contains(r.status())) {
                t.tryFail(TransferState.REJECTED, why);
                cleanUpIfOver();
            } else {
                fail(t, why);
            }
        }
        // 2xx: the recipient has the offer; its notification tells the outcome (none after a text link)
    }

    /** The offer for a client that only shows text: name, size, hash, the link and its expiry. */
    static String asText(FileOffer offer, ExternalBody external) {
        return "File offered: " + offer.name().replaceAll("[\\x00-\\x1f\\x7f]", "_") + " (" + offer.size() + " bytes"
                + offer.sha1Hex().map(h -> ", sha-1 " + h).orElse("") + ")\nDownload: " + external.url()
                + external.expiration().map(e -> "\nAvailable until " + e).orElse("");
    }

    /** A delivery notification from a recipient (RFC 5438 §7.2.1.1). */
    void notified(Imdn imdn) {
        TransferControl t = byMessageId.get(imdn.messageId());
        if (t == null || imdn.kind() != Imdn.Kind.DELIVERY) {
            return;
        }
        int code = imdn.reasonCode().orElse(0);
        String text = imdn.reasonText().orElse(imdn.status().wire());
        if (imdn.status() == Imdn.Status.DELIVERED) {
            t.tryMove(TransferState.ACCEPTED);
            t.tryMove(TransferState.TRANSFERRING);
            t.progress(t.offer().size());
            t.tryMove(TransferState.COMPLETED);
        } else if (imdn.isDecline() || REFUSALS.contains(code)) {
            t.tryFail(TransferState.REJECTED, new TransferFailure(code == 0 ? Imdn.DECLINE_CODE : code, text));
        } else {
            t.tryMove(TransferState.ACCEPTED);
            t.tryFail(TransferState.FAILED, new TransferFailure(code, t.peer() + " could not fetch the file: " + text));
        }
        cleanUpIfOver();
    }

    private void expire(Instant expiration) {
        for (TransferControl t : transfers) {
            t.tryFail(TransferState.FAILED, new TransferFailure(410, "expired: the link expired at " + expiration
                    + (fallback.containsKey(t) ? "; " + t.peer() + " takes no SipDrop offers and was sent the link "
                            + (fallback.get(t) == 1 ? "in RCS form" : "as text") + ", without notifications, so whether"
                            + " it fetched the file is unknown"
                            : " before " + t.peer() + " fetched the file")));
        }
        cleanUp();
    }

    private void fail(TransferControl t, TransferFailure why) {
        t.tryFail(TransferState.FAILED, why);
        cleanUpIfOver();
    }

    private void cleanUpIfOver() {
        if (transfers.stream().allMatch(t -> t.state().isTerminal())) {
            cleanUp();
        }
    }

    /** Removes the file from the storage (the session's cleanup) and forgets the message ids. */
    private void cleanUp() {
        if (!cleaned.compareAndSet(false, true)) {
            return;
        }
        byMessageId.keySet().forEach(pageMode::forget);
        try {
            TransportSession s = session;
            if (s != null) {
                s.close();
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "Closing the storage session of " + file, e);
        }
    }
}
