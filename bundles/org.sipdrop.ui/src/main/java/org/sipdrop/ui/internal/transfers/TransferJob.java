package org.sipdrop.ui.internal.transfers;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferListener;
import org.sipdrop.transfer.TransferState;
import org.sipdrop.ui.internal.views.TransferColumns;

/**
 * One running transfer as an Eclipse {@link Job}, so it shows in the Progress view with its
 * progress; cancelling the job cancels the transfer. The job ends when the transfer does
 * (completed, rejected, failed or cancelled); a failure or rejection is its result, with the
 * reason the peer gave.
 */
public final class TransferJob extends Job {

    /** Job family of every transfer job, e.g. for {@code Job.getJobManager().find(FAMILY)}. */
    public static final Object FAMILY = TransferJob.class;
    /** How often the job looks at its monitor's cancel flag while waiting for progress. */
    private static final long TICK_MILLIS = 200;
    /** Monitor units for the whole file. */
    private static final int UNITS = 1000;

    private final Transfer transfer;
    private final CountDownLatch over = new CountDownLatch(1);
    private final AtomicLong bytes = new AtomicLong();
    private final TransferListener listener = new TransferListener() {
        @Override
        public void stateChanged(Transfer t, TransferState previous) {
            if (t.state().isTerminal()) {
                over.countDown();
            }
        }

        @Override
        public void progress(Transfer t, long b) {
            bytes.set(b);
        }
    };

    public TransferJob(Transfer transfer) {
        super(title(transfer));
        this.transfer = transfer;
        setUser(false);
        setPriority(LONG);
    }

    static String title(Transfer t) {
        return (t.direction() == Direction.OUTGOING ? "Sending " + t.offer().name() + " to " : "Receiving " + t.offer().name() + " from ")
                + t.peer();
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        transfer.addListener(listener);
        try {
            monitor.beginTask(getName(), UNITS);
            int done = 0;
            while (!transfer.state().isTerminal()) { // ends with the transfer; each wait is bounded
                if (monitor.isCanceled()) {
                    transfer.cancel();
                    return Status.CANCEL_STATUS;
                }
                over.await(TICK_MILLIS, TimeUnit.MILLISECONDS);
                long size = transfer.offer().size();
                long b = Math.max(bytes.get(), transfer.bytesTransferred());
                int now = size == 0 ? 0 : (int) Math.min(UNITS, UNITS * (double) b / size);
                if (now > done) {
                    monitor.worked(now - done);
                    done = now;
                }
                monitor.subTask(subTask(transfer, b));
            }
            return result(transfer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Status.CANCEL_STATUS;
        } finally {
            transfer.removeListener(listener);
            monitor.done();
        }
    }

    private static String subTask(Transfer t, long bytes) {
        if (t.state() == TransferState.OFFERED) {
            return t.direction() == Direction.OUTGOING ? "waiting for " + t.peer() + " to accept" : "waiting for your answer";
        }
        return t.state() == TransferState.ACCEPTED ? "connecting"
                : TransferColumns.size(bytes) + " of " + TransferColumns.size(t.offer().size());
    }

    /** @return OK when completed, CANCEL when cancelled, a warning with the reason when rejected or failed */
    static IStatus result(Transfer t) {
        switch (t.state()) {
        case COMPLETED:
            return Status.OK_STATUS;
        case CANCELLED:
            return Status.CANCEL_STATUS;
        default:
            return Status.warning(title(t) + ": " + TransferColumns.state(t));
        }
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == FAMILY;
    }

    @Override
    protected void canceling() {
        transfer.cancel();
    }

    /** @return the transfer this job follows */
    public Transfer transfer() {
        return transfer;
    }
}
