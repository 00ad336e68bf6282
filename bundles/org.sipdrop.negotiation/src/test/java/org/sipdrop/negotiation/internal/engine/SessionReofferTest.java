package org.sipdrop.negotiation.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.sipdrop.negotiation.internal.sdp.MediaDescription;
import org.sipdrop.negotiation.internal.sdp.Sdp;
import org.sipdrop.negotiation.internal.sdp.SdpParser;
import org.sipdrop.sip.Call;
import org.sipdrop.sip.SipBody;

/**
 * New offers inside an established file-transfer session (RFC 5547 §8.1 Figure 3, §8.4), on the
 * offer and answer of RFC 5547 §9.1 (Figs. 8 and 9, the file-selector unfolded as the note under
 * each figure says). Every re-INVITE used to be refused with 488, session refreshes included.
 */
class SessionReofferTest {

    /** Fig. 8's SDP (the icon body part left out: it is not SDP). */
    static final String FIG8 = String.join("\r\n",
            "v=0",
            "o=alice 2890844526 2890844526 IN IP4 alicepc.example.com",
            "s=",
            "c=IN IP4 alicepc.example.com",
            "t=0 0",
            "m=message 7654 TCP/MSRP *",
            "i=This is my latest picture",
            "a=sendonly",
            "a=accept-types:message/cpim",
            "a=accept-wrapped-types:*",
            "a=path:msrp://alicepc.example.com:7654/jshA7we;tcp",
            "a=file-selector:name:\"My cool picture.jpg\" type:image/jpeg size:4092 hash:sha-1:"
                    + "72:24:5F:E8:65:3D:DA:F3:71:36:2F:86:D4:71:91:3E:E4:A2:CE:2E",
            "a=file-transfer-id:Q6LMoGymJdh0IKIgD6wD0jkcfgva4xvE",
            "a=file-disposition:render",
            "a=file-date:creation:\"Mon, 15 May 2006 15:01:31 +0300\"",
            "a=file-icon:cid:id2@alicepc.example.com", "");

    /** Fig. 9, the answer. */
    static final String FIG9 = String.join("\r\n",
            "v=0",
            "o=bob 2890844656 2890844656 IN IP4 bobpc.example.com",
            "s=",
            "c=IN IP4 bobpc.example.com",
            "t=0 0",
            "m=message 8888 TCP/MSRP *",
            "a=recvonly",
            "a=accept-types:message/cpim",
            "a=accept-wrapped-types:*",
            "a=path:msrp://bobpc.example.com:8888/9di4ea;tcp",
            "a=file-selector:name:\"My cool picture.jpg\" type:image/jpeg size:4092 hash:sha-1:"
                    + "72:24:5F:E8:65:3D:DA:F3:71:36:2F:86:D4:71:91:3E:E4:A2:CE:2E",
            "a=file-transfer-id:Q6LMoGymJdh0IKIgD6wD0jkcfgva4xvE", "");

    private final List<String> aborted = new CopyOnWriteArrayList<>();

    private SessionReoffer bob() throws Exception {
        return SessionReoffer.answered(parse(FIG8), parse(FIG9), Runnable::run).onAbort(0, aborted::add);
    }

    @Test
    void aSessionRefreshRepeatingTheOfferGetsTheSameAnswerAndTheTransferGoesOn() throws Exception {
        SessionReoffer bob = bob();
        Sdp answer = parse(bob.reinvited(CALL, sdp(FIG8)).text());
        assertEquals(parse(FIG9), answer, "RFC 3264 §8: nothing changed, the same description and version");
        assertTrue(aborted.isEmpty());
        assertEquals(answer, parse(bob.reinvited(CALL, sdp(FIG8)).text()), "and again at the next refresh");
    }

    @Test
    void portZeroWithTheSameIdClosesTheStreamAndAbortsTheTransfer() throws Exception {
        SessionReoffer bob = bob();
        Sdp answer = parse(bob.reinvited(CALL, sdp(FIG8.replace("m=message 7654", "m=message 0"))).text());
        MediaDescription m = answer.media().get(0);
        assertEquals(0, m.port());
        assertEquals(Optional.of("Q6LMoGymJdh0IKIgD6wD0jkcfgva4xvE"), m.attribute("file-transfer-id"), "§8.1: mirrored");
        assertTrue(m.attribute("file-selector").orElseThrow().contains("My cool picture.jpg"));
        assertEquals("2890844657", answer.origin().sessionVersion(), "RFC 3264 §8: changed, so the version is one up");
        assertEquals(1, aborted.size());
        assertTrue(aborted.get(0).contains("port 0"), aborted::toString);
    }

