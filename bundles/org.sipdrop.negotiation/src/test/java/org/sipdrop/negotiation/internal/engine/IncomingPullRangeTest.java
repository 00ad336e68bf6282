package org.sipdrop.negotiation.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sipdrop.negotiation.internal.sdp.FileRange;

/** Which requested range a holder serves (RFC 5547 §6, §8.3.2), for the 1931-octet file of Fig. 17 (RFC 5547 §9.2). */
class IncomingPullRangeTest {

    private static final long SIZE = 1931;

    @Test
    void noRangeIsTheWholeFile() throws Exception {
        assertEquals(0, IncomingPull.offsetOf(null, SIZE));
    }

    @Test
    void aRangeToTheEndStartsAtItsFirstOctet() throws Exception {
        assertEquals(1000, IncomingPull.offsetOf(new FileRange(1001, FileRange.TO_END), SIZE));
        assertEquals(1000, IncomingPull.offsetOf(new FileRange(1001, SIZE), SIZE));
        assertEquals(0, IncomingPull.offsetOf(new FileRange(1, SIZE), SIZE));
    }

    /** §8.3.2: a holder that does not send the range "SHOULD reject the transfer of the file". */
    @Test
    void aRangeThisSideCannotSendIsRefusedWith488() {
        for (FileRange r : new FileRange[] { new FileRange(1, 1000), new FileRange(1932, FileRange.TO_END), new FileRange(1, 5000) }) {
            IncomingPull.RefusedException e = assertThrows(IncomingPull.RefusedException.class, () -> IncomingPull.offsetOf(r, SIZE));
            assertEquals(488, e.failure().status());
            assertTrue(e.failure().reason().contains("§8.3.2"), e.failure().reason());
        }
    }
}
