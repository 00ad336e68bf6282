package org.sipdrop.negotiation.internal.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.sipdrop.negotiation.internal.sdp.FileSelector;
import org.sipdrop.negotiation.internal.sdp.MediaDescription;
import org.sipdrop.negotiation.internal.sdp.Origin;
import org.sipdrop.negotiation.internal.sdp.Sdp;
import org.sipdrop.negotiation.internal.sdp.SdpException;
import org.sipdrop.negotiation.internal.sdp.SdpParser;
import org.sipdrop.negotiation.internal.sdp.SdpWriter;
import org.sipdrop.sip.Call;
import org.sipdrop.sip.CallHandler;
import org.sipdrop.sip.SipBody;

/**
 * Answers the peer's new offers in an established file-transfer session (a re-INVITE, RFC 3261
 * §14), as RFC 5547 §8.1 (its Figure 3), §8.4 and §8.6 say, m= line by m= line against the
 * previous offer:
 * <ul>
 * <li>the same {@code a=file-transfer-id} and the same file: a repetition — a session refresh
 * (RFC 4028 recommends repeating the SDP unchanged) or other streams changing — answered with the
 * previous answer, the transfer going on untouched;</li>
 * <li>port 0: the peer closes that file stream (§8.4 abort, or a finished transfer kept in the
 * SDP): answered with port 0 mirroring the file-selector and file-transfer-id (§8.1), and a
 * transfer still running on it is aborted with that reason;</li>
 * <li>the same file-transfer-id with another file: an error (§8.1: the answerer MUST abort):
 * port 0 and the transfer aborted;</li>
 * <li>a new file-transfer-id: a new transfer in this session (§8.1, §8.6), which this engine does
 * not start inside an existing session yet; the whole offer is refused (488) so the session stays
 * as it was (RFC 3261 §14.2);</li>
 * <li>m= lines beyond the previous ones: new streams, each refused with port 0 (RFC 3264 §6);
 * fewer m= lines than before is malformed (RFC 3264 §8) and refused (488).</li>
 * </ul>
 * The answer keeps the previous origin when nothing changed and increments its version
 * otherwise (RFC 3264 §8). Runs on a SIP thread; aborts are handed to the agent's executor.
 * A body-less re-INVITE is answered by the SIP layer with this side's last description.
 */
final class SessionReoffer implements CallHandler {

    private static final System.Logger LOG = System.getLogger(SessionReoffer.class.getName());
    private static final String FILE_TRANSFER_ID = "file-transfer-id";
    private static final String FILE_SELECTOR = "file-selector";

    private final Executor executor;
    private final Map<Integer, Consumer<String>> aborts = new HashMap<>();
    /** The last offer of the session, whoever made it: what a new offer is compared with. */
    private Sdp offer;
    /** This side's last session description; its m= lines are what a repetition is answered with. */
    private Sdp answer;

    private SessionReoffer(Sdp offer, Sdp answer, Executor executor) {
        this.offer = offer;
        this.answer = answer;
        this.executor = executor;
    }

    /** For a received call: the peer offered {@code offer}, this side answered {@code answer}. */
    static SessionReoffer answered(Sdp offer, Sdp answer, Executor executor) {
        return new SessionReoffer(Objects.requireNonNull(offer, "offer"), Objects.requireNonNull(answer, "answer"), executor);
    }

    /** For a placed call: refuses re-offers (488) until {@link #agreed(Sdp)} gives the peer's answer. */
    static SessionReoffer offered(Sdp offer, Executor executor) {
        return new SessionReoffer(Objects.requireNonNull(offer, "offer"), null, executor);
    }

    /**
     * The peer answered this side's offer: a repetition of the peer's is answered with this
     * side's offered m= lines, each with the connection role it took (RFC 4145 §4.1: an answer
     * is never {@code actpass}: the opposite of the peer's answer, active when it gave none, RFC
     * 4975 §5.4) and no {@code a=connection} (RFC 6135 §4.4).
     */
    synchronized void agreed(Sdp peerAnswer) {
        List<MediaDescription> mine = new ArrayList<>();
        for (int i = 0; i < offer.media().size(); i++) {
            MediaDescription m = offer.media().get(i);
            MediaDescription theirs = i < peerAnswer.media().size() ? peerAnswer.media().get(i) : null;
            if (theirs == null || theirs.port() == 0) {
                mine.add(closed(m));
                continue;
            }
            String role = theirs.attribute("setup").map(r -> r.equalsIgnoreCase("active") ? "passive" : "active").orElse("active");
            MediaDescription.Builder b = m.toBuilder().clearAttributes();
            m.attributes().stream().filter(a -> !a.name().equals("setup") && !a.name().equals("connection")).forEach(b::attribute);
            mine.add(b.attribute("setup", role).build());
        }
        answer = offer.toBuilder().replaceMedia(mine).build();
    }

