package org.sipdrop.transport.msrp.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class CpimEnvelopeTest {

    @Test
    void ownWrapperHasNoProblem() {
        assertEquals(Optional.empty(), CpimEnvelope.problemOf(CpimEnvelope.head("sip:bob@example.com", "image/jpeg", "a.jpg", 4092)));
    }

    @Test
    void wrapperWhoseBlankLinesOverlapIsRefused() {
        // found by MsrpFuzzTest: the first blank line's CRLFs were also the last one's, and
        // substring(5, 3) threw StringIndexOutOfBoundsException in the receiving session (RFC 3862 §2)
        assertTrue(CpimEnvelope.problemOf("p\r\n\r\n\r\n".getBytes(StandardCharsets.UTF_8)).isPresent());
        assertTrue(CpimEnvelope.problemOf("\r\n\r\n\r\n".getBytes(StandardCharsets.UTF_8)).isPresent());
    }

    @Test
    void wrapperWithoutContentTypeIsRefused() {
        assertTrue(CpimEnvelope.problemOf("To: <sip:b@x>\r\n\r\nX: y\r\n\r\n".getBytes(StandardCharsets.UTF_8)).isPresent());
    }
}
