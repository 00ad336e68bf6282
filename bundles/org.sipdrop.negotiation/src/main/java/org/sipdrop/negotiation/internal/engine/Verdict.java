package org.sipdrop.negotiation.internal.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.sipdrop.transfer.TransferControl;
import org.sipdrop.sip.Call;
import org.sipdrop.sip.SipReason;
import org.sipdrop.transfer.TransferFailure;
import org.sipdrop.transfer.TransferState;

/**
 * The receiver's verdict on the files of one session, sent to the sender in the {@code Reason}
 * header of the BYE that ends it (RFC 3326 §2; RFC 5547 §9 lets either side end the session
 * once a transfer is over, so the receiver ends it once it has checked the SHA-1 and saved the
 * file):
 * <ul>
 * <li>{@code Reason: SIP ;cause=200 ;text="Verified and saved"}: every accepted file arrived
 * whole, its SHA-1 matched the offer and it was moved into place;</li>
 * <li>{@code Reason: SIP ;cause=200 ;text="Saved, not verified: no hash in the offer"}: the
 * same, but an offer without a hash (RFC 5547 §6 makes it optional) leaves nothing to check the
 * bytes against. Over a transport that does not authenticate the peer (MSRP over TCP, RFC 4975
 * §14.2) the bytes may then even come from a third party that learnt the session's URIs, so
 * "Verified" would be a claim the receiver cannot make;</li>
 * <li>otherwise the cause of the first failure (400 when the bytes do not match the offered size
 * or hash, 500 when the file could not be saved, 487 when the receiving user cancelled) with
 * every failed file named in the text and, as a reason-extension (RFC 3326 §2 generic-param),
 * {@code file-transfer-ids=ID.ID} listing the {@code a=file-transfer-id}s (RFC 5547 §8.1) the
 * failure applies to; files of the session not listed there were verified.</li>
 * </ul>
 * Why BYE and not a delayed MSRP success REPORT (RFC 4975 §7.1.2): the verdict then does not
 * depend on the transport (a provider's session only moves bytes), and SIP proxies (Kamailio,
 * the embedded server) forward a BYE's Reason end to end, while an MSRP relay only forwards
 * REPORTs and MSRP's own REPORT comes from the transport, before the file is saved.
 * <p>
 * The sender holds each fully sent file in TRANSFERRING until the verdict comes; a BYE without a
 * SIP Reason, or none within {@link org.sipdrop.negotiation.AgentSettings#verdictTimeout()}, fails
 * it with "no verdict".
 */
final class Verdict {

    /** The reason-extension naming the file-transfer-ids a negative verdict applies to. */
    static final String IDS = "file-transfer-ids";
    /** Cause for bytes that do not match the offer (size or SHA-1): RFC 3261 §21.4.1 400 Bad Request. */
    static final int MISMATCH = 400;
    /** Cause for a file received whole that could not be saved: RFC 3261 §21.5.1 500. */
    static final int NOT_SAVED = 500;
    /** Cause when the receiving user cancelled: RFC 3261 §21.4.25 487 Request Terminated. */
    static final int CANCELLED = 487;
    /** Cause of the sender's BYE when the receiver never said what became of the file (RFC 3261 §21.4.9). */
    static final int NO_VERDICT = 408;

    /**
     * How long to wait for the verdict when sending failed here: the receiver's close may race
     * our last confirmation, and its verdict then still tells whether the file arrived.
     */
    static final Duration LOCAL_FAILURE_WAIT = Duration.ofSeconds(5);
    /** How long a receiver waits for the answer to its verdict's BYE before ending its transfers. */
    static final Duration BYE_WAIT = Duration.ofSeconds(5);

    private Verdict() {
    }

