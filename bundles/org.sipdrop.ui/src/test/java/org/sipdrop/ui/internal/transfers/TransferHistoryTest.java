package org.sipdrop.ui.internal.transfers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.TransferState;

/** The Transfers view's memory: what a new user expects to still see after restarting the workbench. */
class TransferHistoryTest {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve(TransferHistory.FILE);
    }

    @Test
    void finishedTransfersOutliveARestartWithNamePeerDirectionSizeStateReasonSavedPathAndTime() throws IOException {
        Path sent = Files.writeString(dir.resolve("report, final.pdf"), "numbers");
        FakeTransfer out = new FakeTransfer("t1", FileOffer.builder("report, final.pdf", 7).build(), "sip:bob@x", Direction.OUTGOING);
        out.file(sent);
        out.progressTo(7);
        out.move(TransferState.COMPLETED);
        FakeTransfer in = FakeTransfer.incoming("sip:carol@x", FileOffer.builder("photo.jpg", 2048).build());
        in.move(TransferState.REJECTED);
        Instant at = Instant.parse("2026-12-07T10:15:30Z");

        TransferHistory before = new TransferHistory(new HistoryFile(file()));
        before.put(TransferRecord.of(out, out.file(), at));
        before.put(TransferRecord.of(in, Optional.empty(), at.plusSeconds(60)));

        List<TransferRecord> after = new TransferHistory(new HistoryFile(file())).records(); // the workbench restarted
        assertEquals(List.of(new TransferRecord("t1", "report, final.pdf", "sip:bob@x", Direction.OUTGOING, "msrp", 7, 7,
                TransferState.COMPLETED, "", sent.toString(), at),
                new TransferRecord("in-photo.jpg", "photo.jpg", "sip:carol@x", Direction.INCOMING, "msrp", 2048, 0,
                        TransferState.REJECTED, "", "", at.plusSeconds(60))), after);
    }

    @Test
    void keepsTheNewest200() {
        TransferHistory history = new TransferHistory(new HistoryFile(file()));
        for (int i = 0; i < 205; i++) {
            history.put(record("t" + i, TransferState.COMPLETED));
        }
        List<TransferRecord> kept = new TransferHistory(new HistoryFile(file())).records();
        assertEquals(200, kept.size());
        assertEquals("t5", kept.get(0).id());
        assertEquals("t204", kept.get(199).id());
    }

    @Test
    void aResumedTransferThatEndsAgainIsOneRecordWithItsLastOutcome() {
        TransferHistory history = new TransferHistory(new HistoryFile(file()));
        history.put(record("t1", TransferState.FAILED));
        history.put(record("t2", TransferState.COMPLETED));
        history.put(record("t1", TransferState.COMPLETED));
        assertEquals(List.of("t2 COMPLETED", "t1 COMPLETED"),
                history.records().stream().map(r -> r.id() + " " + r.state()).toList());
    }

    @Test
    void clearAndRemoveForgetOnDiskToo() {
        TransferHistory history = new TransferHistory(new HistoryFile(file()));
        history.put(record("t1", TransferState.COMPLETED));
        history.put(record("t2", TransferState.CANCELLED));
        history.put(record("t3", TransferState.FAILED));
        List<Integer> told = new ArrayList<>();
        history.addListener(() -> told.add(1));

        history.remove(List.of("t2"));
        assertEquals(List.of("t1", "t3"), new TransferHistory(new HistoryFile(file())).records().stream().map(TransferRecord::id).toList());
        history.clear();
        assertEquals(List.of(), new TransferHistory(new HistoryFile(file())).records());
        assertEquals(2, told.size(), "the view is told of each change");
    }

    @Test
    void onlyFinishedTransfersAreKept() {
        TransferHistory history = new TransferHistory(new HistoryFile(file()));
        assertThrows(IllegalArgumentException.class, () -> history.put(record("t1", TransferState.TRANSFERRING)));
    }

    @Test
    void aDamagedHistoryFileLosesOnlyTheEntriesItCannotRead() throws IOException {
        Files.writeString(file(), "count=3\n"
                + "0.id=a\n0.name=a.txt\n0.peer=sip\\:bob@x\n0.direction=OUTGOING\n0.size=1\n0.state=COMPLETED\n0.time=2026-12-07T10\\:00\\:00Z\n"
                + "1.id=b\n1.name=b.txt\n1.direction=SIDEWAYS\n"
                + "2.id=c\n2.name=c.txt\n2.peer=sip\\:bob@x\n2.direction=INCOMING\n2.size=2\n2.state=FAILED\n2.reason=408 Timeout\n"
                + "2.time=2026-12-07T11\\:00\\:00Z\n");
        List<TransferRecord> records = new HistoryFile(file()).load();
        assertEquals(List.of("a", "c"), records.stream().map(TransferRecord::id).toList());
        assertEquals("408 Timeout", records.get(1).reason());
        assertEquals(List.of(), new HistoryFile(dir.resolve("none.properties")).load(), "no file: no history");
    }

    private static TransferRecord record(String id, TransferState state) {
        return new TransferRecord(id, id + ".txt", "sip:bob@x", Direction.OUTGOING, "http", 10, 10, state, "", "",
                Instant.parse("2026-12-07T10:00:00Z"));
    }
}
