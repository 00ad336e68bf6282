package org.sipdrop.negotiation.internal.sdp;

import org.sipdrop.transfer.FileOffer;

/**
 * What to answer for one offered stream (RFC 3264 §6): accept, possibly only a range of the file
 * (to resume, RFC 5547 §6 file-range) or with the file this side will send for a pull; or reject
 * with port 0.
 */
public final class StreamAnswer {

    private final boolean accepted;
    private final FileRange range;
    private final FileOffer file;

    private StreamAnswer(boolean accepted, FileRange range, FileOffer file) {
        this.accepted = accepted;
        this.range = range;
        this.file = file;
    }

    /** @return accept the stream as offered */
    public static StreamAnswer accept() {
        return new StreamAnswer(true, null, null);
    }

    /** @return accept only {@code range} of the offered file, e.g. the part still missing */
    public static StreamAnswer acceptRange(FileRange range) {
        return new StreamAnswer(true, java.util.Objects.requireNonNull(range, "range"), null);
    }

    /** @return accept a pull and send {@code file}, which must match what the offer asked for (RFC 5547 §8.3.2) */
    public static StreamAnswer send(FileOffer file) {
        return new StreamAnswer(true, null, java.util.Objects.requireNonNull(file, "file"));
    }

    /** @return reject the stream: port 0 in the answer (RFC 3264 §6) */
    public static StreamAnswer reject() {
        return new StreamAnswer(false, null, null);
    }

    public boolean accepted() {
        return accepted;
    }

    /** @return the range to answer, or null for the offered one */
    FileRange range() {
        return range;
    }

    /** @return the file this side sends for a pull, or null */
    FileOffer file() {
        return file;
    }
}
