package org.sipdrop.ui.internal.send;

import java.time.Duration;
import java.util.Optional;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.custom.BusyIndicator;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.sipdrop.negotiation.FileTransferAgent;
import org.sipdrop.ui.internal.session.WorkbenchSession;

/**
 * The agent to send with, or a message telling the user why there is none (not signed in,
 * sign-in failed). A sign-in under way (the workbench starting, or OK in the preferences a
 * moment ago) is waited for, a bounded time with a busy cursor, rather than answered with a
 * dialog asking to try again.
 */
final class SessionCheck {

    /** How long a send waits for a sign-in under way: longer than a registration may take. */
    static final Duration SIGN_IN_WAIT = Duration.ofSeconds(20);

    private SessionCheck() {
    }

    static Optional<FileTransferAgent> agent(Optional<WorkbenchSession> session, Shell shell) {
        Display display = Display.getCurrent();
        if (display != null) {
            session.filter(s -> s.state() == WorkbenchSession.State.SIGNING_IN).ifPresent(s -> awaitSignIn(s, display));
        }
        Optional<FileTransferAgent> agent = session.filter(s -> s.state() == WorkbenchSession.State.SIGNED_IN)
                .flatMap(WorkbenchSession::agent);
        if (agent.isEmpty()) {
            String why = session.map(s -> s.state() == WorkbenchSession.State.FAILED
                    ? "Signing in failed: " + s.failure().orElse("no reason given") + ". Check Window ▸ Preferences ▸ SipDrop."
                    : "SipDrop is " + s.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                            + "; try again once signed in.")
                    .orElse("The SipDrop session is not running.");
            MessageDialog.openInformation(shell, "Send File", "Cannot send now. " + why);
        }
        return agent;
    }

    /** Keeps the UI responsive (events dispatched) until the sign-in ends or {@link #SIGN_IN_WAIT} passes. */
    private static void awaitSignIn(WorkbenchSession session, Display display) {
        long deadline = System.nanoTime() + SIGN_IN_WAIT.toNanos();
        BusyIndicator.showWhile(display, () -> {
            while (session.state() == WorkbenchSession.State.SIGNING_IN && System.nanoTime() < deadline) {
                while (display.readAndDispatch()) {
                    // drain
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        });
    }
}
