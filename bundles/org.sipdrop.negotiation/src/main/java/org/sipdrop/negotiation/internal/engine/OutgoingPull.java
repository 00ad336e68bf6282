package org.sipdrop.negotiation.internal.engine;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.sipdrop.transfer.TransferControl;
import org.sipdrop.negotiation.internal.sdp.AnswerValidator;
import org.sipdrop.negotiation.internal.sdp.FileOfferMapping;
import org.sipdrop.negotiation.internal.sdp.FileSelector;
import org.sipdrop.negotiation.internal.sdp.FileStream;
import org.sipdrop.negotiation.internal.sdp.OfferAnswer;
import org.sipdrop.negotiation.internal.sdp.PulledFile;
import org.sipdrop.negotiation.internal.sdp.Sdp;
import org.sipdrop.negotiation.internal.sdp.SdpException;
import org.sipdrop.negotiation.internal.sdp.SdpParser;
import org.sipdrop.negotiation.internal.sdp.SdpWriter;
import org.sipdrop.negotiation.internal.sdp.LocalEndpoint;
import org.sipdrop.negotiation.internal.sdp.SetupRole;
import org.sipdrop.sip.Call;
import org.sipdrop.sip.SipBody;
import org.sipdrop.sip.SipResponse;
import org.sipdrop.transfer.Decision;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.ReceivedFileStore;
import org.sipdrop.transfer.TransferFailure;
import org.sipdrop.transfer.TransferState;
import org.sipdrop.transfer.TransportProvider;
import org.sipdrop.transfer.TransportParameter;
import org.sipdrop.transfer.TransportRequest;
import org.sipdrop.transfer.TransportSession;

/**
 * The requester's side of one pull (RFC 5547 §8.2.2): a transport session opened first (its path
 * in the offer, {@code a=setup:actpass}, RFC 6135 §4.1), one INVITE with a {@code recvonly}
 * stream naming the wanted file; the holder answers {@code sendonly} with a selector that must
 * not contradict the request and may hold as little as the hash (RFC 5547 §8.3.2, Fig. 16 of
 * §9.2); {@link PulledFile} puts the file together: the name asked for, the size from the
 * answer or the request. Then the bytes go into a {@code .part} in the download folder, hashed
 * while written (against the answer's or the request's SHA-1, when either has one), as for a
 * push.
 */
final class OutgoingPull {

    private static final System.Logger LOG = System.getLogger(OutgoingPull.class.getName());

    private final AgentContext ctx;
    private final String from;
    private final String scheme;
    private TransferControl transfer;
    private TransportSession session;
    private TransportRequest request;
    private boolean sizeKnown = true;
    private Sdp offer;
    private volatile Call call;

    OutgoingPull(AgentContext ctx, String from, String scheme) {
        this.ctx = ctx;
        this.from = from;
        this.scheme = scheme;
    }

    /**
     * As {@link #start(FileOffer)} for a file known by its name alone: the request's selector
     * names no size; the holder's answer tells it (RFC 5547 §8.2.2 allows any one selector).
     */
    TransferControl startByName(String name) throws IOException {
        sizeKnown = false;
        return start(FileOffer.builder(name, 0).build());
    }

