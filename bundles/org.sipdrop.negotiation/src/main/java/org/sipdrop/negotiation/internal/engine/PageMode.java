package org.sipdrop.negotiation.internal.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.sipdrop.transfer.TransferControl;
import org.sipdrop.negotiation.SendOptions;
import org.sipdrop.negotiation.internal.pagemode.FileOfferMessage;
import org.sipdrop.negotiation.internal.pagemode.Imdn;
import org.sipdrop.negotiation.internal.pagemode.NotificationMessage;
import org.sipdrop.negotiation.internal.pagemode.PageModeException;
import org.sipdrop.sip.IncomingRequest;
import org.sipdrop.sip.SipBody;
import org.sipdrop.sip.SipStatus;
import org.sipdrop.transfer.AcceptancePolicy;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.Transfer;

/**
 * Page-mode file transfer for one agent: files offered by content indirection (RFC 4483) in SIP
 * MESSAGE requests (RFC 3428), over any storage transport ({@link org.sipdrop.transfer.Carriage#storage()}). It
 * answers the user agent's MESSAGEs: a file offer is accepted with 200 (RFC 3428 §7: the
 * request arrived; the file's fate follows in a delivery notification) and handled by
 * {@link IncomingPageOffer} on an agent thread; a notification (RFC 5438) goes to the
 * {@link OutgoingPageOffer} that sent the message it names; anything else gets 415. The same
 * offer may instead travel as one SEND in an MSRP session ({@link MsrpOfferCarrier} sends it,
 * {@link IncomingMsrpPageOffer} receives it); the notifications still come as MESSAGEs.
 */
final class PageMode {

    private static final System.Logger LOG = System.getLogger(PageMode.class.getName());

    private final AgentContext ctx;
    private final Supplier<AcceptancePolicy> prompt;
    private final Consumer<TransferControl> onIncoming;
    private final Map<String, OutgoingPageOffer> pending = new ConcurrentHashMap<>();

    PageMode(AgentContext ctx, Supplier<AcceptancePolicy> prompt, Consumer<TransferControl> onIncoming) {
        this.ctx = ctx;
        this.prompt = prompt;
        this.onIncoming = onIncoming;
    }

    /** @return whether {@code via} names a running storage transport (RFC 4483 URL carriage) */
    boolean handles(String via) {
        return Transports.isStorage(ctx.service(), via);
    }

    /** Uploads each file once and offers it to every recipient; @return transfers by file, then recipient */
    List<Transfer> send(List<String> recipients, List<Path> files, SendOptions options) throws IOException {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("Give at least one recipient");
        }
        String scheme = options.via().toLowerCase(Locale.ROOT);
        if (ctx.service().transport(scheme).isEmpty()) {
            throw new IOException("no " + scheme + " transport is running here (running: "
                    + String.join(", ", ctx.service().schemes()) + ")");
        }
        String carrier = options.indirectionOver().orElse(null);
        if (carrier != null && !Transports.isSession(ctx.service(), carrier)) {
            throw new IOException("no " + carrier + " transport is running here to carry the offer (running: "
                    + String.join(", ", ctx.service().schemes()) + ")");
        }
        List<FileOffer> offers = new ArrayList<>();
        for (Path f : files) {
            long size = Files.size(f);
            options.hashProgress().hashed(f, 0, size);
            offers.add(options.withMessage(ctx.service().describe(f, bytes -> options.hashProgress().hashed(f, bytes, size))));
        }
        List<Transfer> all = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            all.addAll(new OutgoingPageOffer(ctx, this, recipients, scheme, files.get(i), options.linkLifetime(),
                    carrier)
                    .start(offers.get(i)));
        }
        return all;
    }

    void expect(String messageId, OutgoingPageOffer offer) {
        pending.put(messageId, offer);
    }

    void forget(String messageId) {
        pending.remove(messageId);
    }

    /** The user agent's MESSAGE handler; runs on a SIP thread, so it only parses and hands off. */
    SipStatus onMessage(IncomingRequest request) {
        Optional<SipBody> body = request.body();
        if (body.isEmpty() || !FileOfferMessage.mayBeOffer(body.get().mediaType())
                && !"message/imdn+xml".equals(body.get().mediaType())) {
            return SipStatus.UNSUPPORTED_MEDIA_TYPE;
        }
        try {
            Optional<Imdn> imdn = NotificationMessage.parse(body.get().contentType(), body.get().content());
            if (imdn.isPresent()) {
                OutgoingPageOffer offer = pending.get(imdn.get().messageId());
                if (offer != null) {
                    ctx.executor().execute(() -> offer.notified(imdn.get()));
                }
                return SipStatus.OK;
            }
            Optional<FileOfferMessage> offer = FileOfferMessage.parse(body.get().contentType(), body.get().content());
            if (offer.isEmpty()) {
                return SipStatus.UNSUPPORTED_MEDIA_TYPE;
            }
            ctx.executor().execute(new IncomingPageOffer(ctx, request.from(), offer.get(), prompt.get(), onIncoming)::handle);
            return SipStatus.OK;
        } catch (PageModeException e) {
            LOG.log(System.Logger.Level.INFO, "Unusable MESSAGE from " + request.from() + ": " + e.getMessage());
            return new SipStatus(400, "Bad Request: " + printable(e.getMessage()));
        } catch (RejectedExecutionException e) {
            return SipStatus.TEMPORARILY_UNAVAILABLE;
        }
    }

    private static String printable(String s) {
        String t = String.valueOf(s).replaceAll("[^\\x20-\\x7e]", "?");
        return t.length() > 120 ? t.substring(0, 120) : t;
    }
}
