package org.sipdrop.negotiation.internal.engine;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.function.Function;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.sipdrop.negotiation.internal.sdp.Attribute;
import org.sipdrop.negotiation.internal.sdp.ConnectionData;
import org.sipdrop.negotiation.internal.sdp.Field;
import org.sipdrop.negotiation.internal.sdp.MediaDescription;
import org.sipdrop.negotiation.internal.sdp.Origin;
import org.sipdrop.negotiation.internal.sdp.Sdp;
import org.sipdrop.negotiation.internal.sdp.SdpException;
import org.sipdrop.negotiation.internal.sdp.SdpParser;
import org.sipdrop.negotiation.internal.sdp.SdpWriter;
import org.sipdrop.sip.SipBody;
import org.sipdrop.transfer.Carriage;
import org.sipdrop.transfer.TransferService;

/**
 * The file-transfer capability in an OPTIONS answer, RFC 5547 §8.5 (example: §9.3, Figure 24):
 * a capability SDP built as RFC 3264 §9 says ({@code t=0 0}, a session id unique to each such
 * SDP, port 0 so that it can never start a stream) with one {@code m=message} line per MSRP
 * session transport running here, with the SDP proto its provider declares ({@code TCP/MSRP}
 * for {@code msrp} and {@code TCP/TLS/MSRP} for {@code msrps}, RFC 4975 §8.1, RFC 4976), each with an empty {@code a=file-selector}: RFC 5547
 * §8.5 says it "MUST be empty" and that no other file attribute may appear. The accepted types
 * are Figure 24's, CPIM wrapping anything (the page-mode offer carried over MSRP), plus
 * {@code *} for files sent as themselves.
 * <p>
 * Read back from a peer's answer, such a line means the peer takes RFC 5547 offers over that
 * transport; SipDrop's own feature tag ({@link org.sipdrop.sip.SipCapabilities}) says more and
 * is preferred when present.
 */
final class FileTransferCapability {

    private static final SecureRandom IDS = new SecureRandom();

    private FileTransferCapability() {
    }

    /**
     * @param contact this agent's Contact URI, whose host becomes the (arbitrary, RFC 3264 §9)
     *                origin and connection address
     * @param schemes the transports running here
     * @return the SDP body, or empty when no MSRP transport runs (nothing to advertise)
     */
    static Optional<SipBody> describe(String contact, TransferService service) {
        java.util.Map<String, String> protos = new java.util.LinkedHashMap<>();
        for (String s : Transports.schemes(service, Carriage.Kind.SESSION)) {
            Transports.protoOf(service, s).ifPresent(p -> protos.put(s, p));
        }
        return describe(contact, protos);
    }

    /**
     * @param protos the session transports running here: scheme to SDP proto, in order
     * @return the SDP body, or empty when none runs
     */
    static Optional<SipBody> describe(String contact, java.util.Map<String, String> protos) {
        List<MediaDescription> media = new ArrayList<>();
        for (String proto : new java.util.LinkedHashSet<>(protos.values())) {
            {
                media.add(MediaDescription.builder(MediaDescription.MEDIA_MESSAGE, 0, proto, "*")
                        .attribute("accept-types", "message/cpim *").attribute("accept-wrapped-types", "*")
                        .attribute(Attribute.flag("file-selector")).build());
            }
        }
        if (media.isEmpty()) {
            return Optional.empty();
        }
        String host = host(contact);
        String id = Long.toString(Math.floorMod(IDS.nextLong(), 1_000_000_000_000_000_000L)); // at most 18 digits
        Sdp.Builder sdp = Sdp.builder(Origin.of("-", id, id, host)).sessionName("-")
                .connection(ConnectionData.of(host)).timing(new Field('t', "0 0"));
        media.forEach(sdp::media);
        return Optional.of(new SipBody("application/sdp", SdpWriter.toBytes(sdp.build())));
    }

    /**
     * @return the schemes whose {@code m=message} line in the peer's capability SDP carries
     *         {@code a=file-selector}, in the peer's order; empty for any other or no body
     */
    static List<String> schemes(Optional<SipBody> answerBody, Function<String, Optional<String>> schemeOfProto) {
        List<String> out = new ArrayList<>();
        if (answerBody.isEmpty() || !"application/sdp".equals(answerBody.get().mediaType())) {
            return out;
        }
        Sdp sdp;
        try {
            sdp = SdpParser.withDefaults().parse(answerBody.get().content());
        } catch (SdpException e) {
            return out;
        }
        for (MediaDescription m : sdp.media()) {
            if (MediaDescription.MEDIA_MESSAGE.equals(m.media()) && m.hasAttribute("file-selector")) {
                String scheme = schemeOfProto.apply(m.proto()).orElse(null);
                if (scheme != null && !out.contains(scheme)) {
                    out.add(scheme);
                }
            }
        }
        return out;
    }

    /** @return the host of a SIP URI such as {@code sip:alice@[::1]:5071;transport=tcp} */
    static String host(String sipUri) {
        String s = sipUri.replaceFirst("^[a-zA-Z]+:", "");
        s = s.substring(s.indexOf('@') + 1);
        int end = s.length();
        for (char c : new char[] {';', '?', '>'}) {
            int i = s.indexOf(c);
            if (i >= 0) {
                end = Math.min(end, i);
            }
        }
        s = s.substring(0, end);
        if (s.startsWith("[")) {
            return s.substring(1, s.indexOf(']'));
        }
        int colon = s.indexOf(':');
        return colon >= 0 ? s.substring(0, colon) : s;
    }
}
