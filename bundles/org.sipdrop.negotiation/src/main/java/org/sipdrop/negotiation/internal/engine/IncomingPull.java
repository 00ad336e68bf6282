package org.sipdrop.negotiation.internal.engine;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.sipdrop.transfer.TransferControl;
import org.sipdrop.negotiation.internal.sdp.Wrapping;
import org.sipdrop.negotiation.internal.sdp.FileRange;
import org.sipdrop.negotiation.internal.sdp.MaxSize;
import org.sipdrop.negotiation.internal.sdp.OfferedStream;
import org.sipdrop.negotiation.internal.sdp.SdpException;
import org.sipdrop.negotiation.internal.sdp.SetupRole;
import org.sipdrop.negotiation.internal.sdp.StreamAnswer;
import org.sipdrop.sip.Call;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.TransferFailure;
import org.sipdrop.transfer.TransportProvider;
import org.sipdrop.transfer.TransportParameter;
import org.sipdrop.transfer.TransportRequest;
import org.sipdrop.transfer.TransportSession;

/**
 * The holder's side of one requested file (a {@code recvonly} stream, RFC 5547 §8.3.2): finds
 * the shared file the request names, opens the transport session that will send it and answers
 * {@code sendonly} with the file's own selector, hash included, from the requested
 * {@code a=file-range} if any. A request naming no shared file is refused with 404 and the
 * selector asked for; one for a file larger than its {@code a=max-size} (RFC 5547 §8.7) or for
 * a range this side does not send, with 488; the requester learns why as the reason.
 */
final class IncomingPull {

    /** SIP 404 Not Found (RFC 3261 §21.4.5): this side shares no such file. */
    static final int NOT_FOUND = 404;

    private final AgentContext ctx;
    private final String requester;

    IncomingPull(AgentContext ctx, String requester) {
        this.ctx = ctx;
        this.requester = requester;
    }

    /**
     * Prepares the answer to {@code o} and the stream that will send the file.
     *
     * @param answers gets the stream's answer on success
     * @param paths gets the sending session's path on success
     * @return the stream, to {@link OutgoingStream#send()} once the answer is sent
     * @throws RefusedException with the status and reason to refuse the request with
     */
    OutgoingStream prepare(OfferedStream o, Call call, List<StreamAnswer> answers, List<List<String>> paths)
            throws RefusedException {
        Optional<SharedFiles.Match> match;
        try {
            match = new SharedFiles(ctx.service(), ctx.settings().sharedFiles()).find(o.stream().selector());
        } catch (IOException e) {
            throw new RefusedException(new TransferFailure(NOT_FOUND, "Not Found: the requested file cannot be read here"));
        }
        if (match.isEmpty()) {
            throw new RefusedException(new TransferFailure(NOT_FOUND, "Not Found: no shared file matches "
                    + SdpException.quote(o.stream().selector().format())));
        }
        String scheme = Transports.schemeOfProto(ctx.service(), o.stream().proto()).orElseThrow(() -> new RefusedException(
                SdpException.notAcceptable("No common transport: no transport for " + o.stream().proto() + " runs here")
                        .toFailure()));
        TransportProvider provider = ctx.service().transport(scheme).orElseThrow(() -> new RefusedException(
                SdpException.notAcceptable("No common transport: this side has no " + scheme + " transport running").toFailure()));
        SetupRole role = SetupRole.answerTo(o.stream().setup());
        FileOffer file = match.get().offer().toBuilder().transferId(ctx.newId()).build();
        long offset = offsetOf(o.stream().range(), file.size());
        Optional<String> tooLarge = MaxSize.exceededBy(file.size() - offset, o.stream());
        if (tooLarge.isPresent()) { // RFC 5547 §8.7: never more than the requester takes
            throw new RefusedException(SdpException.notAcceptable("Not sent: " + tooLarge.get()).toFailure());
        }
        Optional<Wrapping> carriage = Wrapping.choose(file.mediaType(), o.stream());
        if (carriage.isEmpty()) { // RFC 4975 §8.6: never a type the requester did not signal
            throw new RefusedException(SdpException.notAcceptable("Not sent: the requester accepts "
                    + o.stream().acceptTypes() + ", not " + file.mediaType() + " (RFC 4975 §8.6)").toFailure());
        }
        TransportRequest request = new TransportRequest(file, Direction.OUTGOING, requester, scheme, offset)
                .with(TransportParameter.SETUP, AgentContext.role(role));
        OutgoingStream.settleCarriage(request, carriage.get(), o.stream());
        TransportSession session;
        try {
            session = provider.open(request);
        } catch (IOException | RuntimeException e) {
            throw new RefusedException(new TransferFailure(SdpException.NOT_ACCEPTABLE_HERE, "Cannot send the file now"));
        }
        TransferControl t = ctx.newTransfer(file.transferId().orElseThrow(), file, requester, Direction.OUTGOING,
                match.get().file(), () -> { });
        t.setTransport(scheme);
        OutgoingStream s = new OutgoingStream(ctx, t, match.get().file(), request, session);
        t.onCancel(() -> {
            s.closeSession();
            call.hangUp();
        });
        answers.add(StreamAnswer.send(match.get().offer()));
        paths.add(AgentContext.strings(session.localEndpoint()));
        s.serve(o.stream().path());
        ctx.track(t);
        return s;
    }

    /**
     * @return where sending starts for the requested range: 0 for the whole file (no
     *         a=file-range, RFC 5547 §6)
     * @throws RefusedException 488 for a range this side does not send: outside the file, or
     *         ending before its last octet, as the transport sends to the end (RFC 5547 §8.3.2:
     *         a holder that does not send the range "SHOULD reject the transfer")
     */
    static long offsetOf(FileRange range, long size) throws RefusedException {
        if (range == null) {
            return 0;
        }
        if (range.start() > size || (range.stop() != FileRange.TO_END && range.stop() != size)) {
            throw new RefusedException(SdpException.notAcceptable("Cannot send octets " + range + " of a file of " + size
                    + " octets: only a range up to the last octet is sent (RFC 5547 §8.3.2)").toFailure());
        }
        return range.start() - 1;
    }

    /** A request this side refuses, with the status and reason for the requester. */
    static final class RefusedException extends Exception {

        private static final long serialVersionUID = 1L;
        private final transient TransferFailure failure;

        RefusedException(TransferFailure failure) {
            super(failure.toString());
            this.failure = failure;
        }

        TransferFailure failure() {
            return failure;
        }
    }
}
