package org.sipdrop.ui.internal.send;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.sipdrop.negotiation.FileTransferAgent;
import org.sipdrop.negotiation.SendOptions;
import org.sipdrop.transfer.AcceptancePolicy;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.ui.internal.transfers.FakeTransfer;

/**
 * An agent that records every call it gets, as {@code method [recipients] [files] via scheme},
 * and answers with one OFFERED transfer per file and recipient; or fails like an agent with no
 * common transport when {@link #refuse} is set.
 */
final class RecordingAgent implements FileTransferAgent {

    final List<String> calls = new ArrayList<>();
    String refuse;
    SendOptions lastOptions;

    @Override
    public List<Transfer> send(String to, List<Path> files, SendOptions options) throws IOException {
        return record("send", List.of(to), files, options);
    }

    @Override
    public List<Transfer> sendToAll(List<String> recipients, List<Path> files, SendOptions options) throws IOException {
        return record("sendToAll", recipients, files, options);
    }

    private List<Transfer> record(String method, List<String> recipients, List<Path> files, SendOptions options) throws IOException {
        lastOptions = options;
        calls.add(method + " " + recipients + " " + files.stream().map(p -> p.getFileName().toString()).toList() + " via "
                + options.via());
        if (refuse != null) {
            throw new IOException(refuse);
        }
        List<Transfer> out = new ArrayList<>();
        for (Path f : files) {
            for (String to : recipients) {
                out.add(new FakeTransfer(to + f, FileOffer.builder(f.getFileName().toString(), 1).build(), to, Direction.OUTGOING));
            }
        }
        return out;
    }

    @Override
    public Transfer request(String from, FileOffer wanted, SendOptions options) {
        throw new UnsupportedOperationException("the send path only sends");
    }

    @Override
    public Transfer request(String from, String name, SendOptions options) {
        throw new UnsupportedOperationException("the send path only sends");
    }

    @Override
    public void onOffer(AcceptancePolicy prompt) {
    }

    @Override
    public void onIncoming(Consumer<Transfer> listener) {
    }

    @Override
    public List<Transfer> transfers() {
        return List.of();
    }

    @Override
    public void close() {
    }
}
