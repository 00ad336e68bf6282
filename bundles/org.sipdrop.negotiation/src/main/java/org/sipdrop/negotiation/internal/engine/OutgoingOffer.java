package org.sipdrop.negotiation.internal.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.sipdrop.transfer.TransferControl;
import org.sipdrop.negotiation.internal.sdp.AnswerValidator;
import org.sipdrop.negotiation.internal.sdp.OfferAnswer;
import org.sipdrop.negotiation.internal.sdp.Sdp;
import org.sipdrop.negotiation.internal.sdp.SdpException;
import org.sipdrop.negotiation.internal.sdp.SdpParser;
import org.sipdrop.negotiation.internal.sdp.SdpWriter;
import org.sipdrop.sip.Call;
import org.sipdrop.sip.SipBody;
import org.sipdrop.sip.SipReason;
import org.sipdrop.sip.SipResponse;
import org.sipdrop.transfer.Decision;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferFailure;
import org.sipdrop.transfer.TransferState;
import org.sipdrop.transfer.TransportProvider;
import org.sipdrop.transfer.TransportParameter;
import org.sipdrop.transfer.ConnectionRole;
import org.sipdrop.transfer.TransportRequest;

/**
 * The sender's side of one push (RFC 5547 §8.2.1): one transport session per file, opened first
 * so its path goes into the offer with {@code a=setup:actpass} (RFC 6135 §4.1); one INVITE with
 * one {@code sendonly} m= line per file; then, by the answer, the accepted files are sent (from
 * the answer's {@code a=file-range}, to resume) and the rejected ones end REJECTED with the
 * status and reason the receiver gave. Once every accepted file is sent, the receiver's BYE
 * carries its verdict ({@link Verdict}); only a positive one completes a transfer.
 */
final class OutgoingOffer {

    private static final System.Logger LOG = System.getLogger(OutgoingOffer.class.getName());

    /**
     * The offerer's a=setup: either side may connect (RFC 4145 §4.1); this side listens on the
     * address in its path, so it "MUST use the a=setup 'actpass' attribute value" (RFC 6135
     * §4.2.2). The answer settles the role: this side connects unless it says active.
     */
    static final ConnectionRole SETUP_OFFERED = ConnectionRole.ACTPASS;

    private final AgentContext ctx;
    private final String to;
    private final String scheme;
    /** The next common session transports to offer if the peer refuses this one (RFC 3264 §6, RFC 3261 §21.4.26). */
    private final List<String> fallbacks;
    private final boolean guessed;
    private final List<OutgoingStream> streams = new ArrayList<>();
    private List<Path> files;
    private List<FileOffer> offers;
    private volatile Call call;
    private Sdp offer;
    private SessionReoffer reoffers;

    OutgoingOffer(AgentContext ctx, String to, String scheme) {
        this(ctx, to, scheme, List.of());
    }

    OutgoingOffer(AgentContext ctx, String to, String scheme, List<String> fallbacks) {
        this(ctx, to, scheme, fallbacks, false);
    }

    /**
     * @param fallbacks the next common session transports, tried in order when the peer refuses {@code scheme}
     * @param guessed whether the peer did not say which transports it takes: then any 488 or
     *        all-port-0 answer may be about the transport; otherwise only a 488 with warn-code 302
     */
    OutgoingOffer(AgentContext ctx, String to, String scheme, List<String> fallbacks, boolean guessed) {
        this.ctx = ctx;
        this.to = to;
        this.scheme = scheme;
        this.fallbacks = List.copyOf(fallbacks);
        this.guessed = guessed;
    }

    /** Opens the sessions and sends the INVITE; @return the transfers, OFFERED */
    List<Transfer> start(List<Path> files, List<FileOffer> offers) throws IOException {
        return open(files, offers, null);
    }

