package org.sipdrop.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class TransportRequestTest {

    private final TransportRequest request = new TransportRequest(FileOffer.builder("a.bin", 1000).build(),
            Direction.OUTGOING, "sip:bob@example.org", "msrp", 0).with(TransportParameter.SETUP, ConnectionRole.ACTPASS);

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
        request.settle(TransportParameter.SETUP, ConnectionRole.ACTIVE);
        assertEquals(Optional.of(ConnectionRole.ACTIVE), request.get(TransportParameter.SETUP));
    }

    @Test
    void parametersAreTypedAndAbsentUntilSet() {
        assertEquals(Optional.empty(), request.get(TransportParameter.LIFETIME));
        request.settle(TransportParameter.LIFETIME, Duration.ofMinutes(5));
        request.settle(TransportParameter.ACCEPT_TYPES, List.of("message/cpim", "*"));
        assertEquals(Duration.ofMinutes(5), request.get(TransportParameter.LIFETIME).orElseThrow());
        assertEquals(List.of("message/cpim", "*"), request.get(TransportParameter.ACCEPT_TYPES).orElseThrow());
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    @Test
    void aValueOfTheWrongTypeIsRefusedEvenThroughRawTypes() {
        TransportParameter raw = TransportParameter.SETUP;
        assertThrows(IllegalArgumentException.class, () -> request.settle(raw, "active"));
    }

    @Test
    void connectionRolesReadSdpValues() {
        assertEquals(ConnectionRole.PASSIVE, ConnectionRole.ofSdp("Passive"));
        assertEquals("actpass", ConnectionRole.ACTPASS.sdpValue());
        assertThrows(IllegalArgumentException.class, () -> ConnectionRole.ofSdp("sometimes"));
    }

    @Test
    void reasonsAreFoundInTheCauseChain() {
        java.io.IOException wrapped = new java.io.IOException("outer",
                new TransportException(TransportException.Reason.EXPIRED, "gone"));
        assertEquals(TransportException.Reason.EXPIRED, TransportException.reasonOf(wrapped));
        assertEquals(TransportException.Reason.BROKEN, TransportException.reasonOf(new java.io.IOException("x")));
    }

    @Test
    void carriagesCompareProtoTokensWithoutCase() {
        assertEquals(Carriage.session("TCP/MSRP"), Carriage.session("tcp/msrp"));
        assertEquals(true, Carriage.session("TCP/MSRP").carriesProto("tcp/msrp"));
        assertEquals(Optional.empty(), Carriage.storage().sdpProto());
        assertThrows(IllegalArgumentException.class, () -> Carriage.session("TCP MSRP"));
    }
}
