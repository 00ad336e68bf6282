package org.sipdrop.ui.internal.session;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.sipdrop.negotiation.FileTransferAgent;
import org.sipdrop.presence.PresenceClient;
import org.sipdrop.transfer.Transfer;

/**
 * The workbench's signed-in SipDrop user: one SIP registration, its file-transfer agent and
 * its presence client, built from the preferences (and the embedded server when the
 * preferences say so). Registered as an OSGi service by the UI bundle; views, handlers and
 * dialogs reach it through {@link org.sipdrop.ui.internal.ServiceAccess} and never touch
 * protocol code themselves.
 * <p>
 * Shared contract between the Contacts/preferences side (which implements it) and the
 * sending/receiving side (Send To, incoming offers, Transfers view), which uses it.
 */
public interface WorkbenchSession {

    /** Where the session stands; listeners hear every change. */
    enum State { SIGNED_OUT, SIGNING_IN, SIGNED_IN, FAILED }

    /** @return the current state */
    State state();

    /** @return why the last sign-in failed, when {@link #state()} is FAILED */
    Optional<String> failure();

    /** @return this user's address of record, e.g. {@code sip:alice@127.0.0.1} */
    String self();

    /** @return the transfer agent while signed in */
    Optional<FileTransferAgent> agent();

    /**
     * @return whether {@code transfer} is this user's: the current agent made it. Other agents in
     *         the same process (a second user in a test) have their own.
     */
    default boolean owns(Transfer transfer) {
        return agent().map(a -> a.transfers().contains(transfer)).orElse(false);
    }

    /** @return the presence client while signed in */
    Optional<PresenceClient> presence();

    /**
     * Where accepted files land before the workbench moves them into the workspace: the
     * agent's download folder. The receiving side copies or links them into the chosen
     * workspace folder and refreshes it.
     */
    Path downloadFolder();

    /** @return the contacts' addresses of record, as stored in the preferences */
    List<String> contacts();

    /**
     * Signs out and in again with the current preferences (after a preference change), on the
     * session's own thread. The state is {@link State#SIGNING_IN} from the moment this returns:
     * nobody who asks afterwards takes the sign-in about to end for the new one (a send through
     * an agent about to close, a wait for {@link State#SIGNED_IN} that ends at once).
     *
     * @return completes, never exceptionally, with the state the new sign-in ends in:
     *         {@link State#SIGNED_IN} or {@link State#FAILED}; at once with the current state when
     *         the session has gone away (and restarts no more)
     */
    CompletableFuture<State> restart();

    /** Told on every state change, on a non-UI thread; use Display.asyncExec to touch widgets. */
    void addStateListener(Consumer<State> listener);

    void removeStateListener(Consumer<State> listener);
}
