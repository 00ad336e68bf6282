package org.sipdrop.transfer.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;

import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.sipdrop.transfer.AcceptancePolicy;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferService;
import org.sipdrop.transfer.TransferServiceListener;
import org.sipdrop.transfer.TransportProvider;
import org.sipdrop.transfer.internal.meta.FileHasher;
import org.sipdrop.transfer.internal.meta.FileOffers;
import org.sipdrop.transfer.internal.policy.ByteSizes;
import org.sipdrop.transfer.internal.policy.PolicySyntax;

/**
 * The transfer service: tracks the {@link TransportProvider} whiteboard live and keeps the
 * user's transfers. Transfers are added by the negotiation layer through {@link #track}. Offers are
 * described with one {@link FileHasher} per service, so a file's SHA-1 is read once per version
 * whichever user agent offers it.
 */
@Component(service = { TransferService.class, TransferServiceImpl.class })
public final class TransferServiceImpl implements TransferService {

    private static final System.Logger LOG = System.getLogger(TransferServiceImpl.class.getName());

    private final TransportRegistry registry = new TransportRegistry();
    private final List<TransferServiceListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Transfer> transfers = new ConcurrentHashMap<>();
    private final List<String> order = new CopyOnWriteArrayList<>();
    private final FileOffers offers = new FileOffers(new FileHasher());

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addTransport(TransportProvider provider, Map<String, Object> properties) {
        Set<String> schemes = TransportRegistry.schemesOf(properties.get(TransportProvider.SCHEME_PROPERTY));
        int ranking = properties.get(Constants.SERVICE_RANKING) instanceof Integer
                ? (Integer) properties.get(Constants.SERVICE_RANKING) : 0;
        long id = properties.get(Constants.SERVICE_ID) instanceof Long ? (Long) properties.get(Constants.SERVICE_ID) : 0L;
        if (registry.add(new TransportRegistry.Entry(provider, schemes, ranking, id))) {
            transportsChanged();
        } else {
            LOG.log(System.Logger.Level.WARNING, "Ignoring transport " + provider.getClass().getName()
                    + ": it has no " + TransportProvider.SCHEME_PROPERTY + " service property");
        }
    }

    void removeTransport(TransportProvider provider) {
        if (registry.remove(provider)) {
            transportsChanged();
        }
    }

    private void transportsChanged() {
        for (TransferServiceListener l : listeners) {
            try {
                l.transportsChanged(this);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "A transfer service listener failed", e);
            }
        }
    }

    @Override
    public org.sipdrop.transfer.TransferControl newTransfer(String id, org.sipdrop.transfer.FileOffer offer, String peer,
            org.sipdrop.transfer.Direction direction, java.nio.file.Path file, Runnable onCancel) {
        return new TransferImpl(id, offer, peer, direction, file, onCancel);
    }

    @Override
    public void track(Transfer transfer) {
        Transfer known = transfers.putIfAbsent(transfer.id(), transfer);
        if (known == transfer) {
            return;
        }
        if (known != null) {
            throw new IllegalArgumentException("Another transfer with id " + transfer.id() + " exists already");
        }
        order.add(transfer.id());
        for (TransferServiceListener l : listeners) {
            try {
                l.transferAdded(transfer);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "A transfer service listener failed", e);
            }
        }
    }

    @Override
    public FileOffer describe(Path file, LongConsumer hashed) throws IOException {
        return offers.of(Objects.requireNonNull(file, "file"), Objects.requireNonNull(hashed, "hashed"));
    }

    @Override
    public AcceptancePolicy acceptancePolicy(String mode, String maxSize, String ownDomain) {
        return PolicySyntax.parseMode(mode, ownDomain).maxSize(maxSize == null ? -1 : ByteSizes.parse(maxSize)).build();
    }

    @Override
    public List<TransportProvider> transports() {
        return registry.providers();
    }

    @Override
    public Set<String> schemes() {
        return registry.schemes();
    }

    @Override
    public Optional<TransportProvider> transport(String scheme) {
        return registry.forScheme(Objects.requireNonNull(scheme, "scheme"));
    }

    @Override
    public Optional<String> chooseScheme(Collection<String> peerSchemes, List<String> preference) {
        return registry.choose(peerSchemes, preference);
    }

    @Override
    public List<Transfer> transfers() {
        List<Transfer> all = new ArrayList<>();
        order.forEach(id -> Optional.ofNullable(transfers.get(id)).ifPresent(all::add));
        return all;
    }

    @Override
    public Optional<Transfer> transfer(String id) {
        return Optional.ofNullable(transfers.get(id));
    }

    @Override
    public void addListener(TransferServiceListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeListener(TransferServiceListener listener) {
        listeners.remove(listener);
    }
}
