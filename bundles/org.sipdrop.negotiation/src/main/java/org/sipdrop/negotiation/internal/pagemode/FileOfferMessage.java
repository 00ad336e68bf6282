package org.sipdrop.negotiation.internal.pagemode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.sipdrop.negotiation.internal.sdp.FileOfferMapping;
import org.sipdrop.negotiation.internal.sdp.FileSelector;
import org.sipdrop.negotiation.internal.sdp.SdpException;
import org.sipdrop.transfer.FileOffer;

/**
 * The page-mode file offer SipDrop sends in a SIP MESSAGE (RFC 3428), and what it reads back.
 * On the wire:
 *
 * <pre>
 * Content-Type: Message/CPIM                                            (RFC 3862, RFC 5438 §7.1)
 *
 * From: &lt;sip:alice@example.com&gt;
 * To: &lt;sip:bob@example.com&gt;
 * DateTime: 2026-11-26T10:00:00Z
 * NS: imdn &lt;urn:ietf:params:imdn&gt;
 * imdn.Message-ID: 9kRf...                                               (correlates the IMDN)
 * imdn.Disposition-Notification: positive-delivery, negative-delivery
 *
 * Content-Type: multipart/mixed; boundary=sipdrop-...                   (RFC 2046 §5.1.3)
 *
 * --sipdrop-...
 * Content-Type: message/external-body; access-type=URL;                 (RFC 4483 §5, RFC 2017)
 *  URL="https://store/dav/7kq...pdf";                                   (URL-words, RFC 2017 §3.1)
 *  expiration="Fri, 27 Nov 2026 10:00:00 GMT"; size=52234;
 *  hash=72245FE8...                                                    (SHA-1, RFC 4483 §5.12)
 *
 * Content-Type: application/pdf
 * Content-ID: &lt;uuid@host&gt;
 * Content-Disposition: attachment; filename="report.pdf"; modification-date="..."; hash="sha-1:72:24:..."
 *
 * --sipdrop-...
 * Content-Type: application/vnd.sipdrop.file-selector                   (the file metadata, below)
 *
 * a=file-selector:name:"report.pdf" type:application/pdf size:52234 hash:sha-1:72:24:...
 * a=file-date:modification:"Wed, 25 Nov 2026 09:00:00 GMT"
 * --sipdrop-...
 * Content-Type: application/vnd.gsma.rcs-ft-http+xml                    (optional, for RCS clients)
 *
 * &lt;file xmlns="urn:gsma:params:xml:ns:rcs:rcs:fthttp"&gt;...&lt;/file&gt;
 * --sipdrop-...--
 * </pre>
 *
 * <h2>The file metadata part</h2>
 * {@value #SELECTOR_TYPE} holds SDP attribute lines with exactly the RFC 5547 §6 syntax:
 * {@code a=file-selector} (name, type, size, hash: the identity of the file, RFC 5547 §8.1) and,
 * when known, {@code a=file-date}. It repeats what the external-body's phantom headers say in
 * MIME terms, in the syntax SipDrop's INVITE offers use, so both offer forms describe a file the
 * same way; when present it is authoritative, and an external-body disagreeing with it on the
 * size makes the offer unusable. A receiver that does not know the part ignores it (RFC 2046
 * §5.1.3: unrecognised parts of multipart/mixed are treated as application/octet-stream).
 *
 * <h2>The RCS part</h2>
 * The GSMA FT-HTTP body ({@link RcsFtHttpCodec}) is added when the sender asks for it (an RCS
 * client such as linphone among the recipients); SipDrop reads it only when no external-body
 * is present. Parsing also accepts a bare external-body, a bare FT-HTTP body, and all of these
 * with or without the CPIM wrapper, as other clients send them.
 */
public final class FileOfferMessage {

    /** Media type of the file metadata part. */
    public static final String SELECTOR_TYPE = "application/vnd.sipdrop.file-selector";

    private final ExternalBody external;
    private final CpimMessage request;

    private FileOfferMessage(ExternalBody external, CpimMessage request) {
        this.external = Objects.requireNonNull(external, "external");
        this.request = request;
    }

    /** @return where and what: URL, expiry, size, type, name, hash */
    public ExternalBody external() {
        return external;
    }

    /** @return the imdn.Message-ID, if the offer came in CPIM with one */
    public Optional<String> messageId() {
        return request == null ? Optional.empty() : request.messageId();
    }

    /** @return the CPIM DateTime, which an IMDN repeats (RFC 5438 §11.1.2) */
    public Optional<Instant> dateTime() {
        return request == null ? Optional.empty() : request.dateTime();
    }

