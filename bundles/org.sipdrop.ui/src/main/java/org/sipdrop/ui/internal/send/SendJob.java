package org.sipdrop.ui.internal.send;

import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.MultiStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.sipdrop.negotiation.FileTransferAgent;
import org.sipdrop.ui.internal.views.TransferColumns;

/**
 * Sends a {@link SendRequest} off the UI thread: hashing a large file takes time (shown in the
 * Progress view), then one offer per recipient goes out. Each transfer then has its own
 * {@link org.sipdrop.ui.internal.transfers.TransferJob}. Recipients nothing could be sent to make
 * the result an error naming each one and why.
 */
public final class SendJob extends Job {

    private static final String BUNDLE = "org.sipdrop.ui";

    private final FileTransferAgent agent;
    private final SendRequest request;
    private volatile Outbox.Result result;

    public SendJob(FileTransferAgent agent, SendRequest request) {
        super("Sending " + request.describe());
        this.agent = agent;
        this.request = request;
        setPriority(LONG);
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        SubMonitor sub = SubMonitor.convert(monitor, getName(), 100);
        result = new Outbox(agent).send(request, (file, bytes, size) -> {
            sub.subTask("Computing the SHA-1 of " + file.getFileName() + ": " + TransferColumns.size(bytes) + " of "
                    + TransferColumns.size(size));
        }, monitor::isCanceled);
        sub.done();
        return status(result);
    }

    static IStatus status(Outbox.Result result) {
        if (result.failures().isEmpty()) {
            return Status.OK_STATUS;
        }
        MultiStatus status = new MultiStatus(BUNDLE, 0, "Some files were not offered", null);
        for (Map.Entry<String, String> f : result.failures().entrySet()) {
            status.add(Status.error("Nothing was sent to " + f.getKey() + ": " + f.getValue()));
        }
        return status;
    }

    /** @return what came of the request once the job ran; null before */
    public Outbox.Result result() {
        return result;
    }
}
