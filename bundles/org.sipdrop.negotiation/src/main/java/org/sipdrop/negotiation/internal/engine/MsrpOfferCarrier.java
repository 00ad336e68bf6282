package org.sipdrop.negotiation.internal.engine;

import java.io.IOException;
import java.nio.channels.Channels;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.sipdrop.negotiation.internal.pagemode.FileOfferMessage;
import org.sipdrop.negotiation.internal.sdp.FileStream;
import org.sipdrop.negotiation.internal.sdp.MessageSession;
import org.sipdrop.negotiation.internal.sdp.SdpException;
import org.sipdrop.negotiation.internal.sdp.SdpParser;
import org.sipdrop.negotiation.internal.sdp.SdpWriter;
import org.sipdrop.negotiation.internal.sdp.SetupRole;
import org.sipdrop.sip.Call;
import org.sipdrop.sip.SipBody;
import org.sipdrop.sip.SipResponse;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.TransportProvider;
import org.sipdrop.transfer.TransportParameter;
import org.sipdrop.transfer.TransportRequest;
import org.sipdrop.transfer.TransportSession;

/**
 * Carries one content-indirection offer (RFC 4483) to one recipient inside an MSRP session
 * instead of a SIP MESSAGE ("MSRP with content indirection"): an INVITE whose SDP is a plain
 * message session ({@link MessageSession}: accept-types message/cpim, no file-selector), the CPIM
 * offer as one MSRP SEND (RFC 4975 §7.1) confirmed by the receiver's success REPORT, then BYE.
 * The recipient's delivery notification (RFC 5438) comes back as a SIP MESSAGE, as for the
 * MESSAGE form: the session is over by then (the receiver may take minutes to decide and hours
 * to download), and RFC 5438 defines notifications as page-mode messages to the CPIM From.
 */
final class MsrpOfferCarrier {

    private static final System.Logger LOG = System.getLogger(MsrpOfferCarrier.class.getName());

    private final AgentContext ctx;
    private final String scheme;

    MsrpOfferCarrier(AgentContext ctx, String scheme) {
        this.ctx = ctx;
        this.scheme = scheme;
    }

    /**
     * Sends {@code body} to {@code to} in a new MSRP session.
     *
     * @return completes with the INVITE's final response when it failed, or with a 200 once the
     *         receiver confirmed the whole message; exceptionally when the session broke
     */
    CompletableFuture<SipResponse> send(String to, FileOfferMessage.Built body) {
        CompletableFuture<SipResponse> result = new CompletableFuture<>();
        TransportProvider provider = ctx.service().transport(scheme).orElse(null);
        if (provider == null) {
            result.completeExceptionally(new IOException("no " + scheme + " transport is running here to carry the offer"));
            return result;
        }
        // the message, described as what the MSRP session carries: its media type and length
        FileOffer message = FileOffer.builder("offer.cpim", body.body().length).mediaType(body.contentType()).build();
        TransportSession session;
        TransportRequest request = new TransportRequest(message, Direction.OUTGOING, to, scheme, 0)
                .with(TransportParameter.SETUP, OutgoingOffer.SETUP_OFFERED);
        try {
            session = provider.open(request);
        } catch (IOException | RuntimeException e) {
            result.completeExceptionally(new IOException("cannot open an " + scheme + " session: " + e.getMessage(), e));
            return result;
        }
        List<String> path = AgentContext.strings(session.localEndpoint());
        byte[] sdp = SdpWriter.toBytes(MessageSession.offer(ctx.endpointFor(path, ctx.protoOf(scheme)), path, ctx.random()));
        Call call = ctx.userAgent().invite(to, new SipBody("application/sdp", sdp), null);
        call.established().orTimeout(ctx.settings().answerTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenCompleteAsync((r, error) -> {
                    try {
                        if (error != null || !r.isSuccess()) {
                            if (error == null) {
                                result.complete(r);
                            } else {
                                call.hangUp();
                                result.completeExceptionally(error);
                            }
                            return;
                        }
                        FileStream answered = answered(r);
                        // our offer said actpass: the answer decides who connects (RFC 6135 §4.2.2)
                        request.settle(TransportParameter.SETUP, AgentContext.role(SetupRole.offererRole(answered.setup())));
                        List<String> peerPath = answered.path();
                        session.send(AgentContext.endpoint(peerPath), Channels.newChannel(new java.io.ByteArrayInputStream(body.body())),
                                n -> { });
                        result.complete(r);
                    } catch (IOException | SdpException | RuntimeException e) {
                        LOG.log(System.Logger.Level.DEBUG, "Sending the offer to " + to + " over " + scheme + " failed", e);
                        result.completeExceptionally(new IOException(e.getMessage(), e));
                    } finally {
                        close(session);
                        if (error == null && r.isSuccess()) {
                            call.hangUp(); // RFC 3261 §15: the session's one message is delivered
                        }
                    }
                }, ctx.executor());
        return result;
    }

    /** @return the accepted message session of the 200's SDP answer, with its a=path (RFC 4975 §8.2) */
    private static FileStream answered(SipResponse r) throws SdpException {
        SipBody body = r.body().filter(b -> "application/sdp".equals(b.mediaType()))
                .orElseThrow(() -> SdpException.notAcceptable("the 200 OK carries no SDP answer (RFC 3264 §5)"));
        var answer = SdpParser.withDefaults().parse(body.content());
        if (answer.media().size() != 1 || answer.media().get(0).port() == 0) {
            throw SdpException.notAcceptable("the answer did not accept the message session (RFC 3264 §6)");
        }
        FileStream s = FileStream.read(answer.media().get(0), answer);
        if (s.path().isEmpty()) {
            throw SdpException.notAcceptable("the answer has no a=path (RFC 4975 §8.2)");
        }
        return s;
    }

    private static void close(TransportSession s) {
        try {
            s.close();
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "Closing " + s, e);
        }
    }
}
