package org.sipdrop.negotiation.internal.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class AnswerValidatorTest {

    private static Sdp parse(String body) throws SdpException {
        return SdpParser.withDefaults().parse(body);
    }

    private static void assertRejected(String offer, String answer, String... fragments) throws SdpException {
        Sdp o = parse(offer);
        Sdp a = parse(answer);
        SdpException e = assertThrows(SdpException.class, () -> AnswerValidator.validate(o, a));
        assertEquals(488, e.status());
        for (String f : fragments) {
            assertTrue(e.reason().contains(f), () -> "'" + e.reason() + "' lacks '" + f + "'");
        }
    }

    @Test
    void answerMustKeepEveryOfferedStream() throws SdpException {
        String extra = Vectors.PUSH_ANSWER + "m=message 0 TCP/MSRP *\r\n";
        assertRejected(Vectors.PUSH_OFFER, extra, "2 m= lines but the offer had 1");
    }

    @Test
    void answerMustCopyTheTransferId() throws SdpException {
        assertRejected(Vectors.PUSH_OFFER, Vectors.PUSH_ANSWER.replace("vBnG916bdberum2fFEABR1FR3ExZMUrd", "other"),
                "file-transfer-id 'other' does not match");
        assertRejected(Vectors.PUSH_OFFER, Vectors.PUSH_ANSWER.replaceAll("a=file-transfer-id:[^\r]*\r\n", ""),
                "file-transfer-id (missing)");
    }

    @Test
    void answerMustMirrorTheDirection() throws SdpException {
        assertRejected(Vectors.PUSH_OFFER, Vectors.PUSH_ANSWER.replace("a=recvonly", "a=sendonly"),
                "direction sendonly does not mirror the offered sendonly; expected recvonly");
    }

    @Test
    void answerMustCarryPathAndTheSameSelector() throws SdpException {
        assertRejected(Vectors.PUSH_OFFER, Vectors.PUSH_ANSWER.replaceAll("a=path:[^\r]*\r\n", ""), "no a=path");
        assertRejected(Vectors.PUSH_OFFER, Vectors.PUSH_ANSWER.replace("size:32349", "size:1"), "contradicts the offered");
        assertRejected(Vectors.PULL_OFFER, Vectors.PULL_ANSWER.replace("hash:sha-1:72", "hash:sha-1:73"), "is not the file requested");
    }

    @Test
    void answerListsEveryProblemAtOnce() throws SdpException {
        String bad = Vectors.PUSH_ANSWER.replace("a=recvonly", "a=sendonly").replaceAll("a=path:[^\r]*\r\n", "");
        assertRejected(Vectors.PUSH_OFFER, bad, "stream 1: direction", "stream 1: no a=path");
    }

    @Test
    void answerMustNotChangeMediaOrTransport() throws SdpException {
        assertRejected(Vectors.PUSH_OFFER, Vectors.PUSH_ANSWER.replace("TCP/MSRP", "TCP/TLS/MSRP"), "for offered m=message TCP/MSRP");
    }

    @Test
    void setupMustAnswerTheOfferedRole() throws SdpException {
        String offer = Vectors.PUSH_OFFER + "a=setup:active\r\n";
        assertRejected(offer, Vectors.PUSH_ANSWER + "a=setup:active\r\n", "a=setup:active does not answer a=setup:active");
        assertRejected(offer, Vectors.PUSH_ANSWER + "a=setup:actpass\r\n", "does not answer");
        assertEquals(List.of(0), AnswerValidator.validate(parse(offer), parse(Vectors.PUSH_ANSWER + "a=setup:passive\r\n")));
    }

    @Test
    void rangeMustLieWithinTheOfferedRange() throws SdpException {
        assertRejected(Vectors.PUSH_OFFER, Vectors.PUSH_ANSWER.replace("a=file-range:1-32349", "a=file-range:1-40000"),
                "outside the offered");
    }

    @Test
    void rejectedStreamIsNotAProblem() throws SdpException {
        String rejected = Vectors.PUSH_ANSWER.substring(0, Vectors.PUSH_ANSWER.indexOf("m=")) + "m=message 0 TCP/MSRP *\r\n";
        assertEquals(List.of(), AnswerValidator.validate(parse(Vectors.PUSH_OFFER), parse(rejected)));
    }

    @Test
    void answerMustNotReviveADisabledStream() throws SdpException {
        assertRejected(Vectors.PUSH_OFFER.replace("m=message 7654", "m=message 0"), Vectors.PUSH_ANSWER, "disabled with port 0");
    }
}
