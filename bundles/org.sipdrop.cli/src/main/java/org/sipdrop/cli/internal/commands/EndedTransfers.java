package org.sipdrop.cli.internal.commands;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.sipdrop.cli.internal.Command;
import org.sipdrop.cli.internal.CommandFailure;
import org.sipdrop.negotiation.FileTransferAgent;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.Transfer;

/** How {@code receive} and {@code share} wait: each transfer of one direction reported once when it ends. */
final class EndedTransfers {

    private static final long POLL_MILLIS = 100;

    private EndedTransfers() {
    }

    /**
     * Polls {@code agent}'s transfers in {@code direction} until {@code count} of them succeeded or
     * failed (none: until the timeout), handing each ended one to {@code report} once.
     *
     * @param timeout seconds; 0 waits without end
     * @param done what a success did, for the time-out message, e.g. "saved"
     * @param report tells the user; returns true for a success, false for a failure, null for
     *        neither (e.g. an offer this side declined)
     * @return {@link Command#OK} when nothing failed, else {@link Command#FAILED}
     * @throws CommandFailure when {@code count} transfers did not end within the timeout
     */
    static int watch(FileTransferAgent agent, Direction direction, int count, int timeout, String done,
            Function<Transfer, Boolean> report) throws CommandFailure {
        long deadline = timeout > 0 ? System.nanoTime() + Duration.ofSeconds(timeout).toNanos() : Long.MAX_VALUE;
        Set<String> reported = new HashSet<>();
        int succeeded = 0;
        int failed = 0;
        while (count <= 0 || succeeded + failed < count) {
            for (Transfer t : List.copyOf(agent.transfers())) {
                if (t.direction() != direction || !t.state().isTerminal() || !reported.add(t.id())) {
                    continue;
                }
                Boolean ok = report.apply(t);
                if (ok != null) {
                    succeeded += ok ? 1 : 0;
                    failed += ok ? 0 : 1;
                }
            }
            if (System.nanoTime() > deadline) {
                if (count > 0) {
                    throw new CommandFailure("timed out after " + timeout + " s with " + succeeded + " of " + count + " files " + done);
                }
                break;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CommandFailure("interrupted");
            }
        }
        return failed == 0 ? Command.OK : Command.FAILED;
    }
}
