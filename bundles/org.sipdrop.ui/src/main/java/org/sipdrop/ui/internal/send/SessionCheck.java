package org.sipdrop.ui.internal.send;

import java.util.Optional;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.sipdrop.negotiation.FileTransferAgent;
import org.sipdrop.ui.internal.session.WorkbenchSession;

/** The agent to send with, or a message telling the user why there is none (not signed in, sign-in failed). */
final class SessionCheck {

    private SessionCheck() {
    }

    static Optional<FileTransferAgent> agent(Optional<WorkbenchSession> session, Shell shell) {
        Optional<FileTransferAgent> agent = session.flatMap(WorkbenchSession::agent);
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
}
