package org.sipdrop.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;

class TransportRequestTest {

    private final TransportRequest request = new TransportRequest(FileOffer.builder("a.bin", 1000).build(),
            Direction.OUTGOING, "sip:bob@example.org", "msrp", 0, Map.of("setup", "actpass"));

    @Test
    void answeredFileRangeMovesTheStartForward() {
        request.resumeAt(400);
        assertEquals(400, request.offset());
        request.resumeAt(1000);
        assertEquals(1000, request.offset(), "a file already whole leaves nothing to move");
    }

    @Test
    void resumeNeverGoesBackwardsNorPastTheEnd() {
        request.resumeAt(400);
        assertThrows(IllegalArgumentException.class, () -> request.resumeAt(399));
        assertThrows(IllegalArgumentException.class, () -> request.resumeAt(1001));
    }

    /** RFC 6135 §4.2.2: an actpass offerer learns from the answer whether it connects. */
    @Test
    void answerSettlesAParameterTheOfferLeftOpen() {
        request.settle("setup", "active");
        assertEquals(Map.of("setup", "active"), request.parameters());
    }
}