    /** Opens the session and sends the INVITE; @return the transfer, OFFERED */
    TransferControl start(FileOffer wanted) throws IOException {
        TransportProvider provider = ctx.service().transport(scheme)
                .orElseThrow(() -> new IOException("no common transport: the " + scheme + " transport stopped"));
        FileOffer requested = wanted.toBuilder().transferId(ctx.newId()).build();
        try {
            request = new TransportRequest(requested, Direction.INCOMING, from, scheme, 0)
                    .with(TransportParameter.SETUP, OutgoingOffer.SETUP_OFFERED);
            session = provider.open(request);
        } catch (RuntimeException e) {
            throw new IOException("cannot open a " + scheme + " session: " + e.getMessage(), e);
        }
        List<String> path = AgentContext.strings(session.localEndpoint());
        LocalEndpoint local = ctx.endpointFor(path, ctx.protoOf(scheme));
        // RFC 4975 §7.3.1: a type the offer did not accept is refused with 415
        request.settle(TransportParameter.ACCEPT_TYPES, local.acceptTypes());
        FileSelector selector = selectorOf(wanted);
        if (!sizeKnown) {
            selector = FileSelector.of(wanted.name(), null, -1, null, null);
        }
        offer = new OfferAnswer(local, ctx.random()).pullOffer(List.of(selector), List.of(path));
        transfer = ctx.newTransfer(requested.transferId().orElseThrow(), requested, from, Direction.INCOMING, null, this::cancel);
        transfer.setTransport(scheme);
        ctx.track(transfer);
        call = ctx.userAgent().invite(from, new SipBody("application/sdp", SdpWriter.toBytes(offer)), null);
        call.established().orTimeout(ctx.settings().answerTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenCompleteAsync(this::answered, ctx.executor());
        return transfer;
    }

    /**
     * RFC 5547 §8.2.2: the selector names the file by what the requester knows; the default type
     * says nothing (the holder may have detected a better one), so it is left out.
     */
    static FileSelector selectorOf(FileOffer wanted) {
        FileSelector s = FileOfferMapping.selectorOf(wanted);
        return FileOffer.DEFAULT_TYPE.equals(wanted.mediaType())
                ? FileSelector.of(wanted.name(), null, wanted.size(), s.hashAlgorithm().orElse(null), s.hash().orElse(null))
                : s;
    }

    private void answered(SipResponse response, Throwable error) {
        if (error != null) {
            end(TransferState.FAILED, new TransferFailure(0, "no answer from " + from
                    + (error instanceof java.util.concurrent.TimeoutException
                            ? " within " + ctx.settings().answerTimeout().toSeconds() + " s" : ": " + error.getMessage())));
            return;
        }
        if (!response.isSuccess()) {
            end(TransferState.REJECTED, new TransferFailure(response.status(), response.reason()));
            return;
        }
        FileStream answered;
        try {
            SipBody body = response.body().filter(b -> "application/sdp".equals(b.mediaType()))
                    .orElseThrow(() -> SdpException.notAcceptable("the 200 OK carries no SDP answer (RFC 3264 §5)"));
            Sdp answer = SdpParser.withDefaults().parse(body.content());
            if (AnswerValidator.validate(offer, answer).isEmpty()) {
                end(TransferState.REJECTED, new TransferFailure(Decision.DECLINE, "Declined (the answer rejected the request, RFC 3264 §6)"));
                return;
            }
            answered = FileStream.read(answer.media().get(0), answer);
            // our offer said actpass: the answer decides who connects (RFC 6135 §4.2.2, RFC 4975 §5.4)
            request.settle(TransportParameter.SETUP, AgentContext.role(SetupRole.offererRole(answered.setup())));
            FileOffer described = PulledFile.describe(transfer.offer(), sizeKnown, answered);
            transfer.describe(described, sizeKnown);
            request.describe(described);
        } catch (SdpException | IllegalArgumentException e) {
            String reason = e instanceof SdpException ? ((SdpException) e).reason() : e.getMessage();
            end(TransferState.FAILED, new TransferFailure(SdpException.NOT_ACCEPTABLE_HERE, "unusable answer from " + from + ": " + reason));
            return;
        }
        receive(answered.path());
    }

    private void receive(List<String> remotePath) {
        ReceivedFileStore.Partial partial;
        try {
            partial = ctx.store().begin(ctx.settings().downloadFolder(), transfer.offer());
            if (partial.offset() > 0) {
                partial.close(); // the holder sends the whole file (the answer has no a=file-range); keep the .part
                throw new IOException(partial.partFile().getFileName() + " already holds " + partial.offset()
                        + " bytes; resuming a pull is not supported yet");
            }
        } catch (IOException e) {
            end(TransferState.FAILED, new TransferFailure(0, "cannot save here: " + e.getMessage()));
            return;
        }
        if (!transfer.tryMove(TransferState.ACCEPTED)) {
            close(partial);
            end(TransferState.CANCELLED, null);
            return;
        }
        IncomingStream stream = new IncomingStream(transfer, partial, session, remotePath);
        try {
            stream.receive();
        } finally {
            Verdict.tell(call, List.of(stream), ctx.settings().downloadFolder()); // RFC 5547 §9, RFC 3326: the holder hears the verdict
        }
    }

    private void end(TransferState state, TransferFailure why) {
        Call c = call;
        if (c != null && state != TransferState.REJECTED) {
            c.hangUp();
        }
        if (why != null) {
            transfer.tryFail(state, why);
        } else {
            transfer.tryMove(state);
        }
        close(session);
    }

    /** A user cancelled: stop the session and the call. */
    private void cancel() {
        Call c = call;
        if (c != null) {
            c.hangUp();
        }
        close(session);
    }

    private static void close(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "Closing " + c, e);
        }
    }
}
