package org.sipdrop.transfer.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipdrop.transfer.Decision;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferServiceListener;

class TransferServiceImplTest {

    @TempDir
    Path dir;
    private final TransferServiceImpl service = new TransferServiceImpl();

    @Test
    void trackedTransfersAppearOnceAndListenersHearOfThem() {
        List<Transfer> added = new CopyOnWriteArrayList<>();
        service.addListener(new TransferServiceListener() {
            @Override
            public void transferAdded(Transfer transfer) {
                added.add(transfer);
            }
        });
        Transfer t = new TransferImpl("t1", FileOffer.builder("a", 1).build(), "sip:bob@x", Direction.OUTGOING, null, () -> { });
        service.track(t);
        service.track(t);
        assertEquals(List.of(t), service.transfers());
        assertEquals(List.of(t), added);
        Transfer other = new TransferImpl("t1", FileOffer.builder("b", 1).build(), "sip:bob@x", Direction.OUTGOING, null, () -> { });
        assertThrows(IllegalArgumentException.class, () -> service.track(other));
    }

    @Test
    void describeHashesOnceAndReportsProgressTheFirstTime() throws Exception {
        Path file = Files.write(dir.resolve("notes.txt"), new byte[300_000]);
        AtomicLong seen = new AtomicLong();
        FileOffer first = service.describe(file, seen::set);
        assertEquals(300_000, seen.get(), "progress reached the whole file");
        seen.set(-1);
        FileOffer again = service.describe(file, seen::set);
        assertEquals(-1, seen.get(), "the cached hash needs no second read");
        assertArrayEquals(MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(file)), again.sha1().orElseThrow());
        assertEquals(first, again);
        assertEquals("text/plain", first.mediaType());
    }

    @Test
    void policyFromUserSettingsRejectsOverTheLimit() {
        Decision d = service.acceptancePolicy("all", "1k").decide("sip:alice@x", FileOffer.builder("a", 2048).build());
        assertEquals(Decision.Kind.REJECT, d.kind());
        assertTrue(d.reason().orElseThrow().reason().startsWith("File too large"));
        assertThrows(IllegalArgumentException.class, () -> service.acceptancePolicy("maybe", null));
    }
}
