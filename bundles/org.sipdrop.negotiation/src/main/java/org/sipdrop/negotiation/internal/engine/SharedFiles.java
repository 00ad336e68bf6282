package org.sipdrop.negotiation.internal.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.sipdrop.negotiation.internal.sdp.FileOfferMapping;
import org.sipdrop.negotiation.internal.sdp.FileSelector;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.TransferService;

/**
 * The files an agent serves to pulls, and which of them a requested file-selector names
 * (RFC 5547 §8.3.2: the holder answers with a file that satisfies every selector of the
 * request). Only listed files are ever candidates; name and size are checked before a file is
 * hashed, so a request does not make the holder hash every shared file.
 */
final class SharedFiles {

    /** A shared file and its description, SHA-1 included. */
    record Match(Path file, FileOffer offer) {
    }

    private final TransferService service;
    private final List<Path> shared;

    SharedFiles(TransferService service, List<Path> shared) {
        this.service = service;
        this.shared = shared;
    }

    /** @return the first shared file that satisfies {@code wanted}, or empty */
    Optional<Match> find(FileSelector wanted) throws IOException {
        for (Path file : shared) {
            if (!candidate(file, wanted)) {
                continue;
            }
            FileOffer offer = service.describe(file, hashed -> { });
            if (FileOfferMapping.selectorOf(offer).satisfies(wanted)) {
                return Optional.of(new Match(file, offer));
            }
        }
        return Optional.empty();
    }

    private static boolean candidate(Path file, FileSelector wanted) throws IOException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            return false;
        }
        if (wanted.name().isPresent() && !wanted.name().get().equals(String.valueOf(file.getFileName()))) {
            return false;
        }
        return wanted.size().isEmpty() || wanted.size().getAsLong() == Files.size(file);
    }
}
