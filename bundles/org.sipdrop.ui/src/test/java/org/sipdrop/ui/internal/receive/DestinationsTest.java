package org.sipdrop.ui.internal.receive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.ui.internal.transfers.FakeTransfer;

class DestinationsTest {

    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @Test
    void givesTheChosenDestinationToTheTransferOfTheSameFileFromTheSameSender() {
        Destinations<String> d = new Destinations<>();
        FileOffer asked = FileOffer.builder("a.txt", 10).sha1Hex(SHA).build();
        d.remember("sip:bob@x", asked, "/p/a.txt");
        // the transfer's offer is the same file, with the transfer id the agent assigned
        FileOffer received = asked.toBuilder().transferId("t1").build();
        assertEquals(Optional.empty(), d.take(FakeTransfer.incoming("sip:carol@x", received)), "another sender");
        assertEquals(Optional.of("/p/a.txt"), d.take(FakeTransfer.incoming("sip:bob@x", received)));
        assertEquals(Optional.empty(), d.take(FakeTransfer.incoming("sip:bob@x", received)), "taken once");
    }

    @Test
    void forgetsTheOldestChoiceBeyondItsCapacity() {
        Destinations<Integer> d = new Destinations<>();
        for (int i = 0; i <= Destinations.CAPACITY; i++) {
            d.remember("sip:bob@x", FileOffer.builder("f" + i, i).sha1Hex(SHA).build(), i);
        }
        assertEquals(Destinations.CAPACITY, d.size());
        assertEquals(Optional.empty(), d.take(FakeTransfer.incoming("sip:bob@x", FileOffer.builder("f0", 0).sha1Hex(SHA).build())));
        assertEquals(Optional.of(1), d.take(FakeTransfer.incoming("sip:bob@x", FileOffer.builder("f1", 1).sha1Hex(SHA).build())));
    }
}
