package org.sipdrop.negotiation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.osgi.annotation.versioning.ProviderType;
import org.sipdrop.transfer.AcceptancePolicy;
import org.sipdrop.transfer.Transfer;

/**
 * Sends and receives files for one SIP user: push offers (RFC 5547 §8.2.1, one {@code sendonly}
 * m= line per file in one INVITE) and their answers. Every file becomes a {@link Transfer},
 * also tracked by the {@link org.sipdrop.transfer.TransferService}.
 */
@ProviderType
public interface FileTransferAgent extends AutoCloseable {

    /**
     * Offers {@code files} to {@code to} in one INVITE and, once answered, sends the accepted
     * ones. Returns when the offer is sent: the transfers are {@code OFFERED} then and move on
     * by themselves; watch them with {@link Transfer#addListener}.
     *
     * @param to a SIP URI, or a user name in this account's domain
     * @throws IOException when a file cannot be read or there is no common transport; nothing
     *         was sent then
     */
    List<Transfer> send(String to, List<Path> files, SendOptions options) throws IOException;

    /**
     * Who answers offers the {@link AgentSettings#policy() policy} leaves to the user
     * ({@link org.sipdrop.transfer.Decision.Kind#ASK}): a prompt on a terminal, a notification
     * in the workbench. It may block; it runs on the agent's own thread, never a SIP thread.
     * It should answer ACCEPT or REJECT; without a prompt such offers are declined (603).
     */
    void onOffer(AcceptancePolicy prompt);

    /** Told about every incoming transfer this agent accepted, before its bytes move. */
    void onIncoming(Consumer<Transfer> listener);

    /** @return this agent's transfers, oldest first */
    List<Transfer> transfers();

    /** Stops answering offers; transfers in flight are cancelled. */
    @Override
    void close();
}