    @Test
    void aNewTransferIdIsRefusedAndTheSessionStaysAsItWas() throws Exception {
        SessionReoffer bob = bob();
        assertNull(bob.reinvited(CALL, sdp(FIG8.replace("Q6LMoGymJdh0IKIgD6wD0jkcfgva4xvE", "another0transfer0id0000000000000"))));
        assertTrue(aborted.isEmpty());
        assertEquals(parse(FIG9), parse(bob.reinvited(CALL, sdp(FIG8)).text()));
    }

    @Test
    void theSameIdForAnotherFileIsAnErrorThatAbortsTheTransfer() throws Exception {
        SessionReoffer bob = bob();
        Sdp answer = parse(bob.reinvited(CALL, sdp(FIG8.replace("size:4092", "size:5000"))).text());
        assertEquals(0, answer.media().get(0).port());
        assertEquals(1, aborted.size(), "§8.1: the answerer MUST abort");
    }

    @Test
    void aSelectorThatStillSelectsTheSameFileIsARepetition() throws Exception {
        SessionReoffer bob = bob();
        String withoutHash = FIG8.replace(" hash:sha-1:72:24:5F:E8:65:3D:DA:F3:71:36:2F:86:D4:71:91:3E:E4:A2:CE:2E", "");
        assertNotEquals(FIG8, withoutHash);
        assertEquals(parse(FIG9), parse(bob.reinvited(CALL, sdp(withoutHash)).text()));
        assertTrue(aborted.isEmpty());
    }

    @Test
    void removedMediaLinesAreRefusedAndAddedOnesClosed() throws Exception {
        SessionReoffer bob = bob();
        String none = FIG8.substring(0, FIG8.indexOf("m=message"));
        assertNull(bob.reinvited(CALL, sdp(none)), "RFC 3264 §8: m= lines are never removed");
        String added = FIG8 + String.join("\r\n", "m=message 7655 TCP/MSRP *", "a=sendonly",
                "a=path:msrp://alicepc.example.com:7655/kd8d;tcp", "a=file-selector:name:\"b.txt\" size:10",
                "a=file-transfer-id:second0transfer0000000000000000", "");
        Sdp answer = parse(bob.reinvited(CALL, sdp(added)).text());
        assertEquals(2, answer.media().size());
        assertEquals(8888, answer.media().get(0).port(), "the running transfer is untouched");
        assertEquals(0, answer.media().get(1).port());
        assertEquals(Optional.of("second0transfer0000000000000000"), answer.media().get(1).attribute("file-transfer-id"));
        assertTrue(aborted.isEmpty());
    }

    @Test
    void theSenderAnswersTheReceiversRefreshWithTheRoleItTook() throws Exception {
        SessionReoffer alice = SessionReoffer.offered(parse(FIG8.replace("a=file-icon", "a=setup:actpass\r\na=file-icon")), Runnable::run);
        assertNull(alice.reinvited(CALL, sdp(FIG9)), "no answer yet: nothing to repeat");
        alice.agreed(parse(FIG9.replace("a=recvonly", "a=recvonly\r\na=setup:passive")));
        String refresh = FIG9.replace("o=bob 2890844656 2890844656", "o=bob 2890844656 2890844657");
        Sdp answer = parse(alice.reinvited(CALL, sdp(refresh)).text());
        MediaDescription m = answer.media().get(0);
        assertEquals(7654, m.port());
        assertEquals(Optional.of("active"), m.attribute("setup"), "RFC 4145 §4.1: an answer is never actpass");
        assertTrue(m.hasAttribute("sendonly"));
    }

    private static Sdp parse(String sdp) throws Exception {
        return SdpParser.withDefaults().parse(sdp.getBytes(StandardCharsets.UTF_8));
    }

    private static SipBody sdp(String text) {
        return new SipBody("application/sdp", text.getBytes(StandardCharsets.UTF_8));
    }

    private static final Call CALL = new FakeCall();
}
