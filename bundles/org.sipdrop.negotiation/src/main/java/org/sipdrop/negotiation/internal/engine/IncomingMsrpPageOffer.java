package org.sipdrop.negotiation.internal.engine;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.sipdrop.transfer.TransferControl;
import org.sipdrop.negotiation.internal.pagemode.FileOfferMessage;
import org.sipdrop.negotiation.internal.pagemode.PageModeException;
import org.sipdrop.negotiation.internal.sdp.FileStream;
import org.sipdrop.negotiation.internal.sdp.MessageSession;
import org.sipdrop.negotiation.internal.sdp.SdpWriter;
import org.sipdrop.negotiation.internal.sdp.SetupRole;
import org.sipdrop.sip.IncomingCall;
import org.sipdrop.sip.SipBody;
import org.sipdrop.sip.SipReason;
import org.sipdrop.sip.SipStatus;
import org.sipdrop.transfer.AcceptancePolicy;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.TransportProvider;
import org.sipdrop.transfer.TransportParameter;
import org.sipdrop.transfer.MessageReceiver;
import org.sipdrop.transfer.TransportRequest;
import org.sipdrop.transfer.TransportSession;

/**
 * The receiver's side of a content-indirection offer (RFC 4483) sent inside an MSRP session
 * (RFC 4975): the INVITE offers a plain message session ({@link MessageSession}); it is
 * accepted at once, as a MESSAGE is answered 200 at once (RFC 3428 §7), the one CPIM message is
 * received (at most {@link #MAX_OFFER} bytes) and then handled exactly as the MESSAGE form by
 * {@link IncomingPageOffer}: policy, download with Range resume, verification, safe save, and
 * the delivery notification (RFC 5438) back to the sender as a SIP MESSAGE. The sender ends the
 * session with BYE once its message is confirmed.
 */
final class IncomingMsrpPageOffer {

    /** The largest offer taken in the session; a page-mode offer is a few KiB (RFC 4975 §7.1.1: larger gets 413). */
    static final int MAX_OFFER = 64 * 1024;

    private static final System.Logger LOG = System.getLogger(IncomingMsrpPageOffer.class.getName());

    private final AgentContext ctx;
    private final IncomingCall call;
    private final FileStream offered;
    private final AcceptancePolicy prompt;
    private final Consumer<TransferControl> onIncoming;
    private final String sender;

    IncomingMsrpPageOffer(AgentContext ctx, IncomingCall call, FileStream offered, AcceptancePolicy prompt,
            Consumer<TransferControl> onIncoming) {
        this.ctx = ctx;
        this.call = call;
        this.offered = offered;
        this.prompt = prompt;
        this.onIncoming = onIncoming;
        this.sender = call.request().from();
    }

    /** Answers, receives the offer, then handles it as a MESSAGE offer; runs on an agent thread. */
    void handle() {
        String scheme = Transports.schemeOfProto(ctx.service(), offered.proto()).orElse(offered.tls() ? "msrps" : "msrp");
        TransportProvider provider = ctx.service().transport(scheme).orElse(null);
        if (provider == null) {
            call.reject(new SipStatus(488, "Not Acceptable Here: no " + scheme + " transport is running here"));
            return;
        }
        SetupRole role = SetupRole.answerTo(offered.setup());
        FileOffer message = FileOffer.builder("offer.cpim", 0).mediaType(MessageSession.CPIM).build();
        TransportSession session;
        try {
            session = provider.open(new TransportRequest(message, Direction.INCOMING, sender, scheme, 0)
                    .with(TransportParameter.SETUP, AgentContext.role(role)));
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Cannot open an " + scheme + " session for " + sender, e);
            call.reject(new SipStatus(488, "Not Acceptable Here: cannot open an " + scheme + " session now"));
            return;
        }
        Optional<FileOfferMessage> offer;
        try (session) {
            if (!(session instanceof MessageReceiver)) {
                throw new IOException("the " + scheme + " transport takes no message of unknown length");
            }
            List<String> path = AgentContext.strings(session.localEndpoint());
            call.accept(new SipBody("application/sdp", SdpWriter.toBytes(MessageSession.answer(
                    ctx.endpointFor(path, offered.proto()), offered, path, ctx.random()))));
            MessageReceiver.Message m = ((MessageReceiver) session).receiveMessage(AgentContext.endpoint(offered.path()),
                    MAX_OFFER);
            offer = FileOfferMessage.parse(m.contentType(), m.body());
        } catch (PageModeException e) {
            LOG.log(System.Logger.Level.INFO, "Unusable offer from " + sender + " over " + scheme + ": " + e.getMessage());
            call.hangUp(SipReason.of(400, "Bad Request: " + e.getMessage().replaceAll("[^\\x20-\\x7e]", "?")));
            return;
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.INFO, "No offer from " + sender + " over " + scheme + ": " + e.getMessage());
            call.hangUp();
            return;
        }
        if (offer.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "The message from " + sender + " over " + scheme + " is no file offer");
            call.hangUp(SipReason.of(415, "Unsupported Media Type: no file offer in the message"));
            return;
        }
        new IncomingPageOffer(ctx, sender, offer.get(), prompt, onIncoming).handle();
    }
}
