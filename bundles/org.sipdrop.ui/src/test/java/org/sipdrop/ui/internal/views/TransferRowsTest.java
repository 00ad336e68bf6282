package org.sipdrop.ui.internal.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.TransferState;
import org.sipdrop.ui.internal.transfers.FakeTransfer;
import org.sipdrop.ui.internal.transfers.TransferRecord;

class TransferRowsTest {

    private final TransferRows rows = new TransferRows();
    private final TransferRecord earlier = record("earlier");
    private final FakeTransfer running = new FakeTransfer("now-1", FileOffer.builder("b.txt", 5).build(), "sip:bob@x", Direction.OUTGOING);
    private final FakeTransfer finished = new FakeTransfer("now-2", FileOffer.builder("c.txt", 5).build(), "sip:bob@x", Direction.OUTGOING);

    @Test
    void earlierSessionsComeFirstAndAFinishedTransferOfThisSessionShowsOnceLive() {
        assertTrue(rows.add(running));
        assertTrue(rows.add(finished));
        assertFalse(rows.add(running), "a transfer is followed once");
        finished.move(TransferState.COMPLETED);
        assertEquals(List.of(earlier, running, finished), rows.rows(List.of(earlier, record("now-2"))));
    }

    @Test
    void removedRowsStayHiddenAndClearingHidesOnlyWhatIsFinished() {
        rows.add(running);
        rows.add(finished);
        finished.move(TransferState.FAILED);
        rows.remove(List.of("earlier"));
        assertEquals(List.of(running, finished), rows.rows(List.of(earlier)));
        rows.removeFinished();
        assertEquals(List.of(running), rows.rows(List.of()));
        assertEquals(List.of(running, finished), rows.all(), "still known, to stop following them");
    }

    private static TransferRecord record(String id) {
        return new TransferRecord(id, id + ".txt", "sip:carol@x", Direction.INCOMING, "msrp", 5, 5, TransferState.COMPLETED, "",
                "", Instant.parse("2026-12-06T09:00:00Z"));
    }
}