    /**
     * Ends the session with the verdict on {@code streams}, each received, and waits (briefly)
     * for the BYE to be answered; only then does each transfer end here, so whoever waits for it
     * cannot close the call before the sender was told.
     */
    static void tell(Call call, List<IncomingStream> streams, Path folder) {
        call.hangUp(of(streams, folder));
        try {
            call.ended().get(BYE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // told as far as the network allows; the transfers end anyway
        }
        streams.forEach(IncomingStream::finish);
    }

    /** @return the Reason for the BYE after receiving {@code streams}, each received */
    static SipReason of(List<IncomingStream> streams, Path folder) {
        List<String> texts = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        int cause = 0;
        for (IncomingStream s : streams) {
            TransferControl t = s.transfer();
            int c = s.verdictCause();
            if (c == 0) {
                continue;
            }
            if (cause == 0) {
                cause = c;
            }
            texts.add(t.offer().name() + ": " + s.failure().map(f -> publicText(f.reason(), folder))
                    .orElse(c == CANCELLED ? "cancelled by the receiver" : t.state().toString()));
            ids.add(t.offer().transferId().orElse(null));
        }
        if (cause == 0) {
            return SipReason.of(200, successText(streams.stream().map(s -> s.transfer().offer()).toList()));
        }
        SipReason r = SipReason.of(cause, String.join("; ", texts));
        return ids.contains(null) ? r : r.with(IDS, String.join(".", ids));
    }

    /**
     * @return the text of a positive verdict: "Verified" only when every file's offer carried a
     *         hash that its bytes matched; files offered without one are named as not verified
     */
    static String successText(List<org.sipdrop.transfer.FileOffer> offers) {
        List<String> unverified = offers.stream().filter(o -> o.sha1().isEmpty()).map(o -> o.name()).toList();
        String count = offers.size() == 1 ? "" : ": " + offers.size() + " files";
        if (unverified.isEmpty()) {
            return "Verified and saved" + count;
        }
        return "Saved" + count + ", not verified: no hash in the offer"
                + (offers.size() == 1 ? "" : " of " + String.join(", ", unverified));
    }

    /**
     * @return {@code reason} as the sender may read it: without where the receiver keeps its
     *         files (the download folder's path becomes {@code …}), and a hash mismatch without
     *         the note about the kept part file
     */
    static String publicText(String reason, Path folder) {
        String text = reason;
        if (text.startsWith("hash mismatch") && text.indexOf(" (") > 0) {
            text = text.substring(0, text.indexOf(" ("));
        }
        if (folder != null) {
            List<String> paths = new ArrayList<>(List.of(folder.toAbsolutePath().normalize().toString()));
            try {
                paths.add(0, folder.toRealPath().toString());
            } catch (java.io.IOException e) {
                // no real path: the absolute one is all a message can hold
            }
            for (String p : paths) {
                if (p.length() > 1) {
                    text = text.replace(p, "…");
                }
            }
        }
        return text;
    }

    /**
     * @return why the file with {@code fileTransferId} failed by the peer's verdict, or null when
     *         the peer verified it
     */
    static TransferFailure failureFor(Optional<SipReason> reason, String fileTransferId, String peer) {
        if (reason.isEmpty()) {
            return new TransferFailure(0, "no verdict from " + peer + ": it ended the session without saying whether "
                    + "the file was verified (no SIP Reason in its BYE, RFC 3326)");
        }
        SipReason r = reason.get();
        if (r.isSuccess()) {
            return null;
        }
        Optional<String> ids = r.extension(IDS);
        if (ids.isPresent() && !List.of(ids.get().split("\\.")).contains(fileTransferId)) {
            return null; // the failure names other files of the session
        }
        return new TransferFailure(r.cause(), r.text());
    }

    /**
     * Waits (on an agent thread, bounded by the verdict timeout) for the peer's BYE and applies
     * its verdict to each of {@code sent} still waiting for it; without one in time, hangs up
     * and fails them with "no verdict".
     */
    static void await(AgentContext ctx, Call call, List<OutgoingStream> sent, String peer) {
        List<OutgoingStream> waiting = sent.stream().filter(s -> s.transfer().state() == TransferState.TRANSFERRING).toList();
        if (waiting.isEmpty()) {
            call.hangUp(); // nothing to hear about: RFC 5547 §9, either side ends the session
            return;
        }
        boolean allFailedHere = waiting.stream().allMatch(s -> s.sendFailure().isPresent());
        Duration wait = allFailedHere && LOCAL_FAILURE_WAIT.compareTo(ctx.settings().verdictTimeout()) < 0
                ? LOCAL_FAILURE_WAIT : ctx.settings().verdictTimeout();
        call.ended().orTimeout(wait.toMillis(), TimeUnit.MILLISECONDS).whenCompleteAsync((v, e) -> {
            if (e != null) {
                TransferFailure none = new TransferFailure(0, "no verdict from " + peer + " within " + (wait.toMillis() < 1000
                        ? wait.toMillis() + " ms" : wait.toSeconds() + " s") + " after the last byte: the file may not have been verified");
                Optional<TransferFailure> local = waiting.stream().map(OutgoingStream::sendFailure).flatMap(Optional::stream).findFirst();
                SipReason why = local.map(f -> SipReason.of(f.status() >= 400 && f.status() < 700 ? f.status() : NOT_SAVED,
                        "Sending failed: " + f.reason())).orElse(SipReason.of(NO_VERDICT, "No verdict on the file"));
                hangUpThen(ctx, call, why.with(IDS, ids(waiting)), () -> waiting.forEach(s -> s.fail(s.sendFailure().orElse(none))));
                return;
            }
            Optional<SipReason> r = call.peerReason();
            waiting.forEach(s -> s.verdict(r.isEmpty() && s.sendFailure().isPresent() ? s.sendFailure().get()
                    : failureFor(r, s.transfer().id(), peer)));
        }, ctx.executor());
    }

    /**
     * Ends the call saying why (RFC 3326), then runs {@code then} once the BYE is answered or
     * {@link #BYE_WAIT} passed: a front end that exits as soon as the transfer fails would
     * otherwise close the stack before the BYE leaves, and the peer would wait for nothing.
     */
    static void hangUpThen(AgentContext ctx, Call call, SipReason reason, Runnable then) {
        call.hangUp(reason);
        call.ended().orTimeout(BYE_WAIT.toMillis(), TimeUnit.MILLISECONDS).whenCompleteAsync((v, e) -> then.run(), ctx.executor());
    }

    private static String ids(List<OutgoingStream> streams) {
        return String.join(".", streams.stream().map(s -> s.transfer().id()).toList());
    }
}
