package org.sipdrop.negotiation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.sipdrop.transfer.FileOffer;

/** The sender's note travels as each offer's description (SDP i=, Content-Description). */
class SendOptionsMessageTest {

    private static final FileOffer OFFER = FileOffer.builder("design.bin", 10).build();

    @Test
    void messageBecomesTheDescriptionOfEveryOfferAndSurvivesOtherChoices() {
        SendOptions o = SendOptions.defaults().message("  for Thursday's review – ok?  ").via("msrp").thumbnails(true);
        assertEquals(Optional.of("for Thursday's review – ok?"), o.withMessage(OFFER).description());
        assertEquals("design.bin", o.withMessage(OFFER).name());
    }

    @Test
    void blankOrNoMessageLeavesTheOfferAsItIs() {
        assertEquals(OFFER, SendOptions.defaults().withMessage(OFFER));
        assertEquals(OFFER, SendOptions.defaults().message("   ").withMessage(OFFER));
        assertTrue(SendOptions.defaults().message(null).message().isEmpty());
    }

    @Test
    void refusesLineBreaksControlCharactersAndOverlongMessages() {
        assertThrows(IllegalArgumentException.class, () -> SendOptions.defaults().message("one\r\na=evil"));
        assertThrows(IllegalArgumentException.class, () -> SendOptions.defaults().message("bell\u0007"));
        assertThrows(IllegalArgumentException.class,
                () -> SendOptions.defaults().message("x".repeat(SendOptions.MAX_MESSAGE_LENGTH + 1)));
    }
}
