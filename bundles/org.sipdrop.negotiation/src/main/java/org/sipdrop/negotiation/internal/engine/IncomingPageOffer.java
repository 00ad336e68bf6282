package org.sipdrop.negotiation.internal.engine;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.sipdrop.transfer.TransferControl;
import org.sipdrop.negotiation.internal.pagemode.FileOfferMessage;
import org.sipdrop.negotiation.internal.pagemode.Imdn;
import org.sipdrop.negotiation.internal.pagemode.NotificationMessage;
import org.sipdrop.negotiation.internal.pagemode.PageModeException;
import org.sipdrop.sip.SipBody;
import org.sipdrop.transfer.AcceptancePolicy;
import org.sipdrop.transfer.Decision;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.ReceivedFileStore;
import org.sipdrop.transfer.TransferFailure;
import org.sipdrop.transfer.TransferState;
import org.sipdrop.transfer.TransportEndpoint;
import org.sipdrop.transfer.TransportException;
import org.sipdrop.transfer.TransportProvider;
import org.sipdrop.transfer.TransportParameter;
import org.sipdrop.transfer.TransportRequest;
import org.sipdrop.transfer.TransportSession;

/**
 * The receiver's side of one file offered by content indirection (RFC 4483 §5): the
 * {@link AcceptancePolicy} (and, for ASK, the user) decides before any byte moves; an accepted
 * file is fetched from its URL by the storage transport of its scheme (http, https, or any
 * other a provider declares with {@link org.sipdrop.transfer.Carriage#storage()}) into the store's
 * {@code .part}, hashed while written, resumed with Range after a break, verified and moved into
 * place, exactly as an MSRP file. An expired link (RFC 4483 §5 expiration passed, or the storage
 * answering 404/410) ends FAILED with an "expired" reason (410 Gone). The outcome goes back to
 * the sender as a delivery notification (RFC 5438 §7.2.1.1) when the offer asked for one:
 * {@code delivered}, a decline ({@link Imdn#declined}), or {@code failed} with the reason.
 */
final class IncomingPageOffer {

    private static final System.Logger LOG = System.getLogger(IncomingPageOffer.class.getName());

    /** RFC 3261 §21.4.10 410 Gone: the reason code of an expired link. */
    static final int GONE = 410;

    private final AgentContext ctx;
    private final String sender;
    private final FileOfferMessage message;
    private final AcceptancePolicy prompt;
    private final Consumer<TransferControl> onIncoming;

    IncomingPageOffer(AgentContext ctx, String sender, FileOfferMessage message, AcceptancePolicy prompt,
            Consumer<TransferControl> onIncoming) {
        this.ctx = ctx;
        this.sender = sender;
        this.message = message;
        this.prompt = prompt;
        this.onIncoming = onIncoming;
    }

    /** Decides, fetches, verifies, saves and notifies; runs on an agent thread. */
    void handle() {
        FileOffer offer;
        try {
            offer = message.external().toOffer();
        } catch (PageModeException e) {
            notifySender(Imdn.Status.FAILED, 488, e.getMessage());
            return;
        }
        URI url = message.external().url();
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        TransferControl t = ctx.newTransfer(ctx.newId(), offer, sender, Direction.INCOMING, null, () -> { });
        t.setTransport(scheme);
        TransportProvider provider = Transports.isStorage(ctx.service(), scheme) ? ctx.service().transport(scheme).orElse(null)
                : null;
        if (provider == null) {
            reject(t, new TransferFailure(Decision.NOT_ACCEPTABLE_HERE, "No common transport: this side cannot fetch "
                    + scheme + " URLs"));
            return;
        }
        if (expired()) {
            expire(t, "the link expired at " + message.external().expiration().orElseThrow() + " before the offer arrived");
            return;
        }
        TransferFailure refusal = decide(offer);
        if (refusal != null) {
            reject(t, refusal);
            return;
        }
        if (expired()) { // the user may have taken long to answer
            expire(t, "the link expired at " + message.external().expiration().orElseThrow() + " before it was accepted");
            return;
        }
        receive(t, provider, url, scheme);
    }

    private boolean expired() {
        return message.external().expiration().map(e -> !Instant.now().isBefore(e)).orElse(false);
    }

