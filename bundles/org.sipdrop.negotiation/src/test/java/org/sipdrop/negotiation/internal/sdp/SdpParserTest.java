package org.sipdrop.negotiation.internal.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SdpParserTest {

    private static final String HEAD = "v=0\r\no=alice 1 1 IN IP4 a.example.com\r\ns=-\r\nc=IN IP4 a.example.com\r\nt=0 0\r\n";
    private static final String MEDIA = "m=message 7654 TCP/MSRP *\r\na=sendonly\r\n";

    private final SdpParser parser = SdpParser.withDefaults();

    private static void assertMalformed(SdpParser parser, String body, String fragment) {
        SdpException e = assertThrows(SdpException.class, () -> parser.parse(body.getBytes(StandardCharsets.UTF_8)));
        assertEquals(400, e.status(), e::getMessage);
        assertTrue(e.reason().contains(fragment), () -> "'" + e.reason() + "' lacks '" + fragment + "'");
    }

    @Test
    void acceptsLineFeedWithoutCarriageReturn() throws SdpException {
        Sdp sdp = parser.parse((HEAD + MEDIA).replace("\r\n", "\n"));
        assertEquals(1, sdp.media().size());
        assertEquals((HEAD + MEDIA), SdpWriter.write(sdp));
    }

    @Test
    void acceptsLastLineWithoutLineEndAndTrailingEmptyLines() throws SdpException {
        assertEquals(1, parser.parse(HEAD + "m=message 7654 TCP/MSRP *").media().size());
        assertEquals(1, parser.parse(HEAD + MEDIA + "\r\n\r\n").media().size());
    }

    @Test
    void rejectsCarriageReturnNotFollowedByLineFeed() {
        assertMalformed(parser, HEAD + "a=x\ra=injected\r\n", "CR not followed by LF");
    }

    @Test
    void rejectsEmptyLineInTheMiddle() {
        assertMalformed(parser, HEAD + "\r\n" + MEDIA, "not <type>=<value>");
    }

    @Test
    void rejectsBodyThatDoesNotStartWithVersionZero() {
        assertMalformed(parser, "o=alice 1 1 IN IP4 h\r\ns=-\r\nt=0 0\r\n", "v=0");
        assertMalformed(parser, HEAD.replace("v=0", "v=1"), "v=0");
        assertMalformed(parser, "", "v=0");
    }

    @Test
    void rejectsMissingMandatoryLines() {
        assertMalformed(parser, "v=0\r\no=alice 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 h\r\n", "mandatory");
        assertMalformed(parser, "v=0\r\ns=-\r\nt=0 0\r\n", "o= line missing");
    }

    @Test
    void rejectsSessionLinesOutOfOrder() {
        assertMalformed(parser, "v=0\r\no=alice 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 h\r\ni=late\r\nt=0 0\r\n", "out of order");
        assertMalformed(parser, "v=0\r\ns=-\r\no=alice 1 1 IN IP4 h\r\nc=IN IP4 h\r\nt=0 0\r\n", "o= line missing");
        assertMalformed(parser, HEAD.replace("c=IN IP4 a.example.com\r\nt=0 0\r\n", "t=0 0\r\nc=IN IP4 a.example.com\r\n"),
                "out of order");
        assertMalformed(parser, "v=0\r\no=alice 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 h\r\na=sendonly\r\nt=0 0\r\n", "out of order");
    }

    @Test
    void rejectsMediaLinesOutOfOrder() {
        assertMalformed(parser, HEAD + "m=message 1 TCP/MSRP *\r\na=sendonly\r\ni=late title\r\n", "out of order");
        assertMalformed(parser, HEAD + "m=message 1 TCP/MSRP *\r\nc=IN IP4 h\r\ni=late title\r\n", "out of order");
    }

    @Test
    void rejectsDuplicatedSingleLines() {
        assertMalformed(parser, HEAD.replace("s=-\r\n", "s=-\r\ns=again\r\n"), "more than one 's='");
        assertMalformed(parser, HEAD + "m=message 1 TCP/MSRP *\r\ni=a\r\ni=b\r\n", "more than one 'i='");
    }

    @Test
    void rejectsSessionOnlyLinesInsideMedia() {
        assertMalformed(parser, HEAD + MEDIA + "t=0 0\r\n", "not allowed in a media description");
        assertMalformed(parser, HEAD + MEDIA + "o=x 1 1 IN IP4 h\r\n", "not allowed");
    }

    @Test
    void rejectsWholeDescriptionWithUnknownTypeLetter() {
        assertMalformed(parser, HEAD + "x=007\r\n" + MEDIA, "unknown SDP line type 'x='");
        assertMalformed(parser, HEAD + MEDIA + "x=007\r\n", "unknown SDP line type");
    }

    @ParameterizedTest
    @ValueSource(strings = { "m=message\r\n", "m=message 7654 TCP/MSRP\r\n", "m=message 70000 TCP/MSRP *\r\n",
            "m=message -1 TCP/MSRP *\r\n", "m=message 7654  TCP/MSRP *\r\n", "m=message abc TCP/MSRP *\r\n",
            "m=mess age 1 TCP/MSRP *\r\n" })
    void rejectsMalformedMediaLine(String line) {
        assertMalformed(parser, HEAD + line, "m=");
    }

    @ParameterizedTest
    @ValueSource(strings = { "o=alice 1 1 IN IP4\r\n", "o=alice x 1 IN IP4 h\r\n", "o=alice 1 1 IN IP4 h extra\r\n" })
    void rejectsMalformedOriginLine(String line) {
        assertMalformed(parser, "v=0\r\n" + line + "s=-\r\nc=IN IP4 h\r\nt=0 0\r\n", "o=");
    }

    @Test
    void rejectsMalformedConnectionAndTimeLines() {
        assertMalformed(parser, HEAD.replace("c=IN IP4 a.example.com", "c=IN IP4"), "c= line");
        assertMalformed(parser, HEAD.replace("t=0 0", "t=now"), "t= line");
    }

    @Test
    void requiresConnectionAtSessionLevelOrInEveryMedia() throws SdpException {
        String noSessionC = HEAD.replace("c=IN IP4 a.example.com\r\n", "");
        assertMalformed(parser, noSessionC + MEDIA, "no c= line");
        assertEquals(1, parser.parse(noSessionC + "m=message 1 TCP/MSRP *\r\nc=IN IP4 h\r\n").media().size());
    }

    @Test
    void rejectsAttributeWithoutName() {
        assertMalformed(parser, HEAD + MEDIA + "a=:value\r\n", "attribute name");
        assertMalformed(parser, HEAD + MEDIA + "a=bad name:value\r\n", "attribute name");
    }

    @Test
    void rejectsInvalidUtf8AndNul() {
        byte[] body = (HEAD + "i=xx\r\n").getBytes(StandardCharsets.UTF_8);
        int i = (HEAD + "i=").length();
        body[i] = (byte) 0xC3;
        body[i + 1] = (byte) 0x28;
        SdpException e = assertThrows(SdpException.class, () -> parser.parse(body));
        assertEquals(400, e.status());
        assertMalformed(parser, HEAD + "i=a\0b\r\n", "NUL");
    }

    @Test
    void keepsUnknownAttributesVerbatimAtBothLevels() throws SdpException {
        String body = HEAD + "a=x-session:any thing: at all\r\n" + MEDIA + "a=x-vendor\r\na=fingerprint:SHA-1 AB:CD\r\n";
        Sdp sdp = parser.parse(body);
        assertEquals(List.of(new Attribute("x-session", "any thing: at all")), sdp.attributes());
        assertEquals(new Attribute("fingerprint", "SHA-1 AB:CD"), sdp.media().get(0).attributes().get(2));
        assertEquals(body, SdpWriter.write(sdp));
    }

    @Test
    void keepsOtherKnownLinesVerbatimInTheirPlace() throws SdpException {
        String body = "v=0\r\no=alice 1 1 IN IP4 h\r\ns=-\r\ni=about\r\nu=http://example.com/x\r\ne=a@example.com\r\n"
                + "p=+1 555\r\nc=IN IP4 h\r\nb=AS:64\r\nt=0 0\r\nr=7d 1h 0 25h\r\nt=1 2\r\nz=2882844526 -1h\r\nk=prompt\r\n"
                + "a=tool:x\r\nm=message 1/2 TCP/MSRP *\r\ni=title\r\nc=IN IP6 ::1\r\nb=AS:1\r\nk=prompt\r\na=recvonly\r\n";
        Sdp sdp = parser.parse(body);
        assertEquals(body, SdpWriter.write(sdp));
        assertEquals(2, sdp.media().get(0).portCount());
    }

    @Test
    void rejectsRepeatLineNotAfterTime() {
        assertMalformed(parser, "v=0\r\no=a 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 h\r\nr=7d 1h 0\r\nt=0 0\r\n", "r= line");
    }

    @Test
    void rejectsBodyLargerThanLimit() {
        SdpParser small = new SdpParser(new SdpLimits(200, 100, 100));
        String big = HEAD + MEDIA + "a=x:" + "y".repeat(90) + "\r\n";
        assertMalformed(small, big, "more than the 200 accepted");
    }

    @Test
    void rejectsMoreLinesThanLimit() {
        SdpParser small = new SdpParser(new SdpLimits(10_000, 8, 100));
        assertMalformed(small, HEAD + MEDIA + "a=a\r\na=b\r\n", "more than 8 lines");
    }

    @Test
    void rejectsLineLongerThanLimit() {
        SdpParser small = new SdpParser(new SdpLimits(10_000, 100, 50));
        assertMalformed(small, HEAD + MEDIA + "a=x:" + "y".repeat(60) + "\r\n", "longer than 50");
    }

    @Test
    void defaultLimitsRejectAHugeBody() {
        String huge = HEAD + MEDIA + ("a=x:" + "y".repeat(1000) + "\r\n").repeat(70);
        assertMalformed(parser, huge, "bytes, more than the");
    }

    @Test
    void reasonsNeverCarryControlCharactersFromInput() {
        SdpException e = assertThrows(SdpException.class, () -> parser.parse(HEAD + "bogus\u0007line\r\n"));
        assertTrue(e.reason().chars().noneMatch(Character::isISOControl), e.reason());
    }
}
