package org.sipdrop.negotiation.internal.engine;

import java.util.Objects;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sipdrop.negotiation.AgentSettings;
import org.sipdrop.negotiation.FileTransferAgent;
import org.sipdrop.negotiation.FileTransferAgentFactory;
import org.sipdrop.sip.SipUserAgent;
import org.sipdrop.transfer.ReceivedFileStore;
import org.sipdrop.transfer.TransferService;

/** The DS factory of file-transfer agents: every agent shares the TransferService and the store. */
@Component(service = FileTransferAgentFactory.class)
public final class FileTransferAgentFactoryImpl implements FileTransferAgentFactory {

    private final TransferService service;
    private final ReceivedFileStore store;

    @Activate
    public FileTransferAgentFactoryImpl(@Reference TransferService service, @Reference ReceivedFileStore store) {
        this.service = Objects.requireNonNull(service, "service");
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public FileTransferAgent create(SipUserAgent userAgent, AgentSettings settings) {
        return new FileTransferAgentImpl(service, store, Objects.requireNonNull(userAgent, "userAgent"),
                Objects.requireNonNull(settings, "settings"));
    }
}
