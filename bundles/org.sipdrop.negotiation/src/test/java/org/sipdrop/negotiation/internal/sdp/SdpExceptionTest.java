package org.sipdrop.negotiation.internal.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sipdrop.transfer.TransferFailure;

class SdpExceptionTest {

    @Test
    void malformedIs400AndUnacceptableIs488() {
        assertEquals(400, SdpException.malformed("x").status());
        assertEquals(488, SdpException.notAcceptable("x").status());
        assertEquals(new TransferFailure(488, "no a=path"), SdpException.notAcceptable("no a=path").toFailure());
    }

    @Test
    void reasonCanGoIntoASipHeaderUnchanged() {
        SdpException e = SdpException.notAcceptable("bad\r\nX-Injected: yes");
        assertTrue(e.reason().chars().noneMatch(Character::isISOControl), e.reason());
        String quoted = SdpException.quote("x".repeat(500));
        assertTrue(quoted.length() < 100, quoted);
    }
}