    /**
     * The delivery notification to send for this outcome, if the sender asked for one (RFC 5438
     * §7.2.1, {@link CpimMessage#asksFor}): {@code delivered} only when it asked for
     * {@code positive-delivery}, any failure only when it asked for {@code negative-delivery}. The
     * notification names the offer's Message-ID and DateTime (§11.1.1, §11.1.2) and the CPIM To
     * of the offer as recipient (§11.1.3).
     *
     * @param code   a SIP-style reason code (100-699) carried in linphone's extension, or null
     * @param reason its text, or null
     * @return empty when the sender did not ask for this notification
     */
    public Optional<Imdn> notification(Imdn.Status status, Integer code, String reason) {
        if (request == null || !request.asksFor(Imdn.Kind.DELIVERY, status)) {
            return Optional.empty();
        }
        String recipient = request.to().uri();
        return Optional.of(new Imdn(request.messageId().orElseThrow(), request.dateTime().orElseThrow(), recipient,
                recipient, Imdn.Kind.DELIVERY, status, code != null && code >= 100 && code <= 699 ? code : null,
                reason == null ? null : reason.replaceAll("[\\x00-\\x1f]", " ")));
    }

    /** A formatted MESSAGE body. */
    public record Built(String contentType, byte[] body) {
    }

    /**
     * Formats the offer of {@code offer} stored at {@code e.url()}, asking for positive and
     * negative delivery notifications under {@code messageId}.
     *
     * @param withRcs whether to add the GSMA FT-HTTP part
     */
    public static Built format(String fromUri, String toUri, String messageId, Instant now, FileOffer offer, ExternalBody e,
            boolean withRcs, MultipartCodec multipart) {
        List<MultipartCodec.Part> parts = new ArrayList<>();
        parts.add(new MultipartCodec.Part(MimeHeaders.builder().addFolded("Content-Type", ExternalBodyCodec.contentType(e)).build(),
                ExternalBodyCodec.body(e)));
        StringBuilder selector = new StringBuilder("a=file-selector:").append(FileOfferMapping.selectorOf(offer).format())
                .append("\r\n");
        FileOfferMapping.dateOf(offer).ifPresent(d -> selector.append("a=file-date:").append(d.format()).append("\r\n"));
        parts.add(MultipartCodec.Part.of(SELECTOR_TYPE, selector.toString().getBytes(StandardCharsets.UTF_8)));
        if (withRcs) {
            RcsFileInfo info = RcsFileInfo.of(offer, e.url(), e.expiration().orElse(null));
            parts.add(MultipartCodec.Part.of(RcsFtHttpCodec.MEDIA_TYPE, new RcsFtHttpCodec().format(new RcsFtHttpCodec.Body(info, null))));
        }
        MultipartCodec.Built mixed = multipart.format(parts);
        CpimMessage cpim = new CpimMessage(new CpimMessage.Address(null, fromUri), new CpimMessage.Address(null, toUri), now,
                messageId, EnumSet.of(CpimMessage.Disposition.POSITIVE_DELIVERY, CpimMessage.Disposition.NEGATIVE_DELIVERY),
                MimeHeaders.builder().add("Content-Type", mixed.contentType()).build(), mixed.body());
        return new Built(CpimCodec.MEDIA_TYPE, CpimCodec.format(cpim));
    }

    /**
     * The offer as RCS clients take it: a CPIM message whose payload is only the GSMA FT-HTTP body
     * (linphone refuses multipart payloads). No notification is requested: an RCS client's
     * "delivered" would mean the offer arrived, not that the file was fetched.
     */
    public static Built formatRcs(String fromUri, String toUri, Instant now, FileOffer offer, ExternalBody e) {
        RcsFileInfo info = RcsFileInfo.of(offer, e.url(), e.expiration().orElse(null));
        CpimMessage cpim = new CpimMessage(new CpimMessage.Address(null, fromUri), new CpimMessage.Address(null, toUri), now,
                null, java.util.Set.of(), MimeHeaders.builder().add("Content-Type", RcsFtHttpCodec.MEDIA_TYPE).build(),
                new RcsFtHttpCodec().format(new RcsFtHttpCodec.Body(info, null)));
        return new Built(CpimCodec.MEDIA_TYPE, CpimCodec.format(cpim));
    }

    /** @return whether a MESSAGE of this type may be a file offer (worth {@link #parse}) */
    public static boolean mayBeOffer(String mediaType) {
        String t = mediaType.toLowerCase(java.util.Locale.ROOT);
        return t.equals("message/cpim") || t.startsWith("multipart/") || t.equals(ExternalBodyCodec.MEDIA_TYPE)
                || t.equals(RcsFtHttpCodec.MEDIA_TYPE);
    }

    /**
     * Reads an offer.
     *
     * @return empty when the body is well-formed but offers no file (e.g. a CPIM text message)
     * @throws PageModeException when the body is a file offer SipDrop cannot use, with the reason
     */
    public static Optional<FileOfferMessage> parse(String contentType, byte[] body) throws PageModeException {
        MimeValue ct = MimeValue.parse(contentType);
        if (ct.is(CpimCodec.MEDIA_TYPE)) {
            CpimMessage cpim = CpimCodec.parse(body);
            Optional<ExternalBody> e = content(cpim.contentType(), cpim.content());
            return e.map(x -> new FileOfferMessage(x, cpim));
        }
        return content(contentType, body).map(x -> new FileOfferMessage(x, null));
    }

