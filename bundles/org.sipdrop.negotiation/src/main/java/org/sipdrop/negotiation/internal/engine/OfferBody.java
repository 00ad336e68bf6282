package org.sipdrop.negotiation.internal.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.sipdrop.negotiation.internal.pagemode.MimeHeaders;
import org.sipdrop.negotiation.internal.pagemode.MultipartCodec;
import org.sipdrop.negotiation.internal.pagemode.PageModeException;
import org.sipdrop.negotiation.internal.sdp.SdpException;
import org.sipdrop.sip.SipBody;
import org.sipdrop.transfer.FileIcon;
import org.sipdrop.transfer.FileOffer;

/**
 * The body of an INVITE with a file offer: {@code application/sdp} alone, or, when files carry
 * icons, {@code multipart/mixed} (RFC 2046 §5.1.3) with the SDP first and one image part per
 * icon, each with a {@code Content-ID} (RFC 2392) that the stream's {@code a=file-icon:cid:…}
 * names (RFC 5547 §6, as in its §10.2 example). Reading is strict: the multipart is parsed
 * bounded ({@link MultipartCodec}), exactly one SDP part, and an icon must be an
 * {@code image/*} part of at most {@link FileIcon#MAX_BYTES}.
 */
final class OfferBody {

    private static final String SDP = "application/sdp";

    private final byte[] sdp;
    private final Map<String, MultipartCodec.Part> parts;

    private OfferBody(byte[] sdp, Map<String, MultipartCodec.Part> parts) {
        this.sdp = sdp;
        this.parts = parts;
    }

    /** @return the SDP bytes */
    byte[] sdp() {
        return sdp.clone();
    }

    /** @return one {@code cid:} URL per offer that has an icon (null for the others); null when none has one */
    static List<String> iconUrls(List<FileOffer> offers, RandomGenerator random) {
        if (offers.stream().noneMatch(o -> o.icon().isPresent())) {
            return null;
        }
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < offers.size(); i++) {
            urls.add(offers.get(i).icon().isPresent()
                    ? "cid:icon" + (i + 1) + "." + Long.toUnsignedString(random.nextLong(), 36) + "@sipdrop.invalid" : null);
        }
        return urls;
    }

    /** @return the INVITE body: the SDP alone, or multipart/mixed with the icons named by {@code iconUrls} */
    static SipBody write(byte[] sdp, List<FileOffer> offers, List<String> iconUrls) {
        if (iconUrls == null) {
            return new SipBody(SDP, sdp);
        }
        List<MultipartCodec.Part> parts = new ArrayList<>();
        parts.add(MultipartCodec.Part.of(SDP, sdp));
        for (int i = 0; i < offers.size(); i++) {
            FileIcon icon = offers.get(i).icon().orElse(null);
            if (icon != null) {
                String cid = iconUrls.get(i).substring("cid:".length());
                parts.add(new MultipartCodec.Part(MimeHeaders.builder().add("Content-Type", icon.mediaType())
                        .add("Content-ID", "<" + cid + ">").add("Content-Disposition", "icon").build(), icon.content()));
            }
        }
        MultipartCodec.Built built = new MultipartCodec().format(parts);
        return new SipBody(built.contentType(), built.body());
    }

    /**
     * Reads an INVITE body.
     *
     * @throws SdpException 488 when there is no SDP offer or the multipart body is malformed
     */
    static OfferBody read(Optional<SipBody> body) throws SdpException {
        SipBody b = body.orElseThrow(() -> SdpException.notAcceptable("No SDP offer: a file offer is application/sdp (RFC 5547 §8)"));
        if (SDP.equals(b.mediaType())) {
            return new OfferBody(b.content(), Map.of());
        }
        if (!MultipartCodec.MEDIA_TYPE.equals(b.mediaType())) {
            throw SdpException.notAcceptable("No SDP offer: a file offer is application/sdp, alone or in multipart/mixed"
                    + " with its icons (RFC 5547 §8, §6), not " + b.mediaType());
        }
        List<MultipartCodec.Part> all;
        try {
            all = new MultipartCodec().parse(b.contentType(), b.content());
        } catch (PageModeException e) {
            throw SdpException.notAcceptable("Malformed multipart offer: " + e.getMessage());
        }
        byte[] sdp = null;
        Map<String, MultipartCodec.Part> byId = new HashMap<>();
        for (MultipartCodec.Part p : all) {
            if (SDP.equals(type(p))) {
                if (sdp != null) {
                    throw SdpException.notAcceptable("The multipart offer holds more than one application/sdp part");
                }
                sdp = p.content();
            }
            Optional<String> id = p.headers().first("Content-ID").map(String::trim);
            if (id.isPresent() && id.get().startsWith("<") && id.get().endsWith(">")) {
                byId.put(id.get().substring(1, id.get().length() - 1), p);
            }
        }
        if (sdp == null) {
            throw SdpException.notAcceptable("The multipart offer holds no application/sdp part (RFC 5547 §8)");
        }
        return new OfferBody(sdp, byId);
    }

    /**
     * @param url a stream's {@code a=file-icon} value
     * @return the icon it names
     * @throws SdpException 488 when no body part has that Content-ID, or the part is not an
     *         {@code image/*} of at most {@link FileIcon#MAX_BYTES}
     */
    FileIcon icon(String url) throws SdpException {
        String cid = url.substring("cid:".length());
        cid = java.net.URLDecoder.decode(cid.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8); // RFC 2392 %hh
        MultipartCodec.Part p = parts.get(cid);
        if (p == null) {
            throw SdpException.notAcceptable("a=file-icon:" + url + " names no part of the offer's body (RFC 5547 §6, RFC 2392)");
        }
        try {
            return new FileIcon(type(p), p.content());
        } catch (IllegalArgumentException e) {
            throw SdpException.notAcceptable("Unacceptable file icon " + url + ": " + e.getMessage());
        }
    }

    private static String type(MultipartCodec.Part p) {
        String ct = p.contentType();
        int semi = ct.indexOf(';');
        return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }
}