    private void receive(TransferControl t, TransportProvider provider, URI url, String scheme) {
        FileOffer offer = t.offer();
        ReceivedFileStore.Partial partial;
        try {
            partial = ctx.store().begin(ctx.settings().downloadFolder(), offer);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Cannot receive " + offer, e);
            reject(t, new TransferFailure(Decision.NOT_ACCEPTABLE_HERE, "Cannot receive the file here now"));
            return;
        }
        TransportSession session = null;
        try {
            session = provider.open(new TransportRequest(offer, Direction.INCOMING, sender, scheme,
                    Math.min(partial.offset(), offer.size())));
            TransportSession open = session;
            t.onCancel(() -> {
                try {
                    open.close();
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.DEBUG, "Closing " + url, e);
                }
            });
            t.moveTo(TransferState.ACCEPTED);
            ctx.track(t);
            onIncoming.accept(t);
            if (!t.tryMove(TransferState.TRANSFERRING)) {
                partial.close();
                return;
            }
            t.progress(partial.offset());
            session.receive(TransportEndpoint.of(url), partial, t::progress);
            Path saved = partial.complete(); // size and SHA-1 of the whole file, resumed bytes included
            t.setFile(saved);
            t.progress(offer.size());
            if (t.tryMove(TransferState.COMPLETED)) {
                notifySender(Imdn.Status.DELIVERED, 0, null);
            }
        } catch (TransportException e) {
            close(partial);
            switch (e.reason()) {
            case EXPIRED:
            case NOT_FOUND:
                failAfterAccept(t, GONE, "expired: " + e.getMessage());
                break;
            default:
                failAfterAccept(t, e.reason() == TransportException.Reason.BROKEN ? 500 : e.reason().status(), e.getMessage());
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "Fetching " + url + " failed", e);
            close(partial);
            failAfterAccept(t, 500, String.valueOf(e.getMessage()));
        } finally {
            if (session != null) {
                close(session);
            }
        }
    }

    private void failAfterAccept(TransferControl t, int code, String reason) {
        if (t.state() == TransferState.OFFERED) {
            ctx.track(t);
        }
        if (t.tryFail(TransferState.FAILED, new TransferFailure(code, reason))) {
            notifySender(Imdn.Status.FAILED, code, reason);
        }
    }

    private void expire(TransferControl t, String why) {
        t.fail(TransferState.FAILED, new TransferFailure(GONE, "expired: " + why));
        ctx.track(t);
        notifySender(Imdn.Status.FAILED, GONE, "expired: " + why);
    }

    private void reject(TransferControl t, TransferFailure why) {
        t.fail(TransferState.REJECTED, why);
        ctx.track(t);
        notifySender(Imdn.Status.ERROR, why.status() >= 100 && why.status() <= 699 ? why.status() : Decision.DECLINE,
                why.reason());
    }

    /** The policy, then the user if the policy asks; @return the rejection or null to accept */
    private TransferFailure decide(FileOffer file) {
        return Acceptance.decide(ctx.settings().policy(), prompt, sender, file);
    }

    /**
     * Sends the delivery notification for this outcome if the offer asked for it (RFC 5438
     * §7.2.1: a {@code delivered} only on {@code positive-delivery}, a failure or decline only on
     * {@code negative-delivery}); best effort.
     */
    private void notifySender(Imdn.Status status, int code, String reason) {
        Optional<Imdn> requested = message.notification(status, code == 0 ? null : code, reason);
        if (requested.isEmpty()) {
            return;
        }
        String me = ctx.userAgent().account().aor();
        Imdn imdn = requested.get();
        FileOfferMessage.Built body = NotificationMessage.format(me, sender, imdn);
        ctx.userAgent().message(sender, new SipBody(body.contentType(), body.body())).whenComplete((r, e) -> {
            if (e != null || !r.isSuccess()) {
                LOG.log(System.Logger.Level.INFO, "The delivery notification to " + sender + " failed: "
                        + (e != null ? e.getMessage() : r.status() + " " + r.reason()));
            }
        });
    }

    private static void close(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "Closing " + c, e);
        }
    }
}
