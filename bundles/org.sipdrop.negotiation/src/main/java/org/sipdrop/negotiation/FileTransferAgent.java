package org.sipdrop.negotiation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.osgi.annotation.versioning.ProviderType;
import org.sipdrop.transfer.AcceptancePolicy;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.Transfer;

/**
 * Sends and receives files for one SIP user: push offers (RFC 5547 §8.2.1, one {@code sendonly}
 * m= line per file in one INVITE), pull requests (RFC 5547 §8.2.2, a {@code recvonly} m= line
 * naming a file the peer shares) and the answers to both. Every file becomes a {@link Transfer},
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
     * Sends {@code files} to every one of {@code recipients}. Over a storage ({@code via http} or
     * {@code https}) each file is uploaded once, whatever the number of recipients, and each
     * recipient gets its own MESSAGE offer (RFC 4483) and answers with a disposition notification
     * (RFC 5438); the result has one transfer per file and recipient, recipient by recipient. Over
     * MSRP each recipient gets its own INVITE, as with {@link #send}.
     *
     * @throws IOException when nothing could be sent at all; a recipient who cannot be reached
     *         gets a FAILED transfer instead
     * @since 0.1 (added with the HTTP storage transport; the default sends one by one)
     */
    default List<Transfer> sendToAll(List<String> recipients, List<Path> files, SendOptions options) throws IOException {
        List<Transfer> all = new java.util.ArrayList<>();
        for (String to : recipients) {
            all.addAll(send(to, files, options));
        }
        return all;
    }

    /**
     * Requests a file {@code from} shares (a pull, RFC 5547 §8.2.2): one INVITE with a
     * {@code recvonly} stream whose file-selector is taken from {@code wanted} (name, size, the
     * type unless it is the default, and the SHA-1 if known; e.g. from an earlier announcement).
     * The holder answers {@code sendonly} with the file's own selector, which must satisfy the
     * request and carry its SHA-1 (RFC 5547 §8.3.2), and sends the bytes; they are saved into
     * the {@link AgentSettings#downloadFolder() download folder} as pushed files are, the hash
     * checked while writing. A refusal ends the transfer REJECTED with the holder's status and
     * reason (e.g. 404 when it does not share that file).
     *
     * @param from a SIP URI, or a user name in this account's domain
     * @return the transfer, INCOMING and OFFERED; it moves on by itself
     * @throws IOException when there is no common transport; nothing was sent then
     */
    Transfer request(String from, FileOffer wanted, SendOptions options) throws IOException;

    /**
     * Requests the file {@code from} shares under {@code name}, its size, type and hash unknown
     * here: the pull offer's file-selector names only the file (RFC 5547 §8.2.2); the holder's
     * answer tells the rest, and the bytes are checked against the SHA-1 it gives, as for
     * {@link #request(String, FileOffer, SendOptions)}.
     *
     * @return the transfer, INCOMING and OFFERED; its {@link Transfer#offer()} shows size 0
     *         until the holder answers
     * @throws IOException when there is no common transport; nothing was sent then
     * @since 0.1 (added for {@code sipdrop pull})
     */
    Transfer request(String from, String name, SendOptions options) throws IOException;

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
