package org.sipdrop.negotiation.internal.engine;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.sipdrop.negotiation.SendOptions;
import org.sipdrop.sip.SipCapabilities;
import org.sipdrop.sip.SipResponse;
import org.sipdrop.sip.SipUserAgent;
import org.sipdrop.transfer.Carriage;
import org.sipdrop.transfer.TransferService;

/**
 * Picks the transports of an offer among every provider running here, by what each declares
 * ({@link Carriage}), by what the peer advertises and by the user's order; no scheme is named
 * here. With {@code --via SCHEME} that scheme alone is tried. With {@code --via auto} the peer is
 * asked with OPTIONS (RFC 3261 §11) which transports it accepts ({@link SipCapabilities}, or else
 * the RFC 5547 §8.5 capability SDP of its answer, {@link FileTransferCapability}); the common
 * ones are tried in the user's order of preference, then by service ranking. A peer that does
 * not say gets the session transports only (an RFC 5547 offer it can answer or refuse; a
 * storage URL it might not fetch).
 */
final class TransportChoice {

    /** How long to wait for the peer's OPTIONS answer before offering without it. */
    static final Duration OPTIONS_WAIT = Duration.ofSeconds(5);

    private TransportChoice() {
    }

    /**
     * The transports to try.
     *
     * @param schemes best first, never empty
     * @param guessed whether the peer did not say which transports it takes: only then may a
     *        refusal be about the transport (and the next one be tried); a peer that listed the
     *        chosen transport refuses the offer itself
     */
    record Candidates(List<String> schemes, boolean guessed) {
    }

    /**
     * @param kind the carriage the caller can use (a pull needs a session); null for any
     * @return the schemes to try, best first, never empty
     * @throws IOException "no common transport …" when none fits
     */
    static Candidates candidates(TransferService service, SipUserAgent ua, String to, SendOptions options,
            List<String> preferred, Carriage.Kind kind) throws IOException {
        List<String> local = usable(service, kind);
        String via = options.via().toLowerCase(Locale.ROOT);
        if (!SendOptions.AUTO.equals(via)) {
            if (!local.contains(via)) {
                boolean running = service.transport(via).isPresent();
                throw new IOException("no common transport: " + (running ? "the " + via + " transport cannot "
                        + (kind == Carriage.Kind.SESSION ? "request a file (it stores files, a pull needs a session)" : "be used here")
                        : "no " + via + " transport is running here") + running(service.schemes()));
            }
            return new Candidates(List.of(via), false);
        }
        if (local.isEmpty()) {
            throw new IOException("no common transport: no transport is running here" + running(service.schemes()));
        }
        List<String> ordered = ordered(local, preferred);
        List<String> peer = peerSchemes(service, ua, to);
        if (peer.isEmpty()) {
            List<String> sessions = new ArrayList<>(ordered);
            sessions.retainAll(Transports.schemes(service, Carriage.Kind.SESSION));
            if (sessions.isEmpty()) {
                throw new IOException("no common transport: " + to + " did not say which transports it accepts, and only "
                        + "storage transports run here" + running(service.schemes()));
            }
            return new Candidates(sessions, true);
        }
        List<String> common = new ArrayList<>(ordered);
        common.retainAll(peer);
        if (common.isEmpty()) {
            throw new IOException("no common transport with " + to + ": it accepts " + peer + ", this side offers " + local);
        }
        return new Candidates(common, false);
    }

    /** @return the first of {@link #candidates} */
    static String choose(TransferService service, SipUserAgent ua, String to, SendOptions options, List<String> preferred,
            Carriage.Kind kind) throws IOException {
        return candidates(service, ua, to, options, preferred, kind).schemes().get(0);
    }

    /** @return the running schemes of that kind (any when null), best-ranked first */
    private static List<String> usable(TransferService service, Carriage.Kind kind) {
        List<String> out = new ArrayList<>();
        if (kind != Carriage.Kind.STORAGE) {
            out.addAll(Transports.schemes(service, Carriage.Kind.SESSION));
        }
        if (kind != Carriage.Kind.SESSION) {
            out.addAll(Transports.schemes(service, Carriage.Kind.STORAGE));
        }
        return out;
    }

    /** @return {@code local} with the user's preferred schemes first, in the user's order */
    static List<String> ordered(List<String> local, List<String> preferred) {
        Set<String> out = new LinkedHashSet<>();
        for (String p : preferred) {
            String s = p.toLowerCase(Locale.ROOT);
            if (local.contains(s)) {
                out.add(s);
            }
        }
        out.addAll(local);
        return new ArrayList<>(out);
    }

    /** @return what the peer advertises; empty when it does not say or does not answer in time */
    private static List<String> peerSchemes(TransferService service, SipUserAgent ua, String to) {
        try {
            Trace.mark("options.sent");
            SipResponse r = ua.options(to).get(OPTIONS_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            Trace.mark("options.answered");
            if (!r.isSuccess()) {
                return List.of();
            }
            List<String> tagged = SipCapabilities.transports(r);
            return tagged.isEmpty() ? FileTransferCapability.schemes(r.body(), proto -> Transports.schemeOfProto(service, proto)) : lower(tagged);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (Exception e) {
            return List.of(); // no answer: offer without knowing, the answer will tell
        }
    }

    private static List<String> lower(List<String> schemes) {
        List<String> out = new ArrayList<>();
        schemes.forEach(s -> out.add(s.toLowerCase(Locale.ROOT)));
        return out;
    }

    private static String running(Set<String> schemes) {
        return schemes.isEmpty() ? " (no transport at all)" : " (running: " + String.join(", ", schemes) + ")";
    }
}
