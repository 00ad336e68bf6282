package org.sipdrop.transport.file.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.TransportEndpoint;
import org.sipdrop.transfer.TransportException;
import org.sipdrop.transfer.TransportProvider;
import org.sipdrop.transfer.TransportRequest;
import org.sipdrop.transfer.TransportSession;

/**
 * Through the running service: an offer's URL outside the share is refused before a byte is read;
 * the configured limits hold.
 */
class HostileOfferTest {

    private SharedFolderFixture fixture;
    private Path share;

    @BeforeEach
    void open() throws Exception {
        share = Files.createTempDirectory("sipdrop-share");
        fixture = new SharedFolderFixture();
    }

    @AfterEach
    void close() throws Exception {
        fixture.close();
        Files.deleteIfExists(share);
    }

    @Test
    void anOfferOfEtcPasswdIsForbiddenAndNothingIsWritten() throws Exception {
        TransportProvider p = fixture.configure(share);
        FileOffer offer = FileOffer.builder("passwd", Files.size(Path.of("/etc/passwd"))).build();
        long[] written = new long[1];
        WritableByteChannel sink = new WritableByteChannel() {
            @Override
            public int write(ByteBuffer src) {
                written[0] += src.remaining();
                src.position(src.limit());
                return 0;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
        try (TransportSession s = p.open(new TransportRequest(offer, Direction.INCOMING, "sip:mallory@127.0.0.1", "file", 0))) {
            for (String url : new String[] { "file:///etc/passwd", share.toUri() + "0123456789abcdef0123456789abcdef/../../../etc/passwd" }) {
                TransportException e = assertThrows(TransportException.class, () -> s.receive(TransportEndpoint.of(URI.create(url)), sink, n -> {
                }), url);
                assertEquals(TransportException.Reason.FORBIDDEN, e.reason(), url + ": " + e.getMessage());
            }
        }
        assertEquals(0, written[0], "not a byte of /etc/passwd reached the receiver");
    }

    @Test
    void aFileLargerThanMaxSizeIsRefusedBeforeACopyStarts() throws Exception {
        TransportProvider p = fixture.configure(share); // max.size 64 MiB
        FileOffer big = FileOffer.builder("big.iso", 64L * 1024 * 1024 + 1).build();
        TransportException e = assertThrows(TransportException.class,
                () -> p.open(new TransportRequest(big, Direction.OUTGOING, "sip:bob@127.0.0.1", "file", 0)));
        assertEquals(TransportException.Reason.TOO_LARGE, e.reason(), e.getMessage());
    }

    @Test
    void withoutItsConfigurationTheTransportDoesNotRun() throws Exception {
        fixture.configure(share);
        fixture.deleteConfiguration();
        assertFalse(fixture.registered(), "configuration policy REQUIRE: no folder, no transport");
    }

}
