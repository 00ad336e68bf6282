package org.sipdrop.negotiation.internal.sdp;

import java.util.Optional;

import org.sipdrop.transfer.FileOffer;

/**
 * Maps between the transfer API's {@link FileOffer} and the RFC 5547 attributes of one stream:
 * name, type, size and hash to the file-selector (RFC 5547 §6), the modification date to
 * file-date, the transfer id to file-transfer-id (RFC 5547 §8.1), the description to the
 * media-level {@code i=} line (RFC 4566 §5.4).
 */
public final class FileOfferMapping {

    private FileOfferMapping() {
    }

    /** @return the file-selector that describes {@code file}: name, type, size and (if known) sha-1 */
    public static FileSelector selectorOf(FileOffer file) {
        return FileSelector.of(file.name(), file.mediaType(), file.size(),
                file.sha1().isPresent() ? FileSelector.SHA_1 : null, file.sha1().orElse(null));
    }

    /**
     * @return the file-date of {@code file}, if its modification time is known and RFC 5322 can
     *         write it (a four-digit year): a file stamped beyond 9999 is offered without a date
     *         rather than with one no peer, SipDrop included, can read back
     */
    public static Optional<FileDate> dateOf(FileOffer file) {
        return file.modified().filter(FileDate::writable).map(FileDate::modified);
    }

    /**
     * Builds the {@link FileOffer} a push offer's stream describes. The name is optional in a
     * push offer (RFC 5547 §8.2.1: the sender "MAY also add a 'name' selector"), so a stream
     * without one gets {@link #fallbackName}.
     *
     * @throws SdpException 488 when the selector lacks the size this side needs to receive the
     *         file (RFC 5547 §8.2.1 lets the sender leave it out; see {@link #UNKNOWN_SIZE}), or
     *         when the name holds control characters (they survive percent-decoding, RFC 5547 §6,
     *         but could forge lines in a user interface or a log)
     */
    public static FileOffer toFileOffer(FileStream stream) throws SdpException {
        FileSelector s = stream.selector();
        if (s == null || s.isEmpty()) {
            throw SdpException.notAcceptable("the file-selector selects no file (RFC 5547 §6)");
        }
        if (s.size().isEmpty()) {
            throw SdpException.notAcceptable("the file-selector has no size: " + UNKNOWN_SIZE);
        }
        return describe(s.name().orElseGet(() -> fallbackName(stream.transferId())), s.size().getAsLong(), s, stream);
    }

    /**
     * Why a file of unknown size is refused. RFC 5547 lets a push offer (§8.2.1) and a pull
     * answer (§8.3.2) leave the size out, the receiver learning it from the transfer itself (the
     * MSRP Byte-Range total, RFC 4975 §7.1.1); here the transfer API's {@link FileOffer} and the
     * transports need the size before the first byte.
     */
    public static final String UNKNOWN_SIZE = "this side cannot receive a file of unknown size yet";

    /**
     * @return the name a file gets whose offer names none: from its file-transfer-id, a token
     *         (RFC 5547 §6), so safe as a file name
     */
    public static String fallbackName(String transferId) {
        return "file-" + (transferId == null ? "unnamed" : transferId);
    }

    /**
     * @return the file called {@code name} of {@code size} octets, with the type and sha-1 of
     *         {@code s} and the date, transfer id and description of {@code stream}
     * @throws SdpException 488 when the name holds control characters or the file cannot be described
     */
    static FileOffer describe(String name, long size, FileSelector s, FileStream stream) throws SdpException {
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            throw SdpException.notAcceptable("the file name holds control characters: " + SdpException.quote(name));
        }
        FileOffer.Builder b = FileOffer.builder(name, size).transferId(stream.transferId())
                .description(stream.information());
        s.mediaType().ifPresent(b::mediaType);
        byte[] sha1 = s.hashes().get(FileSelector.SHA_1);
        if (sha1 != null) {
            b.sha1(sha1);
        }
        if (stream.date() != null) {
            stream.date().modificationTime().ifPresent(t -> b.modified(t.toInstant()));
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw SdpException.notAcceptable("cannot describe the offered file: " + e.getMessage());
        }
    }
}
