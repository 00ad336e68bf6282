package org.sipdrop.presence.internal.pidf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.sipdrop.presence.Presence;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target for the PIDF/RPID documents a watched contact's NOTIFY carries (RFC 3863, RFC 4480):
 * a presence or a {@link PidfException}, never another exception, never a hang (the XML parser
 * refuses DOCTYPEs, so no entity expansion); what parses is written back by {@link PidfWriter}
 * into a document that parses to the same presence.
 */
class PidfFuzzTest {

    private final PidfParser parser = new PidfParser(16 * 1024);

    @FuzzTest(maxDuration = "10m")
    void pidf(byte[] body) {
        Presence p;
        try {
            p = parser.parse(body);
        } catch (PidfException e) {
            assertNotNull(e.getMessage());
            return;
        }
        try {
            assertEquals(p, parser.parse(new PidfWriter("t1").format(p)));
        } catch (PidfException e) {
            throw new AssertionError("PidfWriter's document does not parse", e);
        }
    }
}
