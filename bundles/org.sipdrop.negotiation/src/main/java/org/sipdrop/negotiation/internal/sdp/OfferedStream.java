package org.sipdrop.negotiation.internal.sdp;

/**
 * One m= line of a received offer: the stream if it is an acceptable file transfer, else why not.
 *
 * @param index the m= line's position in the offer, from 0
 * @param stream the stream's attributes, or null if the m= line is no MSRP stream at all
 * @param problem why it cannot be accepted (a 488 reason), or null if it can
 */
public record OfferedStream(int index, FileStream stream, SdpException problem) {

    /** @return whether this stream can be accepted */
    public boolean acceptable() {
        return problem == null;
    }

    /** @return whether the offerer sends the file (push, RFC 5547 §8.2.1) rather than asks for it */
    public boolean isPush() {
        return stream != null && stream.direction() == StreamDirection.SENDONLY;
    }
}
