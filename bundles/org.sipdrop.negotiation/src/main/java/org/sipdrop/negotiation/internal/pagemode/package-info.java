/**
 * Page-mode file offer bodies: what a SIP MESSAGE carries when a file is offered by reference
 * to a storage rather than negotiated in SDP.
 * <ul>
 * <li>{@link org.sipdrop.negotiation.internal.pagemode.ExternalBodyCodec}: RFC 4483 content
 * indirection, {@code message/external-body; access-type="URL"} (RFC 2017, RFC 2046 §5.2.3);</li>
 * <li>{@link org.sipdrop.negotiation.internal.pagemode.MultipartCodec}: small
 * {@code multipart/mixed} bodies (RFC 2046 §5.1) with collision-free boundaries;</li>
 * <li>{@link org.sipdrop.negotiation.internal.pagemode.RcsFtHttpCodec}: the GSMA RCS
 * FT-over-HTTP body {@code application/vnd.gsma.rcs-ft-http+xml} that linphone uses;</li>
 * <li>{@link org.sipdrop.negotiation.internal.pagemode.ImdnCodec} and
 * {@link org.sipdrop.negotiation.internal.pagemode.CpimCodec}: RFC 5438 disposition
 * notifications and the RFC 3862 CPIM wrapper whose {@code imdn.*} headers request them.</li>
 * </ul>
 *
 * <h2>Where the file metadata travels: decision</h2>
 * Everything a receiver needs to decide travels in the external-body itself, in standard fields,
 * so one part suffices and any RFC 4483 receiver understands most of it:
 * <ul>
 * <li>URL, expiry and size: the {@code URL}, {@code expiration} and {@code size} parameters
 * (RFC 2017, RFC 2046 §5.2.3, RFC 4483 §5);</li>
 * <li>media type and version: the phantom {@code Content-Type} and {@code Content-ID}
 * (RFC 4483 §5.6);</li>
 * <li>file name and date: {@code Content-Disposition: attachment; filename="..."} with an
 * RFC 8187 {@code filename*=UTF-8''...} when the name is not plain ASCII (RFC 2183, RFC 6266
 * §4.3), and {@code modification-date} (RFC 2183 §2.5);</li>
 * <li>description: {@code Content-Description} (RFC 2045 §8), RFC 2047-encoded when needed;</li>
 * <li>hash: a {@code hash} parameter on Content-Disposition whose value is RFC 5547 §6 hash
 * syntax, {@code hash="sha-1:72:24:5F:..."}. It reuses RFC 5547's syntax verbatim, SipDrop parses
 * it, and others ignore it: RFC 2183 §2.8 says unrecognised disposition parameters are ignored.</li>
 * </ul>
 * Rejected alternatives: an extra {@code application/sdp} part (an SDP body in a MESSAGE means an
 * offer to receivers that understand it, and nothing to others); a {@code text/plain} part holding
 * the {@code a=file-selector} line (shown verbatim to users of ordinary clients);
 * {@code Content-MD5} (MD5 only, RFC 1864) and {@code X-} headers (not standard).
 * <p>
 * What SipDrop sends ({@link org.sipdrop.negotiation.internal.pagemode.FileOfferMessage}, and
 * docs/content-indirection.md): a {@code Message/CPIM} wrapper requesting delivery notifications,
 * around a {@code multipart/mixed} with the external-body first, then the same metadata in RFC
 * 5547 syntax in an {@code application/vnd.sipdrop.file-selector} part (SDP attribute lines,
 * authoritative when present, ignored by others), then the RCS FT-HTTP body for RCS clients.
 * A bare external-body or a bare FT-HTTP body is read as an offer too.
 *
 * <h2>Declines</h2>
 * RFC 5438 has no "declined": see {@link org.sipdrop.negotiation.internal.pagemode.Imdn}
 * (delivery-notification {@code error} with a 603 Decline reason).
 *
 * <h2>Safety</h2>
 * Header values are refused if they contain CR or LF, and file names and descriptions are
 * encoded (RFC 8187, RFC 2047), so a hostile file name can never add a header. XML bodies are
 * parsed with DOCTYPEs refused (no external entities), secure processing on, and size and depth
 * bounded. Every parser bounds its input and reports failures as
 * {@link org.sipdrop.negotiation.internal.pagemode.PageModeException} naming the field and rule.
 */
package org.sipdrop.negotiation.internal.pagemode;
