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
import org.sipdrop.transfer.TransferService;

/**
 * Picks the transport of an offer. An RFC 5547 offer in an INVITE carries files over MSRP
 * ({@code m=message … TCP/MSRP} or {@code TCP/TLS/MSRP}, RFC 5547 §8), so the candidates are
 * the {@code msrp} and {@code msrps} transports running here. With {@code --via auto} the peer is
 * asked with OPTIONS (RFC 3261 §11) which transports it accepts ({@link SipCapabilities}, or else
 * the RFC 5547 §8.5 capability SDP of its answer, {@link FileTransferCapability}); a peer that does
 * not say gets the first preferred scheme.
 */
final class TransportChoice {

    /** The URI schemes an SDP file offer can name (RFC 4975 §6, RFC 5547 §8). */
    static final Set<String> SDP_SCHEMES = Set.of("msrp", "msrps");
    /** How long to wait for the peer's OPTIONS answer before offering without it. */
    static final Duration OPTIONS_WAIT = Duration.ofSeconds(5);

    private TransportChoice() {
    }

    /**
     * @return the scheme to offer
     * @throws IOException "no common transport …" when none fits
     */
    static String choose(TransferService service, SipUserAgent ua, String to, SendOptions options, List<String> preferred)
            throws IOException {
        Set<String> local = new LinkedHashSet<>(service.schemes());
        local.retainAll(SDP_SCHEMES);
        String via = options.via();
        if (!SendOptions.AUTO.equals(via)) {
            if (!SDP_SCHEMES.contains(via)) {
                throw new IOException("files offered in an INVITE go over msrp or msrps, not '" + via + "'");
            }
            if (!local.contains(via)) {
                throw new IOException("no common transport: no " + via + " transport is running here" + running(local));
            }
            return via;
        }
        if (local.isEmpty()) {
            throw new IOException("no common transport: no MSRP transport is running here" + running(service.schemes()));
        }
        List<String> peer = peerSchemes(ua, to);
        if (!peer.isEmpty()) {
            List<String> usable = new ArrayList<>(peer);
            usable.retainAll(SDP_SCHEMES);
            return service.chooseScheme(usable, preferred).filter(SDP_SCHEMES::contains)
                    .orElseThrow(() -> new IOException("no common transport with " + to + ": it accepts " + peer
                            + ", this side offers " + local));
        }
        for (String p : preferred) {
            if (local.contains(p.toLowerCase(Locale.ROOT))) {
                return p.toLowerCase(Locale.ROOT);
            }
        }
        return local.iterator().next();
    }

    /** @return what the peer advertises; empty when it does not say or does not answer in time */
    private static List<String> peerSchemes(SipUserAgent ua, String to) {
        try {
            SipResponse r = ua.options(to).get(OPTIONS_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (!r.isSuccess()) {
                return List.of();
            }
            List<String> tagged = SipCapabilities.transports(r);
            return tagged.isEmpty() ? FileTransferCapability.schemes(r.body()) : tagged;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (Exception e) {
            return List.of(); // no answer: offer without knowing, the answer will tell
        }
    }

    private static String running(Set<String> schemes) {
        return schemes.isEmpty() ? " (no transport at all)" : " (running: " + String.join(", ", schemes) + ")";
    }
}
