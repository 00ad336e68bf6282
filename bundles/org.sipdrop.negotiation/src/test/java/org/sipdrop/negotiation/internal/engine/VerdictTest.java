package org.sipdrop.negotiation.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.sipdrop.sip.SipReason;
import org.sipdrop.transfer.TransferFailure;

/** How a sender reads the receiver's verdict from the Reason of its BYE (RFC 3326). */
class VerdictTest {

    @Test
    void aSuccessCauseVerifiesTheFile() {
        assertNull(Verdict.failureFor(Optional.of(SipReason.of(200, "Verified and saved")), "A1", "bob"));
    }

    @Test
    void aFailureCauseFailsTheFileWithTheReceiversCauseAndText() {
        TransferFailure f = Verdict.failureFor(Optional.of(SipReason.of(400, "a.bin: hash mismatch")), "A1", "bob");
        assertEquals(new TransferFailure(400, "a.bin: hash mismatch"), f);
    }

    @Test
    void aFailureNamingOtherFilesOfTheSessionLeavesThisOneVerified() {
        SipReason r = SipReason.of(400, "b.bin: hash mismatch").with(Verdict.IDS, "B2.C3");
        assertNull(Verdict.failureFor(Optional.of(r), "A1", "bob"));
        assertEquals(400, Verdict.failureFor(Optional.of(r), "C3", "bob").status());
    }

    @Test
    void aByeWithoutReasonIsNoVerdict() {
        TransferFailure f = Verdict.failureFor(Optional.empty(), "A1", "bob");
        assertEquals(0, f.status());
        assertTrue(f.reason().startsWith("no verdict from bob"), f.reason());
    }
}