    /** @param abort aborts the transfer on m= line {@code index}, given the reason; run once at most */
    synchronized SessionReoffer onAbort(int index, Consumer<String> abort) {
        aborts.put(index, abort);
        return this;
    }

    @Override
    public synchronized SipBody reinvited(Call call, SipBody body) {
        if (answer == null) {
            return null; // not established yet
        }
        Sdp next;
        try {
            next = SdpParser.withDefaults().parse(OfferBody.read(Optional.of(body)).sdp());
        } catch (SdpException e) {
            LOG.log(System.Logger.Level.DEBUG, "Refusing a malformed re-offer in " + call.callId() + ": " + e.getMessage());
            return null;
        }
        List<MediaDescription> was = offer.media();
        List<MediaDescription> now = next.media();
        if (now.size() < was.size()) {
            return null; // RFC 3264 §8: m= lines are never removed
        }
        List<MediaDescription> out = new ArrayList<>();
        Map<Integer, String> abort = new HashMap<>();
        for (int i = 0; i < now.size(); i++) {
            MediaDescription m = now.get(i);
            if (i >= was.size()) {
                out.add(closed(m));
                continue;
            }
            MediaDescription previous = answer.media().get(i);
            if (m.port() == 0) {
                out.add(closed(m));
                if (previous.port() != 0) {
                    abort.put(i, "the peer closed the file stream (port 0, RFC 5547 §8.4)");
                }
            } else if (!Objects.equals(m.attribute(FILE_TRANSFER_ID), was.get(i).attribute(FILE_TRANSFER_ID))) {
                return null; // a new transfer inside this session: refused, the session stays as it was
            } else if (!sameFile(was.get(i), m)) {
                out.add(closed(m));
                if (previous.port() != 0) {
                    abort.put(i, "the peer changed the file of a running transfer (RFC 5547 §8.1)");
                }
            } else {
                out.add(previous);
            }
        }
        Origin o = answer.origin();
        Sdp reply = out.equals(answer.media()) ? answer
                : answer.toBuilder().replaceMedia(out).build();
        if (reply != answer) {
            reply = withOrigin(reply, new Origin(o.username(), o.sessionId(), nextVersion(o.sessionVersion()), o.netType(),
                    o.addressType(), o.address()));
        }
        offer = next;
        answer = reply;
        abort.forEach((i, why) -> {
            Consumer<String> a = aborts.remove(i);
            if (a != null) {
                executor.execute(() -> a.accept(why));
            }
        });
        return new SipBody("application/sdp", SdpWriter.toBytes(reply));
    }

    /** RFC 5547 §8.1: a closed stream's answer mirrors the file-transfer-id (and the selector). */
    private static MediaDescription closed(MediaDescription offered) {
        MediaDescription.Builder b = offered.toBuilder().port(0).portCount(0).information(null).connection(null).clearAttributes();
        offered.attribute(FILE_SELECTOR).ifPresent(v -> b.attribute(FILE_SELECTOR, v));
        offered.attribute(FILE_TRANSFER_ID).ifPresent(v -> b.attribute(FILE_TRANSFER_ID, v));
        return b.build();
    }

    /**
     * §8.1: a selector may change (e.g. a hash added) as long as it selects the same file — the
     * same test an offerer applies to an answer ({@link FileSelector#agreesWith}). A selector
     * that cannot be read selects no known file.
     */
    static boolean sameFile(MediaDescription before, MediaDescription after) {
        try {
            return FileSelector.parse(before.attribute(FILE_SELECTOR).orElse(""))
                    .agreesWith(FileSelector.parse(after.attribute(FILE_SELECTOR).orElse("")));
        } catch (SdpException e) {
            return false;
        }
    }

    private static String nextVersion(String version) {
        try {
            return new java.math.BigInteger(version).add(java.math.BigInteger.ONE).toString();
        } catch (NumberFormatException e) {
            return "1";
        }
    }

    private static Sdp withOrigin(Sdp sdp, Origin origin) {
        Sdp.Builder b = Sdp.builder(origin).sessionName(sdp.sessionName()).replaceMedia(sdp.media());
        sdp.information().ifPresent(b::information);
        sdp.connection().ifPresent(b::connection);
        sdp.timing().forEach(b::timing);
        sdp.extraFields().forEach(b::extraField);
        sdp.attributes().forEach(b::attribute);
        return b.build();
    }
}
