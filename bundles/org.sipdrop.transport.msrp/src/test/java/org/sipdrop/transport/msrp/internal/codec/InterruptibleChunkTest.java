package org.sipdrop.transport.msrp.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * "SEND requests larger than 2048 octets MUST be interrupted if the sender needs to send pending
 * responses or REPORT requests" (RFC 4975 §7.1.1); such chunks carry {@code *} as range-end.
 */
class InterruptibleChunkTest {

    private static WriteResult write(ByteRange range, boolean othersWaiting) throws IOException {
        MsrpHeaders h = MsrpHeaders.builder(List.of(MsrpUri.parse(Frames.TO)), List.of(MsrpUri.parse(Frames.FROM)))
                .messageId("87652491").byteRange(range).contentType("application/octet-stream").build();
        MsrpFrameWriter w = new MsrpFrameWriter(new Frames.Sink(), 1024, TransactionIds.secureRandom());
        w.interruptWhen(() -> othersWaiting);
        return w.writeRequest(new MsrpRequest("tid12345", MsrpMethod.SEND, h),
                BodySource.ofChannel(Channels.newChannel(new ByteArrayInputStream(new byte[10_000])), 10_000),
                ContinuationFlag.COMPLETE);
    }

    @Test
    void chunkWithStarRangeEndYieldsToWaitingTrafficAfter2048Octets() throws IOException {
        WriteResult r = write(new ByteRange(1, ByteRange.UNKNOWN, 10_000), true);
        assertTrue(r.interrupted());
        assertEquals(ContinuationFlag.MORE, r.flag());
        assertTrue(r.bodyBytes() >= 2048 && r.bodyBytes() < 10_000, "interrupted after " + r.bodyBytes());
    }

    @Test
    void chunkGoesWholeWhenNothingWaits() throws IOException {
        WriteResult r = write(new ByteRange(1, ByteRange.UNKNOWN, 10_000), false);
        assertFalse(r.interrupted());
        assertEquals(10_000, r.bodyBytes());
    }

    /** Only a chunk announced with '*' may end early: a stated range-end is a promise (§7.3.1). */
    @Test
    void chunkWithAStatedEndIsNotInterrupted() throws IOException {
        assertFalse(write(new ByteRange(1, 10_000, 10_000), true).interrupted());
    }
}
