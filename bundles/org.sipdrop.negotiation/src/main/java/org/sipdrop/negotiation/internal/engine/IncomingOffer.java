package org.sipdrop.negotiation.internal.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.sipdrop.transfer.TransferControl;
import org.sipdrop.negotiation.internal.sdp.FileOfferMapping;
import org.sipdrop.negotiation.internal.sdp.FileRange;
import org.sipdrop.negotiation.internal.sdp.MessageSession;
import org.sipdrop.negotiation.internal.sdp.OfferAnswer;
import org.sipdrop.negotiation.internal.sdp.OfferReader;
import org.sipdrop.negotiation.internal.sdp.OfferedStream;
import org.sipdrop.negotiation.internal.sdp.Sdp;
import org.sipdrop.negotiation.internal.sdp.SdpException;
import org.sipdrop.negotiation.internal.sdp.SdpParser;
import org.sipdrop.negotiation.internal.sdp.SdpWriter;
import org.sipdrop.negotiation.internal.sdp.SetupRole;
import org.sipdrop.negotiation.internal.sdp.StreamAnswer;
import org.sipdrop.sip.IncomingCall;
import org.sipdrop.sip.SipBody;
import org.sipdrop.sip.SipStatus;
import org.sipdrop.transfer.AcceptancePolicy;
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
 * The answerer's side of one INVITE with a file offer (RFC 5547 §8.3). A {@code recvonly} m= line
 * is a pull, served by {@link IncomingPull} from the shared files. Each {@code sendonly} m= line is decided
 * by the {@link AcceptancePolicy} (and, for ASK, the user) before any byte moves; accepted files
 * get a {@code .part} in the download folder and a transport session, and the answer carries
 * the session's path, the answerer's a=setup (passive: the offerer connects, RFC 4975 §5.4,
 * RFC 6135 §4.2.2, unless its offer says passive; see {@link SetupRole#answerTo}) and, to resume, an {@code a=file-range} after the bytes already held.
 * Rejected m= lines get port 0 (RFC 3264 §6); an offer with nothing accepted is rejected whole
 * with the first reason (e.g. 488 File too large, 603 Decline).
 */
final class IncomingOffer {

    private static final System.Logger LOG = System.getLogger(IncomingOffer.class.getName());

    private final AgentContext ctx;
    private final IncomingCall call;
    private final AcceptancePolicy prompt;
    private final Consumer<TransferControl> onIncoming;
    private final String sender;
    private OfferBody body;

    IncomingOffer(AgentContext ctx, IncomingCall call, AcceptancePolicy prompt, Consumer<TransferControl> onIncoming) {
        this.ctx = ctx;
        this.call = call;
        this.prompt = prompt;
        this.onIncoming = onIncoming;
        this.sender = call.request().from();
    }

    /** Decides, answers and receives; runs on an agent thread. */
    void handle() {
        Sdp offer = null;
        List<OfferedStream> streams;
        try {
            body = OfferBody.read(call.request().body());
            offer = SdpParser.withDefaults().parse(body.sdp());
            java.util.Optional<org.sipdrop.negotiation.internal.sdp.FileStream> messageSession = MessageSession.read(offer);
            if (messageSession.isPresent()) { // RFC 4483 offer inside an MSRP session, not an RFC 5547 one
                new IncomingMsrpPageOffer(ctx, call, messageSession.get(), prompt, onIncoming).handle();
                return;
            }
            streams = OfferReader.read(offer, proto -> Transports.schemeOfProto(ctx.service(), proto).isPresent());
        } catch (SdpException e) {
            SipStatus status = new SipStatus(e.status(), e.reason());
            if (offer != null && !offer.media().isEmpty() && offer.media().stream()
                    .noneMatch(m -> Transports.schemeOfProto(ctx.service(), m.proto()).isPresent())) {
                // RFC 3261 §20.43: it is the transport that is refused, so the caller may try another
                status = status.withWarning(SipStatus.WARNING_INCOMPATIBLE_TRANSPORT, "Incompatible transport protocol");
            }
            call.reject(status);
            return;
        }
        call.ringing();
        List<StreamAnswer> answers = new ArrayList<>();
        List<List<String>> paths = new ArrayList<>();
        List<IncomingStream> accepted = new ArrayList<>();
        List<OutgoingStream> served = new ArrayList<>();
        TransferFailure firstRejection = null;
        Map<Integer, IncomingStream> receivedOn = new HashMap<>();
        Map<Integer, OutgoingStream> servedOn = new HashMap<>();
        for (int i = 0; i < streams.size(); i++) {
            int before = accepted.size();
            int beforeServed = served.size();
            TransferFailure why = accept(streams.get(i), answers, paths, accepted, served);
            if (accepted.size() > before) {
                receivedOn.put(i, accepted.get(before));
            } else if (served.size() > beforeServed) {
                servedOn.put(i, served.get(beforeServed));
            }
            if (why != null && firstRejection == null) {
                firstRejection = why;
            }
        }
        if (accepted.isEmpty() && served.isEmpty()) {
            TransferFailure r = firstRejection == null ? new TransferFailure(Decision.DECLINE, "Decline") : firstRejection;
            call.reject(new SipStatus(r.status(), r.reason()));
            return;
        }
        try {
            int first = 0;
            while (paths.get(first) == null) {
                first++;
            }
            List<String> firstPath = paths.get(first);
            String firstProto = streams.get(first).stream().proto();
            Sdp answer = new OfferAnswer(ctx.endpointFor(firstPath, firstProto), ctx.random()).answer(offer, answers, paths);
            SessionReoffer reoffers = SessionReoffer.answered(offer, answer, ctx.executor());
            receivedOn.forEach((i, s) -> reoffers.onAbort(i, s::abort));
            servedOn.forEach((i, s) -> reoffers.onAbort(i, why -> s.fail(new TransferFailure(0, why))));
            call.onReinvite(reoffers); // session refreshes and aborts (RFC 5547 §8.1, §8.4)
            call.accept(new SipBody("application/sdp", SdpWriter.toBytes(answer)));
        } catch (SdpException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Cannot answer an offer from " + sender, e);
            accepted.forEach(IncomingStream::abandon);
            accepted.forEach(s -> s.transfer().tryFail(TransferState.FAILED, new TransferFailure(0, "cannot answer: " + e.getMessage())));
            served.forEach(s -> s.fail(new TransferFailure(0, "cannot answer: " + e.getMessage())));
            call.reject(new SipStatus(SdpException.NOT_ACCEPTABLE_HERE, "Cannot answer this offer"));
            return;
        }
        AtomicInteger left = new AtomicInteger(accepted.size() + served.size());
        Runnable whenDone = () -> end(accepted, served);
        for (IncomingStream s : accepted) {
            onIncoming.accept(s.transfer());
            runThen(s::receive, left, whenDone);
        }
        for (OutgoingStream s : served) {
            runThen(s::send, left, whenDone);
        }
    }

    /** Moves one stream's bytes on an agent thread; the last one done runs {@code whenDone}. */
    private void runThen(Runnable stream, AtomicInteger left, Runnable whenDone) {
        ctx.executor().execute(() -> {
            try {
                stream.run();
            } finally {
                if (left.decrementAndGet() == 0) {
                    whenDone.run();
                }
            }
        });
    }

    /**
     * Every stream is done. A receiver ends the session with its verdict on the files it got
     * (RFC 5547 §9, RFC 3326; see {@link Verdict}); a holder that only served pulls waits for
     * the requester's verdict instead.
     */
    private void end(List<IncomingStream> received, List<OutgoingStream> served) {
        if (!received.isEmpty()) {
            Verdict.tell(call, received, ctx.settings().downloadFolder());
            // a peer that mixes pushes and pulls in one offer (this engine never does) gets no verdict on them
            served.forEach(s -> s.verdict(Verdict.failureFor(java.util.Optional.empty(), s.transfer().id(), sender)));
        } else {
            Verdict.await(ctx, call, served, sender);
        }
    }

    /** Decides one m= line and prepares it; @return the rejection, or null when accepted */
    private TransferFailure accept(OfferedStream o, List<StreamAnswer> answers, List<List<String>> paths,
            List<IncomingStream> accepted, List<OutgoingStream> served) {
        TransferFailure why = null;
        FileOffer file = null;
        if (!o.acceptable()) {
            why = o.problem().toFailure();
        } else if (!o.isPush()) {
            try {
                served.add(new IncomingPull(ctx, sender).prepare(o, call, answers, paths));
                return null;
            } catch (IncomingPull.RefusedException e) {
                why = e.failure();
            }
        } else {
            try {
                file = FileOfferMapping.toFileOffer(o.stream());
                if (o.stream().icon() != null) {
                    file = file.toBuilder().icon(body.icon(o.stream().icon())).build(); // for the prompt to show
                }
                why = decide(file);
                if (why == null) {
                    IncomingStream s = prepare(o, file, answers, paths);
                    accepted.add(s);
                    return null;
                }
            } catch (SdpException e) {
                why = e.toFailure();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "Cannot receive " + file, e);
                why = new TransferFailure(SdpException.NOT_ACCEPTABLE_HERE, "Cannot receive the file here now");
            }
        }
        answers.add(StreamAnswer.reject());
        paths.add(null);
        if (file != null) {
            TransferControl t = ctx.newTransfer(ctx.newId(), file, sender, Direction.INCOMING, null, () -> { });
            t.fail(TransferState.REJECTED, why);
            ctx.track(t);
        }
        return why;
    }

    /** The policy, then the user if the policy asks; @return the rejection or null to accept */
    private TransferFailure decide(FileOffer file) {
        return Acceptance.decide(ctx.settings().policy(), prompt, sender, file);
    }

    /**
     * A sender resuming with its own range (RFC 5547 §8.1: a new offer with {@code a=file-range})
     * sends from its start: this side must hold every byte before it, and forgets any after it.
     *
     * @return where writing continues
     * @throws SdpException 488 when bytes before the range are missing here (the answer would be a gap)
     */
    private static long resumeAt(ReceivedFileStore.Partial partial, FileRange offered, FileOffer file) throws IOException, SdpException {
        long from = offered.start() - 1;
        if (offered.stopOctet().isPresent() && offered.stopOctet().getAsLong() != file.size()) {
            throw SdpException.notAcceptable("cannot take octets " + offered.format() + " of " + file.size()
                    + ": a resumed file is sent to its end");
        }
        if (partial.offset() < from) {
            throw SdpException.notAcceptable("cannot resume at octet " + offered.start() + ": only the first "
                    + partial.offset() + " octets of it are here");
        }
        if (partial.offset() > from) {
            partial.rewindTo(from);
        }
        return from;
    }

    /** Opens the part file and the transport session of an accepted stream, and answers it. */
    private IncomingStream prepare(OfferedStream o, FileOffer file, List<StreamAnswer> answers, List<List<String>> paths)
            throws IOException, SdpException {
        String scheme = Transports.schemeOfProto(ctx.service(), o.stream().proto()).orElseThrow(() -> SdpException.notAcceptable(
                "No common transport: no transport for " + o.stream().proto() + " runs here any more"));
        TransportProvider provider = ctx.service().transport(scheme).orElseThrow(() -> SdpException.notAcceptable(
                "No common transport: this side has no " + scheme + " transport running"));
        SetupRole role = SetupRole.answerTo(o.stream().setup());
        ReceivedFileStore.Partial partial = ctx.store().begin(ctx.settings().downloadFolder(), file);
        long offset = partial.offset();
        FileRange offered = o.stream().range();
        boolean senderResumes = offered != null && offered.start() > 1;
        TransportSession session;
        try {
            if (senderResumes) {
                offset = resumeAt(partial, offered, file);
            } else if (offset >= file.size() && file.size() > 0) {
                // cut after the last byte, before the move: the store checked the part's SHA-1 (a
                // mismatch restarts it from 0), so it is saved now; only the last octet is asked for
                partial = new HeldFile(partial.complete(), file.size());
                offset = partial.offset();
            }
            TransportRequest request = new TransportRequest(file, Direction.INCOMING, sender, scheme, offset)
                    .with(TransportParameter.SETUP, AgentContext.role(role));
            session = provider.open(request);
            // RFC 4975 §7.3.1: a type the answer did not accept is refused with 415
            request.settle(TransportParameter.ACCEPT_TYPES,
                    ctx.endpointFor(AgentContext.strings(session.localEndpoint()), o.stream().proto()).acceptTypes());
        } catch (IOException | SdpException | RuntimeException e) {
            partial.close(); // a part that holds nothing goes with it
            throw e;
        }
        // RFC 5547 §8.3.1: a range the sender offered is echoed; otherwise this side asks for the
        // bytes after those it holds (SipDrop's resume, a documented deviation)
        answers.add(senderResumes ? StreamAnswer.acceptRange(offered)
                : offset > 0 ? StreamAnswer.acceptRange(FileRange.resumeAfter(offset, file.size())) : StreamAnswer.accept());
        paths.add(AgentContext.strings(session.localEndpoint()));
        TransferControl t = ctx.newTransfer(ctx.newId(), file, sender, Direction.INCOMING, null, () -> { });
        t.setTransport(scheme);
        IncomingStream s = new IncomingStream(t, partial, session, o.stream().path());
        t.onCancel(() -> {
            s.abandon();
            call.hangUp(org.sipdrop.sip.SipReason.of(Verdict.CANCELLED, "Cancelled by the receiver")
                    .with(Verdict.IDS, file.transferId().orElse("-")));
        });
        t.moveTo(TransferState.ACCEPTED);
        ctx.track(t);
        return s;
    }
}