    private static Optional<ExternalBody> content(String contentType, byte[] body) throws PageModeException {
        MimeValue ct = MimeValue.parse(contentType);
        if (ct.is(ExternalBodyCodec.MEDIA_TYPE)) {
            return Optional.of(ExternalBodyCodec.parse(contentType, body));
        }
        if (ct.is(RcsFtHttpCodec.MEDIA_TYPE)) {
            return Optional.of(fromRcs(new RcsFtHttpCodec().parse(body).file()));
        }
        if (!ct.value().toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
            return Optional.empty();
        }
        ExternalBody external = null;
        RcsFileInfo rcs = null;
        FileSelector selector = null;
        for (MultipartCodec.Part p : new MultipartCodec().parse(contentType, body)) {
            MimeValue t = MimeValue.parse(p.contentType());
            if (t.is(ExternalBodyCodec.MEDIA_TYPE)) {
                if (external != null) {
                    throw new PageModeException("The offer holds more than one message/external-body part; SipDrop offers one file per MESSAGE");
                }
                external = ExternalBodyCodec.parse(p.contentType(), p.content());
            } else if (t.is(SELECTOR_TYPE)) {
                selector = selector(p.content());
            } else if (t.is(RcsFtHttpCodec.MEDIA_TYPE)) {
                rcs = new RcsFtHttpCodec().parse(p.content()).file();
            }
        }
        if (external == null) {
            return rcs == null ? Optional.empty() : Optional.of(fromRcs(rcs));
        }
        return Optional.of(selector == null ? external : merge(external, selector));
    }

    private static FileSelector selector(byte[] content) throws PageModeException {
        String text = MimeHeaders.decodeText(content, StandardCharsets.UTF_8);
        for (String line : text.split("\r?\n")) {
            if (line.startsWith("a=file-selector:")) {
                try {
                    return FileSelector.parse(line.substring("a=file-selector:".length()).strip());
                } catch (SdpException e) {
                    throw new PageModeException("Bad a=file-selector in the offer: " + e.reason(), e);
                }
            }
        }
        throw new PageModeException("The " + SELECTOR_TYPE + " part has no a=file-selector line (RFC 5547 §6)");
    }

    /** The selector (RFC 5547 §8.1 identity) wins; a size or SHA-1 that differs from the external-body's is refused. */
    private static ExternalBody merge(ExternalBody e, FileSelector s) throws PageModeException {
        if (s.size().isPresent() && e.size().isPresent() && s.size().getAsLong() != e.size().getAsLong()) {
            throw new PageModeException("The offer says " + e.size().getAsLong() + " bytes in the external-body but "
                    + s.size().getAsLong() + " in its file-selector");
        }
        ExternalBody.Builder b = ExternalBody.builder(e.url()).disposition(e.disposition());
        e.expiration().ifPresent(b::expiration);
        e.contentId().ifPresent(b::contentId);
        e.description().ifPresent(b::description);
        e.modified().ifPresent(b::modified);
        b.size(s.size().isPresent() ? s.size().getAsLong() : e.size().orElse(-1));
        b.mediaType(s.mediaType().orElse(e.mediaType()));
        Optional<String> name = s.name().or(e::fileName);
        name.ifPresent(b::fileName);
        Optional<String> selectorSha = s.hash().filter(h -> FileSelector.SHA_1.equals(s.hashAlgorithm().orElse("")))
                .map(java.util.HexFormat.of()::formatHex);
        if (selectorSha.isPresent() && e.sha1Hex().isPresent() && !selectorSha.get().equals(e.sha1Hex().get())) {
            throw new PageModeException("The offer gives the SHA-1 " + e.sha1Hex().get() + " in the external-body "
                    + "(RFC 4483 §5.12) but " + selectorSha.get() + " in its file-selector (RFC 5547 §6); refused, "
                    + "since the download could match at most one");
        }
        Optional<String> sha = selectorSha.or(e::sha1Hex);
        sha.ifPresent(b::sha1Hex);
        try {
            return b.build();
        } catch (IllegalArgumentException x) {
            throw new PageModeException("Unusable offer: " + x.getMessage(), x);
        }
    }

    private static ExternalBody fromRcs(RcsFileInfo f) throws PageModeException {
        FileOffer o = f.toOffer();
        try {
            ExternalBody.Builder b = ExternalBody.builder(f.url()).size(o.size()).mediaType(o.mediaType()).fileName(o.name());
            f.until().ifPresent(b::expiration);
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new PageModeException("Unusable RCS file offer: " + e.getMessage(), e);
        }
    }
}
