package org.sipdrop.ui.internal.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipdrop.negotiation.FileTransferAgent;
import org.sipdrop.negotiation.SendOptions;
import org.sipdrop.transfer.AcceptancePolicy;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.ui.internal.transfers.FakeTransfer;

class OutboxTest {

    @TempDir
    Path dir;

    @Test
    void oneToManySendsOneOfferPerRecipientWithAllFilesAndTheChosenTransport() throws IOException {
        Path a = Files.writeString(dir.resolve("a.txt"), "a");
        Path b = Files.writeString(dir.resolve("b.txt"), "bb");
        RecordingAgent agent = new RecordingAgent();
        Outbox.Result r = new Outbox(agent).send(new SendRequest(List.of(a, b), List.of("sip:bob@x", "sip:carol@x"), "MSRP"),
                (f, n, s) -> { }, () -> false);
        assertEquals(List.of("sip:bob@x [a.txt, b.txt] via msrp", "sip:carol@x [a.txt, b.txt] via msrp"), agent.calls);
        assertEquals(4, r.transfers().size());
        assertEquals(Map.of(), r.failures());
    }

    @Test
    void aRecipientThatCannotBeOfferedToDoesNotStopTheOthers() throws IOException {
        Path a = Files.writeString(dir.resolve("a.txt"), "a");
        RecordingAgent agent = new RecordingAgent();
        agent.refuse = "sip:bob@x";
        Outbox.Result r = new Outbox(agent).send(new SendRequest(List.of(a), List.of("sip:bob@x", "sip:carol@x"), SendOptions.AUTO),
                (f, n, s) -> { }, () -> false);
        assertEquals(1, r.transfers().size());
        assertEquals(Map.of("sip:bob@x", "no common transport with sip:bob@x"), r.failures());
        assertEquals("sip:carol@x [a.txt] via auto", agent.calls.get(1));
    }

    @Test
    void nothingMoreIsOfferedOnceCancelled() throws IOException {
        Path a = Files.writeString(dir.resolve("a.txt"), "a");
        RecordingAgent agent = new RecordingAgent();
        Outbox.Result r = new Outbox(agent).send(new SendRequest(List.of(a), List.of("sip:bob@x"), SendOptions.AUTO),
                (f, n, s) -> { }, () -> true);
        assertEquals(List.of(), agent.calls);
        assertTrue(r.failures().get("sip:bob@x").contains("cancelled"));
    }

    @Test
    void aRequestWithoutFileOrContactOrWithAMissingFileIsRefusedBeforeAnythingIsSent() throws IOException {
        Path a = Files.writeString(dir.resolve("a.txt"), "a");
        assertThrows(IllegalArgumentException.class, () -> new SendRequest(List.of(), List.of("sip:bob@x"), "auto"));
        assertThrows(IllegalArgumentException.class, () -> new SendRequest(List.of(a), List.of(), "auto"));
        assertThrows(IllegalArgumentException.class, () -> new SendRequest(List.of(dir.resolve("gone.txt")), List.of("sip:bob@x"), "auto"));
        assertThrows(IllegalArgumentException.class, () -> new SendRequest(List.of(dir), List.of("sip:bob@x"), "auto"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SendRequest(List.of(a), List.of("bob"), "auto"));
        assertTrue(e.getMessage().contains("sip:user@host"), e.getMessage());
    }

    @Test
    void theMessageGoesWithEveryOfferAndAMultiLineOneIsRefused() throws IOException {
        Path a = Files.writeString(dir.resolve("a.txt"), "a");
        RecordingAgent agent = new RecordingAgent();
        new Outbox(agent).send(new SendRequest(List.of(a), List.of("sip:bob@x"), "auto", " see page 3 "), (f, n, s) -> { },
                () -> false);
        assertEquals(java.util.Optional.of("see page 3"), agent.lastOptions.message());
        assertThrows(IllegalArgumentException.class,
                () -> new SendRequest(List.of(a), List.of("sip:bob@x"), "auto", "two\nlines"));
    }

    @Test
    void describesTheRequestForTheProgressView() throws IOException {
        Path a = Files.writeString(dir.resolve("a.txt"), "a");
        Path b = Files.writeString(dir.resolve("b.txt"), "b");
        assertEquals("a.txt to sip:bob@x", new SendRequest(List.of(a, a), List.of("sip:bob@x"), "auto").describe());
        assertEquals("2 files to 2 contacts", new SendRequest(List.of(a, b), List.of("sip:bob@x", "sip:c@x"), "auto").describe());
    }

    /** Records what it is asked to send; refuses one recipient like an agent without a common transport. */
    private static final class RecordingAgent implements FileTransferAgent {
        final List<String> calls = new ArrayList<>();
        String refuse;
        SendOptions lastOptions;

        @Override
        public List<Transfer> send(String to, List<Path> files, SendOptions options) throws IOException {
            lastOptions = options;
            calls.add(to + " " + files.stream().map(p -> p.getFileName().toString()).toList() + " via " + options.via());
            if (to.equals(refuse)) {
                throw new IOException("no common transport with " + to);
            }
            List<Transfer> out = new ArrayList<>();
            for (Path f : files) {
                out.add(new FakeTransfer(to + f, FileOffer.builder(f.getFileName().toString(), 1).build(), to, Direction.OUTGOING));
            }
            return out;
        }

        @Override
        public Transfer request(String from, FileOffer wanted, SendOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Transfer request(String from, String name, SendOptions options) {
            throw new UnsupportedOperationException("the outbox only sends");
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
}
