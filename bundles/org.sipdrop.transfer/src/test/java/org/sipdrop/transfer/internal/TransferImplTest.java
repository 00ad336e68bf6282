package org.sipdrop.transfer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferFailure;
import org.sipdrop.transfer.TransferListener;
import org.sipdrop.transfer.TransferState;

class TransferImplTest {

    private final AtomicInteger cancels = new AtomicInteger();
    private final TransferImpl transfer = new TransferImpl("t1", FileOffer.builder("a.txt", 100).build(),
            "sip:bob@127.0.0.1", Direction.OUTGOING, null, cancels::incrementAndGet);

    @Test
    void listenersSeeEveryStateChangeAndProgress() {
        List<String> events = new ArrayList<>();
        transfer.addListener(new TransferListener() {
            @Override
            public void stateChanged(Transfer t, TransferState previous) {
                events.add(previous + ">" + t.state());
            }

            @Override
            public void progress(Transfer t, long bytes) {
                events.add(String.valueOf(bytes));
            }
        });
        transfer.moveTo(TransferState.ACCEPTED);
        transfer.moveTo(TransferState.TRANSFERRING);
        transfer.progress(40);
        transfer.progress(30);
        transfer.progress(100);
        transfer.moveTo(TransferState.COMPLETED);
        assertEquals(List.of("OFFERED>ACCEPTED", "ACCEPTED>TRANSFERRING", "40", "100", "TRANSFERRING>COMPLETED"), events);
    }

    @Test
    void illegalTransitionIsRefusedWithBothStatesNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> transfer.moveTo(TransferState.COMPLETED));
        assertEquals("Transfer t1 cannot move from OFFERED to COMPLETED", e.getMessage());
    }

    @Test
    void rejectionKeepsTheReasonForTheSender() {
        transfer.fail(TransferState.REJECTED, new TransferFailure(603, "Decline"));
        assertEquals("603 Decline", transfer.failure().orElseThrow().toString());
        assertThrows(IllegalArgumentException.class, () -> transfer.moveTo(TransferState.FAILED));
    }

    @Test
    void progressBeyondTheFileIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> transfer.progress(101));
    }

    @Test
    void cancelStopsTheTransportOnceAndIsIdempotent() {
        transfer.cancel();
        transfer.cancel();
        assertEquals(TransferState.CANCELLED, transfer.state());
        assertEquals(1, cancels.get());
    }

    @Test
    void aFailingListenerDoesNotStopOthers() {
        List<TransferState> seen = new ArrayList<>();
        transfer.addListener(new TransferListener() {
            @Override
            public void stateChanged(Transfer t, TransferState previous) {
                throw new IllegalStateException("boom");
            }
        });
        transfer.addListener(new TransferListener() {
            @Override
            public void stateChanged(Transfer t, TransferState previous) {
                seen.add(t.state());
            }
        });
        transfer.moveTo(TransferState.ACCEPTED);
        assertEquals(List.of(TransferState.ACCEPTED), seen);
    }
}
