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

    /** @return the file-date of {@code file}, if its modification time is known */
    public static Optional<FileDate> dateOf(FileOffer file) {
        return file.modified().map(FileDate::modified);
    }

    /**
     * Builds the {@link FileOffer} a stream describes.
     *
     * @throws SdpException 488 when the selector lacks the name or size a receiver needs to decide,
     *         or when the name holds control characters (they survive percent-decoding, RFC 5547 §6,
     *         but could forge lines in a user interface or a log)
     */
    public static FileOffer toFileOffer(FileStream stream) throws SdpException {
        FileSelector s = stream.selector();
        if (s == null || s.name().isEmpty()) {
            throw SdpException.notAcceptable("the file-selector has no file name (RFC 5547 §6 name selector)");
        }
        if (s.size().isEmpty()) {
            throw SdpException.notAcceptable("the file-selector has no file size (RFC 5547 §6 size selector)");
        }
        String name = s.name().get();
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            throw SdpException.notAcceptable("the file name holds control characters: " + SdpException.quote(name));
        }
        FileOffer.Builder b = FileOffer.builder(name, s.size().getAsLong()).transferId(stream.transferId())
                .description(stream.information());
        s.mediaType().ifPresent(b::mediaType);
        if (s.hashAlgorithm().filter(FileSelector.SHA_1::equals).isPresent()) {
            b.sha1(s.hash().orElseThrow());
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