    /**
     * @param existing the transfers of an offer the peer refused, offered again over this
     *        transport; null to create them
     */
    private List<Transfer> open(List<Path> files, List<FileOffer> offers, List<TransferControl> existing) throws IOException {
        this.files = files;
        this.offers = offers;
        TransportProvider provider = ctx.service().transport(scheme)
                .orElseThrow(() -> new IOException("no common transport: the " + scheme + " transport stopped"));
        List<List<String>> paths = new ArrayList<>();
        try {
            for (int i = 0; i < files.size(); i++) {
                FileOffer o = existing != null ? existing.get(i).offer()
                        : offers.get(i).toBuilder().transferId(ctx.newId()).build();
                TransportRequest request = new TransportRequest(o, Direction.OUTGOING, to, scheme, 0)
                        .with(TransportParameter.SETUP, SETUP_OFFERED);
                TransferControl t = existing != null ? existing.get(i)
                        : ctx.newTransfer(o.transferId().orElseThrow(), o, to, Direction.OUTGOING, files.get(i), () -> { });
                t.setTransport(scheme);
                OutgoingStream s = new OutgoingStream(ctx, t, files.get(i), request, provider.open(request));
                streams.add(s);
                paths.add(AgentContext.strings(s.session().localEndpoint()));
            }
        } catch (IOException | RuntimeException e) {
            streams.forEach(OutgoingStream::closeSession);
            throw new IOException("cannot open a " + scheme + " session: " + e.getMessage(), e);
        }
        List<FileOffer> described = streams.stream().map(s -> s.transfer().offer()).toList();
        List<String> icons = OfferBody.iconUrls(described, ctx.random());
        offer = new OfferAnswer(ctx.endpointFor(paths.get(0), ctx.protoOf(scheme)), ctx.random()).pushOffer(described, paths, icons);
        List<Transfer> result = new ArrayList<>();
        for (OutgoingStream s : streams) {
            s.transfer().onCancel(this::cancel);
            if (existing == null) {
                ctx.track(s.transfer());
            }
            result.add(s.transfer());
        }
        reoffers = SessionReoffer.offered(offer, ctx.executor());
        for (int i = 0; i < streams.size(); i++) {
            OutgoingStream s = streams.get(i);
            reoffers.onAbort(i, why -> s.fail(new TransferFailure(0, why)));
        }
        // session refreshes and aborts from the receiver (RFC 5547 §8.1, §8.4); a call that ends
        // early needs no more: the answer (or its absence) or the transport tells
        Trace.mark("invite.sent");
        call = ctx.userAgent().invite(to, OfferBody.write(SdpWriter.toBytes(offer), described, icons), reoffers);
        call.established().orTimeout(ctx.settings().answerTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenCompleteAsync(this::answered, ctx.executor());
        return result;
    }

    private void answered(SipResponse response, Throwable error) {
        Trace.mark("invite.answered");
        if (error != null) {
            call.hangUp();
            failAll(new TransferFailure(0, "no answer from " + to + (error instanceof java.util.concurrent.TimeoutException
                    ? " within " + ctx.settings().answerTimeout().toSeconds() + " s" : ": " + error.getMessage())));
            return;
        }
        if (!response.isSuccess()) {
            if (response.status() == SdpException.NOT_ACCEPTABLE_HERE && (guessed || refusesTransport(response))
                    && fallBack(response.status() + " " + response.reason())) {
                return;
            }
            streams.forEach(s -> s.reject(new TransferFailure(response.status(), response.reason())));
            return;
        }
        List<Integer> accepted;
        Sdp answer;
        try {
            SipBody body = response.body().filter(b -> "application/sdp".equals(b.mediaType()))
                    .orElseThrow(() -> SdpException.notAcceptable("the 200 OK carries no SDP answer (RFC 3264 §5)"));
            answer = SdpParser.withDefaults().parse(body.content());
            accepted = AnswerValidator.validate(offer, answer);
            reoffers.agreed(answer);
        } catch (SdpException e) {
            TransferFailure why = new TransferFailure(e.status(), "unusable answer from " + to + ": " + e.reason());
            // RFC 3261 §13.2.2.4: a 2xx is ACKed even when its answer is unusable; then the call ends saying why
            Verdict.hangUpThen(ctx, call, SipReason.of(e.status(), "Unusable answer: " + e.reason()), () -> failAll(why));
            return;
        }
        if (accepted.isEmpty() && guessed && !fallbacks.isEmpty()) { // every stream refused with port 0 (RFC 3264 §6)
            call.hangUp();
            if (fallBack("every stream refused with port 0")) {
                return;
            }
        }
        List<OutgoingStream> sending = new ArrayList<>();
        for (int i = 0; i < streams.size(); i++) {
            OutgoingStream s = streams.get(i);
            if (!accepted.contains(i)) {
                s.reject(new TransferFailure(Decision.DECLINE, "Declined (the answer rejected this file, RFC 3264 §6)"));
            } else if (s.accept(answer.media().get(i), answer)) {
                sending.add(s);
            }
        }
        if (sending.isEmpty()) {
            call.hangUp();
            return;
        }
        java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger(sending.size());
        for (OutgoingStream s : sending) {
            ctx.executor().execute(() -> {
                try {
                    s.send();
                } finally {
                    if (left.decrementAndGet() == 0) {
                        Verdict.await(ctx, call, sending, to); // the receiver ends the session with its verdict
                    }
                }
            });
        }
    }

    /**
     * The peer refused this transport: the same transfers are offered again over the next common
     * one, in a new INVITE; each transfer then records that transport.
     *
     * @return whether another transport was tried
     */
    private boolean fallBack(String refusal) {
        if (fallbacks.isEmpty() || streams.stream().anyMatch(s -> s.transfer().state() != TransferState.OFFERED)) {
            return false;
        }
        streams.forEach(OutgoingStream::closeSession);
        List<TransferControl> again = streams.stream().map(OutgoingStream::transfer).toList();
        String next = fallbacks.get(0);
        LOG.log(System.Logger.Level.INFO, to + " refused " + scheme + " (" + refusal + "); offering over " + next);
        try {
            new OutgoingOffer(ctx, to, next, fallbacks.subList(1, fallbacks.size()), guessed).open(files, offers, again);
        } catch (IOException | RuntimeException e) {
            failAll(new TransferFailure(0, to + " refused " + scheme + " (" + refusal + ") and " + next
                    + " could not be offered: " + e.getMessage()));
        }
        return true;
    }

    /** @return whether a refusal says it is about the transport: RFC 3261 §20.43 warn-code 302 */
    static boolean refusesTransport(SipResponse response) {
        return response.headers("Warning").stream().anyMatch(w -> w.trim().startsWith(
                Integer.toString(org.sipdrop.sip.SipStatus.WARNING_INCOMPATIBLE_TRANSPORT)));
    }

    private void failAll(TransferFailure reason) {
        streams.forEach(s -> s.fail(reason));
    }

    /** A user cancelled one of the files: the INVITE covers them all, so all stop. */
    private void cancel() {
        Call c = call;
        if (c != null) {
            c.hangUp();
        }
        streams.forEach(s -> {
            s.transfer().tryMove(TransferState.CANCELLED);
            s.closeSession();
        });
    }
}
