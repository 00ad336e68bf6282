package org.sipdrop.negotiation.internal.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sipdrop.negotiation.internal.sdp.Rfc5547Figures.FIG_9;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Raw, wrapped in message/cpim, or not at all, by the peer's accept-types (RFC 4975 §8.6). */
class CarriageTest {

    private static FileStream answer(String sdp) throws SdpException {
        Sdp s = SdpParser.withDefaults().parse(sdp);
        return FileStream.read(s.media().get(0), s);
    }

    @Test
    void fig9TakesAJpegOnlyInsideCpim() throws SdpException {
        assertEquals(Optional.of(Wrapping.CPIM), Wrapping.choose("image/jpeg", answer(FIG_9)));
    }

    @Test
    void anExplicitTypeAWildcardSubtypeOrAStarTakeTheFileAsItIs() throws SdpException {
        for (String types : new String[] { "image/jpeg", "IMAGE/*", "message/cpim *" }) {
            assertEquals(Optional.of(Wrapping.RAW), Wrapping.choose("image/jpeg; x=1",
                    answer(FIG_9.replace("a=accept-types:message/cpim", "a=accept-types:" + types))), types);
        }
    }

    @Test
    void aTypeAcceptedNeitherWayIsNotSent() throws SdpException {
        assertEquals(Optional.empty(), Wrapping.choose("image/jpeg",
                answer(FIG_9.replace("a=accept-wrapped-types:*", "a=accept-wrapped-types:text/plain"))));
    }
}
