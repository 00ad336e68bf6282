package org.sipdrop.ui.internal.receive;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.core.runtime.IPath;
import org.sipdrop.transfer.AcceptancePolicy;
import org.sipdrop.transfer.Decision;
import org.sipdrop.transfer.FileOffer;

/**
 * The workbench's answer to offers the acceptance policy leaves to the user
 * ({@link Decision.Kind#ASK}): shows a notification and waits, on the agent's thread, for
 * Accept, Reject or Save As…. An offer nobody answers within the wait is declined (SIP 603,
 * RFC 3261 §21.6.2) before the sender's own answer timeout ends the INVITE.
 */
final class OfferPrompt implements AcceptancePolicy {

    /** Shows the notification for one offer; completes the future with the user's reply. */
    @FunctionalInterface
    interface Notifier {
        /**
         * @return something that closes the notification, run when the wait is over unanswered;
         *         null when nothing can be shown (no workbench)
         */
        Runnable show(String sender, FileOffer offer, CompletableFuture<OfferReply> reply);
    }

    private final Notifier notifier;
    private final Destinations<IPath> destinations;
    private final Duration wait;

    /** @param wait how long an offer waits for the user; keep it below the senders' answer timeout (120 s by default) */
    OfferPrompt(Notifier notifier, Destinations<IPath> destinations, Duration wait) {
        this.notifier = notifier;
        this.destinations = destinations;
        this.wait = wait;
    }

    @Override
    public Decision decide(String sender, FileOffer offer) {
        CompletableFuture<OfferReply> reply = new CompletableFuture<>();
        Runnable close = notifier.show(sender, offer, reply);
        if (close == null) {
            return Decision.reject(Decision.DECLINE, "Nobody at the workbench to accept files");
        }
        OfferReply answer;
        try {
            answer = reply.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            close.run();
            return Decision.reject(Decision.DECLINE, "Not answered within " + wait.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close.run();
            return Decision.reject(Decision.DECLINE, "The receiver is shutting down");
        } catch (ExecutionException e) {
            close.run();
            return Decision.reject(Decision.DECLINE, "The notification failed: " + e.getCause().getMessage());
        }
        if (!answer.accepted()) {
            return Decision.reject(Decision.DECLINE, "Declined by the user");
        }
        answer.saveAs().ifPresent(path -> destinations.remember(sender, offer, path));
        return Decision.accept();
    }
}
