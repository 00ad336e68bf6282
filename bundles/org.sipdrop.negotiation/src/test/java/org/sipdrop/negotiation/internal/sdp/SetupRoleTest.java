package org.sipdrop.negotiation.internal.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Who opens the MSRP connection (RFC 4975 §5.4, RFC 6135 §4.2, RFC 4145 §4.1). */
class SetupRoleTest {

    /** RFC 6135 §4.2.2: the answerer to actpass "SHOULD include an a=setup 'passive' attribute value". */
    @Test
    void answererToActpassListens() {
        assertEquals(SetupRole.PASSIVE, SetupRole.answerTo(SetupRole.ACTPASS));
    }

    /** RFC 4975 §5.4: "the initiating endpoint MUST act as the 'active' endpoint". */
    @Test
    void answererToAnOfferWithoutSetupListens() {
        assertEquals(SetupRole.PASSIVE, SetupRole.answerTo(null));
    }

    /** RFC 6135 §4.2.1: holdconn is processed "as if it did not contain an a=setup attribute". */
    @Test
    void holdconnIsTakenAsNoSetup() {
        assertEquals(SetupRole.answerTo(null), SetupRole.answerTo(SetupRole.HOLDCONN));
        assertEquals(SetupRole.offererRole(null), SetupRole.offererRole(SetupRole.HOLDCONN));
        assertTrue(SetupRole.compatible(SetupRole.HOLDCONN, SetupRole.ACTIVE));
    }

    @Test
    void activeAndPassiveOffersGetTheOtherRole() {
        assertEquals(SetupRole.PASSIVE, SetupRole.answerTo(SetupRole.ACTIVE));
        assertEquals(SetupRole.ACTIVE, SetupRole.answerTo(SetupRole.PASSIVE));
    }

    /** RFC 4145 §4.1 with RFC 4975 §5.4: the offerer connects unless the answerer said it would. */
    @Test
    void offererConnectsUnlessTheAnswerSaysActive() {
        assertEquals(SetupRole.ACTIVE, SetupRole.offererRole(SetupRole.PASSIVE));
        assertEquals(SetupRole.ACTIVE, SetupRole.offererRole(null));
        assertEquals(SetupRole.PASSIVE, SetupRole.offererRole(SetupRole.ACTIVE));
    }
}
