package org.sipdrop.transfer;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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

    void addListener(TransferServiceListener listener);

    void removeListener(TransferServiceListener listener);
}
