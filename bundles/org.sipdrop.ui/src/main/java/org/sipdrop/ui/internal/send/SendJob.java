package org.sipdrop.ui.internal.send;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Shell;
import org.sipdrop.negotiation.FileTransferAgent;
import org.sipdrop.negotiation.SendOptions;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.ui.internal.session.WorkbenchSession;
import org.sipdrop.ui.internal.views.TransferColumns;

/**
 * The workbench's one send path, whoever asks (Send To, the Send dialog, a drop on a contact,
 * the Contacts view's Send File…): a {@link SendRequest} goes to the user's agent in ONE call with
 * the whole recipient list ({@link FileTransferAgent#sendToAll}), off the UI thread. The agent
 * decides how: over a storage ({@code http}) each file is uploaded once for every recipient;
 * over MSRP each recipient gets its own INVITE. Hashing a large file takes time (shown in the
 * Progress view); each transfer then has its own
 * {@link org.sipdrop.ui.internal.transfers.TransferJob}.
 */
public final class SendJob extends Job {

    /** What came of a request: the transfers started, or why nothing could be sent. */
    public record Result(List<Transfer> transfers, Optional<String> failure) {
    }

    private final FileTransferAgent agent;
    private final SendRequest request;
    private volatile Result result;

    public SendJob(FileTransferAgent agent, SendRequest request) {
        super("Sending " + request.describe());
        this.agent = agent;
        this.request = request;
        setPriority(LONG);
    }

    /**
     * Schedules the job with the session's agent, or tells the user (a message on {@code shell})
     * why there is none.
     *
     * @return the scheduled job, empty when not signed in
     */
    public static Optional<SendJob> start(Optional<WorkbenchSession> session, SendRequest request, Shell shell) {
        Optional<SendJob> job = SessionCheck.agent(session, shell).map(agent -> new SendJob(agent, request));
        job.ifPresent(Job::schedule);
        return job;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        if (monitor.isCanceled()) {
            result = new Result(List.of(), Optional.of("cancelled before the offer was sent"));
            return Status.CANCEL_STATUS;
        }
        SubMonitor sub = SubMonitor.convert(monitor, getName(), 100);
        result = send(agent, request, (file, bytes, size) -> sub.subTask("Computing the SHA-1 of " + file.getFileName()
                + ": " + TransferColumns.size(bytes) + " of " + TransferColumns.size(size)));
        sub.done();
        return status(request, result);
    }

    /** Offers the request's files to all its recipients with one agent call. */
    static Result send(FileTransferAgent agent, SendRequest request, SendOptions.HashProgress hashing) {
        SendOptions options = SendOptions.defaults().via(request.transport()).onHashing(hashing)
                .message(request.message().orElse(null));
        try {
            return new Result(List.copyOf(agent.sendToAll(request.recipients(), request.files(), options)), Optional.empty());
        } catch (IOException | RuntimeException e) {
            return new Result(List.of(), Optional.of(e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    static IStatus status(SendRequest request, Result result) {
        return result.failure().<IStatus>map(why -> Status.error("Cannot send " + request.describe() + ": " + why))
                .orElse(Status.OK_STATUS);
    }

    /** @return what came of the request once the job ran; null before */
    public Result result() {
        return result;
    }
}
