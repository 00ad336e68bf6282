package org.sipdrop.negotiation.internal.sdp;

import org.sipdrop.transfer.FileOffer;

/**
 * The requester's reading of the file holder's answer to a pull (RFC 5547 §8.2.2, §8.3.2): which
 * file is coming, put together from what the request asked for and what the answer adds.
 */
public final class PulledFile {

    private PulledFile() {
    }

    /**
     * @param requested the file asked for (its transfer id is kept)
     * @param sizeRequested whether the request named the size
     * @param answered the holder's accepted stream
     * @return the file that will arrive
     * @throws SdpException 488 when the answer does not let this side receive the file
     */
    public static FileOffer describe(FileOffer requested, boolean sizeRequested, FileStream answered) throws SdpException {
        FileOffer file = FileOfferMapping.toFileOffer(answered);
        if (file.sha1().isEmpty()) {
            throw SdpException.notAcceptable("the answer names no sha-1, so the file cannot be verified (RFC 5547 §8.3.2)");
        }
        if (sizeRequested && file.size() != requested.size()) {
            throw SdpException.notAcceptable("The answered size " + file.size() + " differs from the requested " + requested.size());
        }
        return file.toBuilder().transferId(requested.transferId().orElse(null)).build();
    }
}
