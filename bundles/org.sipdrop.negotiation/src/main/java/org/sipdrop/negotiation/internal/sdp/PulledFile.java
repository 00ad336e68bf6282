package org.sipdrop.negotiation.internal.sdp;

import java.util.OptionalLong;

import org.sipdrop.transfer.FileOffer;

/**
 * The requester's reading of the file holder's answer to a pull (RFC 5547 §8.2.2, §8.3.2): which
 * file is coming, put together from what the request asked for and what the answer adds. The
 * holder SHOULD add the hash and MAY add the type, and is RECOMMENDED to leave the name and size
 * out (§8.3.2; Fig. 16 of §9.2 has type and hash only), so:
 * <ul>
 * <li>the name is the one asked for (an answered name agrees with it, {@link AnswerValidator});</li>
 * <li>the size is the answer's size selector, else the stop of an answered {@code a=file-range}
 * that starts at octet 1, else the size asked for; when none is known the answer is refused
 * ({@link FileOfferMapping#UNKNOWN_SIZE});</li>
 * <li>the type and sha-1 are the answer's, else those asked for;</li>
 * <li>an answered {@code a=file-range} must cover the whole file: the request has none, which
 * means {@code 1-*} (RFC 5547 §6).</li>
 * </ul>
 */
public final class PulledFile {

    private PulledFile() {
    }

    /**
     * @param requested the file asked for (its name and transfer id are kept)
     * @param sizeRequested whether the request named the size ({@code requested.size()} is
     *        meaningless otherwise)
     * @param answered the holder's accepted stream, already checked against the request by
     *        {@link AnswerValidator}
     * @return the file that will arrive
     * @throws SdpException 488 when the answer does not let this side receive the file
     */
    public static FileOffer describe(FileOffer requested, boolean sizeRequested, FileStream answered) throws SdpException {
        FileSelector s = answered.selector();
        if (s == null || s.isEmpty()) {
            throw SdpException.notAcceptable("the answer's file-selector selects no file (RFC 5547 §6)");
        }
        long size = sizeOf(sizeRequested ? OptionalLong.of(requested.size()) : OptionalLong.empty(), s, answered.range());
        FileOffer file = FileOfferMapping.describe(requested.name(), size, s, answered);
        FileOffer.Builder b = file.toBuilder().transferId(requested.transferId().orElse(null));
        if (s.mediaType().isEmpty()) {
            b.mediaType(requested.mediaType());
        }
        if (file.sha1().isEmpty()) {
            requested.sha1().ifPresent(b::sha1);
        }
        return b.build();
    }

    private static long sizeOf(OptionalLong asked, FileSelector s, FileRange range) throws SdpException {
        OptionalLong size = s.size().isPresent() ? s.size() : asked;
        if (asked.isPresent() && size.getAsLong() != asked.getAsLong()) {
            throw SdpException.notAcceptable("the answer's size " + size.getAsLong() + " is not the requested "
                    + asked.getAsLong() + " (RFC 5547 §8.3.2)");
        }
        if (range != null) {
            if (range.start() != 1) {
                throw SdpException.notAcceptable("the answer's file-range " + range
                        + " is not the whole file asked for (no a=file-range means 1-*, RFC 5547 §6)");
            }
            if (range.stopOctet().isPresent()) {
                if (size.isPresent() && size.getAsLong() != range.stop()) {
                    throw SdpException.notAcceptable("the answer's file-range " + range + " is not the whole file of "
                            + size.getAsLong() + " octets asked for (RFC 5547 §6)");
                }
                size = range.stopOctet();
            }
        }
        if (size.isEmpty()) {
            throw SdpException.notAcceptable("neither the request nor the answer gives the file's size: " + FileOfferMapping.UNKNOWN_SIZE);
        }
        return size.getAsLong();
    }
}
