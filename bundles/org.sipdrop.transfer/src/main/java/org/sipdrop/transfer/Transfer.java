package org.sipdrop.transfer;

import java.nio.file.Path;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One file moving between this user and a peer. Obtained from {@link TransferService}; its
 * state only moves along {@link TransferState#successors()}, and every change is reported to
 * the {@link TransferListener}s.
 */
@ProviderType
public interface Transfer {

    /** @return an identifier unique within this service, stable for the life of the transfer */
    String id();

    /** @return what is (or was) offered */
    FileOffer offer();

    /** @return the other party, a SIP address-of-record such as {@code sip:bob@example.org} */
    String peer();

    /** @return whether this user sends or receives */
    Direction direction();

    /** @return the current state */
    TransferState state();

    /** @return bytes of the file confirmed so far, counting a resumed range's earlier bytes */
    long bytesTransferred();

    /** @return the URI scheme of the transport carrying the bytes, once one is chosen */
    Optional<String> transport();

    /** @return why the transfer was rejected or failed; empty in every other state */
    Optional<TransferFailure> failure();

    /** @return the local file: the source when sending, the saved file once received */
    Optional<Path> file();

    /** Cancels the transfer if it is not already over; a no-op otherwise. */
    void cancel();

    void addListener(TransferListener listener);

    void removeListener(TransferListener listener);
}
