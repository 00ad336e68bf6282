package org.sipdrop.ui.internal.send;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.sipdrop.negotiation.FileTransferAgent;
import org.sipdrop.negotiation.SendOptions;
import org.sipdrop.transfer.Transfer;

/**
 * Sends one {@link SendRequest} with the user's agent: one push offer per recipient (one-to-many
 * is several one-to-one offers, RFC 5547 §8.2.1), the files of a request together in one INVITE.
 * A recipient that cannot be offered to (no common transport, unreadable file) does not stop
 * the others; its reason is kept for the user.
 */
public final class Outbox {

    /** What came of a request: the transfers started and, per recipient, why nothing was sent. */
    public static final class Result {
        private final List<Transfer> transfers;
        private final Map<String, String> failures;

        Result(List<Transfer> transfers, Map<String, String> failures) {
            this.transfers = List.copyOf(transfers);
            this.failures = Map.copyOf(failures);
        }

        /** @return the transfers started, OFFERED or later */
        public List<Transfer> transfers() {
            return transfers;
        }

        /** @return recipient → reason, for the recipients nothing was sent to */
        public Map<String, String> failures() {
            return failures;
        }
    }

    private final FileTransferAgent agent;

    public Outbox(FileTransferAgent agent) {
        this.agent = agent;
    }

    /**
     * @param hashing told the hashing progress of each file before its first offer goes out
     * @param cancelled asked between recipients; once true, no further offer is sent
     */
    public Result send(SendRequest request, SendOptions.HashProgress hashing, BooleanSupplier cancelled) {
        SendOptions options = SendOptions.defaults().via(request.transport()).onHashing(hashing)
                .message(request.message().orElse(null));
        List<Transfer> started = new ArrayList<>();
        Map<String, String> failures = new LinkedHashMap<>();
        for (String to : request.recipients()) {
            if (cancelled.getAsBoolean()) {
                failures.put(to, "cancelled before the offer was sent");
                continue;
            }
            try {
                List<Path> files = request.files();
                started.addAll(agent.send(to, files, options));
            } catch (IOException | RuntimeException e) {
                failures.put(to, e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }
        return new Result(started, failures);
    }
}
