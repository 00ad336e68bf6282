package org.sipdrop.ui.internal.contacts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.sipdrop.negotiation.FileTransferAgent;
import org.sipdrop.negotiation.SendOptions;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.ui.internal.prefs.PreferenceKeys;
import org.sipdrop.ui.internal.session.WorkbenchSession;

/**
 * Offers files to a contact from the Contacts view (file dialog, drop) as a background job:
 * hashing and the offer happen off the UI thread; the transfers then move on by themselves
 * and show in the Transfers view. A failure before the offer (not signed in, unreadable file,
 * no common transport) ends the job with that reason.
 */
public final class ContactSender {

    private ContactSender() {
    }

    /** @return the scheduled job; its result is the outcome of the offer */
    public static Job send(Optional<WorkbenchSession> session, String to, List<Path> files) {
        Job job = Job.create("Sending " + describe(files) + " to " + to, (IProgressMonitor monitor) -> offer(session, to, files));
        job.setUser(false);
        job.schedule();
        return job;
    }

    static IStatus offer(Optional<WorkbenchSession> session, String to, List<Path> files) {
        Optional<FileTransferAgent> agent = session.flatMap(WorkbenchSession::agent);
        if (agent.isEmpty()) {
            String why = session.flatMap(WorkbenchSession::failure).orElse("SipDrop is not signed in yet");
            return Status.error("Cannot send to " + to + ": " + why);
        }
        List<Path> notFiles = files.stream().filter(f -> !Files.isRegularFile(f)).collect(Collectors.toList());
        if (!notFiles.isEmpty()) {
            return Status.error("Only files can be sent, not " + notFiles.stream().map(Path::toString).collect(Collectors.joining(", ")));
        }
        try {
            List<Transfer> offered = agent.get().send(to, files, SendOptions.defaults());
            return new Status(IStatus.OK, PreferenceKeys.NODE, "Offered " + offered.size() + " file(s) to " + to);
        } catch (IOException | IllegalArgumentException e) {
            return Status.error("Cannot send " + describe(files) + " to " + to + ": " + e.getMessage(), e);
        }
    }

    private static String describe(List<Path> files) {
        return files.size() == 1 ? String.valueOf(files.get(0).getFileName()) : files.size() + " files";
    }
}
