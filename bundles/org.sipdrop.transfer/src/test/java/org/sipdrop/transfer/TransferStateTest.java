package org.sipdrop.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;

class TransferStateTest {

    @Test
    void onlyAFailedTransferCanBeResumed() {
        for (TransferState s : TransferState.values()) {
            assertEquals(s == TransferState.FAILED, s.canMoveTo(TransferState.OFFERED), s.name());
        }
    }

    @Test
    void completedRejectedAndCancelledAreFinal() {
        for (TransferState s : EnumSet.of(TransferState.COMPLETED, TransferState.REJECTED, TransferState.CANCELLED)) {
            assertTrue(s.isTerminal());
            assertTrue(s.successors().isEmpty(), s.name());
        }
    }

    @Test
    void bytesOnlyMoveAfterAcceptance() {
        assertFalse(TransferState.OFFERED.canMoveTo(TransferState.TRANSFERRING));
        assertTrue(TransferState.ACCEPTED.canMoveTo(TransferState.TRANSFERRING));
        assertFalse(TransferState.OFFERED.canMoveTo(TransferState.COMPLETED));
    }

    @Test
    void rejectionNeedsASipErrorStatus() {
        Decision d = Decision.reject(Decision.NOT_ACCEPTABLE_HERE, "File too large");
        assertEquals("488 File too large", d.reason().orElseThrow().toString());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Decision.reject(200, "OK"));
    }
}
