package org.sipdrop.ui.internal.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.TransferFailure;
import org.sipdrop.transfer.TransferState;
import java.nio.file.Path;
import java.util.Optional;

import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferListener;
import org.sipdrop.ui.internal.transfers.TransferRecord;

class TransferColumnsTest {

    @Test
    void sizesUseBinaryUnits() {
        assertEquals("0 B", TransferColumns.size(0));
        assertEquals("1023 B", TransferColumns.size(1023));
        assertEquals("1.5 KiB", TransferColumns.size(1536));
        assertEquals("1.0 GiB", TransferColumns.size(1L << 30));
    }

    @Test
    void rowShowsProgressAndTheReasonOfAFailure() {
        Transfer t = new FailedTransfer(FileOffer.builder("report.pdf", 2048).build(), 512,
                new TransferFailure(0, "Connection lost"));
        List<String> row = TransferColumns.ALL.stream().map(c -> c.text(t)).collect(Collectors.toList());
        assertEquals(List.of("report.pdf", "sip:bob@127.0.0.1", "Receive", "msrp", "2.0 KiB", "25%",
                "Failed: Connection lost"), row);
    }

    @Test
    void aRecordOfAnEarlierSessionReadsLikeTheTransferItWas() {
        TransferRecord r = new TransferRecord("t", "report.pdf", "sip:bob@127.0.0.1", Direction.OUTGOING, "http", 2048, 2048,
                TransferState.COMPLETED, "", "/home/me/report.pdf", Instant.parse("2026-12-07T10:00:00Z"));
        assertEquals(List.of("report.pdf", "sip:bob@127.0.0.1", "Send", "http", "2.0 KiB", "100%", "Completed"),
                TransferColumns.ALL.stream().map(c -> c.text(r)).collect(Collectors.toList()));
        assertTrue(TransferColumns.toolTip(r).contains("/home/me/report.pdf"), TransferColumns.toolTip(r));
    }

    @Test
    void fileNamePeerAndStateGetTheLargestSharesAndRoomForTypicalValues() {
        Map<String, TransferColumns.Column> byTitle = TransferColumns.ALL.stream()
                .collect(Collectors.toMap(TransferColumns.Column::title, c -> c));
        for (String wide : List.of("File", "Peer", "State")) {
            for (String narrow : List.of("Direction", "Transport", "Size", "Progress")) {
                assertTrue(byTitle.get(wide).weight() > byTitle.get(narrow).weight(), wide + " gets more room than " + narrow);
            }
        }
        assertTrue(byTitle.get("File").minChars() >= "quarterly-report.pdf".length());
        assertTrue(byTitle.get("Peer").minChars() >= "sip:bob@127.0.0.1".length());
        assertTrue(byTitle.get("State").minChars() >= "Failed: 486 Busy".length());
    }

    /** A transfer frozen in FAILED after some bytes: the view only reads transfers. */
    private static final class FailedTransfer implements Transfer {
        private final FileOffer offer;
        private final long bytes;
        private final TransferFailure failure;

        FailedTransfer(FileOffer offer, long bytes, TransferFailure failure) {
            this.offer = offer;
            this.bytes = bytes;
            this.failure = failure;
        }

        @Override public String id() { return "t"; }
        @Override public FileOffer offer() { return offer; }
        @Override public String peer() { return "sip:bob@127.0.0.1"; }
        @Override public Direction direction() { return Direction.INCOMING; }
        @Override public TransferState state() { return TransferState.FAILED; }
        @Override public long bytesTransferred() { return bytes; }
        @Override public Optional<String> transport() { return Optional.of("msrp"); }
        @Override public Optional<TransferFailure> failure() { return Optional.of(failure); }
        @Override public Optional<Path> file() { return Optional.empty(); }
        @Override public void cancel() { }
        @Override public void addListener(TransferListener listener) { }
        @Override public void removeListener(TransferListener listener) { }
    }
}
