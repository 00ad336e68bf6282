package org.sipdrop.transfer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The transfers of this user and the transports available to carry them. Transports are
 * {@link TransportProvider} whiteboard services: what this service offers and accepts changes
 * live as transport bundles start and stop.
 */
@ProviderType
public interface TransferService {

    /** @return the registered transports, highest service ranking first */
    List<TransportProvider> transports();

    /** @return every URI scheme some registered transport serves, e.g. {@code [msrp, msrps, http]} */
    Set<String> schemes();

    /** @return the best-ranked transport serving {@code scheme} (case-insensitive), if any */
    Optional<TransportProvider> transport(String scheme);

    /**
     * Picks the scheme to use with a peer: the first of {@code preference} that both sides
     * support, or else the scheme of the best-ranked local transport the peer supports.
     *
     * @param peerSchemes what the peer said it supports (OPTIONS, presence, SDP)
     * @param preference the user's order of preference; may be empty
     * @return the scheme, or empty when there is no common transport
     */
    Optional<String> chooseScheme(Collection<String> peerSchemes, List<String> preference);

    /** @return every transfer this service knows, oldest first */
    List<Transfer> transfers();

    /** @return the transfer with this {@link Transfer#id()}, if known */
    Optional<Transfer> transfer(String id);

    /**
     * Creates the state machine of a transfer, OFFERED, for the engine that drives it (negotiation:
     * SDP offers, content indirection). It is not yet in {@link #transfers()}: {@link #track} it
     * when the user should see it.
     *
     * @param file the local file (the one sent; null for a file still to receive)
     * @param onCancel run once when a user cancels, to stop the transport; may be a no-op
     * @since 0.2
     */
    TransferControl newTransfer(String id, FileOffer offer, String peer, Direction direction, Path file, Runnable onCancel);

    /**
     * Makes a transfer created by the negotiation layer known: it appears in
     * {@link #transfers()} and {@link TransferServiceListener#transferAdded} fires. Tracking the
     * same transfer twice is a no-op.
     *
     * @since 0.1 (added with the file-transfer engine; the package is not released yet)
     */
    void track(Transfer transfer);

    /**
     * Describes a file for an offer: name, media type, size, modification date and SHA-1
     * (RFC 5547 §6 file-selector). The SHA-1 is computed once per file version and cached, so
     * offering the same unchanged file again costs no second read.
     *
     * @param hashed told the bytes hashed so far while the file is read (not called when the
     *        hash is cached), so a caller can show progress instead of a silent pause
     * @throws IOException when the file is not a readable regular file
     * @since 0.1
     */
    FileOffer describe(Path file, LongConsumer hashed) throws IOException;

    /**
     * Builds the receiver's policy from the settings a user writes (command line, preferences).
     *
     * @param mode {@code ask}, {@code all}, {@code none} or {@code from:alice@example.org,bob@example.org}
     *        (full addresses: see {@link #acceptancePolicy(String, String, String)} for bare names)
     * @param maxSize the largest file accepted, e.g. {@code 1048576}, {@code 10M}, {@code 1GiB};
     *        null for no limit
     * @throws IllegalArgumentException with the accepted forms when a setting is malformed
     * @since 0.1
     */
    default AcceptancePolicy acceptancePolicy(String mode, String maxSize) {
        return acceptancePolicy(mode, maxSize, null);
    }

    /**
     * Builds the receiver's policy from the settings a user writes, for a receiver whose address
     * of record is on {@code ownDomain}: a bare sender name in {@code from:} ({@code alice}) means
     * {@code alice@ownDomain}, never the same name on another domain.
     *
     * @param mode {@code ask}, {@code all}, {@code none} or {@code from:alice,bob@example.org}
     * @param maxSize the largest file accepted, e.g. {@code 10M}; null for no limit
     * @param ownDomain the host of the receiver's address of record (a port is ignored); null
     *        when unknown, and then bare names are refused with a message asking for full addresses
     * @throws IllegalArgumentException with the accepted forms when a setting is malformed
     * @since 0.2
     */
    AcceptancePolicy acceptancePolicy(String mode, String maxSize, String ownDomain);

    void addListener(TransferServiceListener listener);

    void removeListener(TransferServiceListener listener);
}
