package org.sipdrop.negotiation.internal.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileSelectorTest {

    private static final byte[] SHA1 = new byte[20];

    static {
        for (int i = 0; i < 20; i++) {
            SHA1[i] = (byte) (0xA0 + i);
        }
    }

    private static FileSelector roundTrip(FileSelector s) throws SdpException {
        FileSelector back = FileSelector.parse(s.format());
        assertEquals(s, back);
        return back;
    }

    @Test
    void writesSelectorsInRfcOrderWithUpperCaseHash() {
        assertEquals("name:\"a b.txt\" type:text/plain size:3 hash:sha-1:A0:A1:A2:A3:A4:A5:A6:A7:A8:A9:AA:AB:AC:AD:AE:AF:B0:B1:B2:B3",
                FileSelector.of("a b.txt", "text/plain", 3, "sha-1", SHA1).format());
    }

    @Test
    void keepsSpacesAndColonsInsideTheQuotedName() throws SdpException {
        FileSelector s = FileSelector.parse("name:\"C: my file: size:9 hash:x.txt\" size:12");
        assertEquals("C: my file: size:9 hash:x.txt", s.name().orElseThrow());
        assertEquals(12, s.size().getAsLong());
        roundTrip(s);
    }

    @Test
    void percentEncodesDoubleQuoteAndPercentInNames() throws SdpException {
        FileSelector s = FileSelector.of("say \"hi\" 100%.txt", null, 1, null, null);
        assertEquals("name:\"say %22hi%22 100%25.txt\" size:1", s.format());
        assertEquals("say \"hi\" 100%.txt", roundTrip(s).name().orElseThrow());
    }

    @Test
    void decodesPercentEncodingInEitherCase() throws SdpException {
        assertEquals("a\"b%c", FileSelector.parse("name:\"a%22b%25c\"").name().orElseThrow());
        assertEquals("é", FileSelector.parse("name:\"%c3%a9\"").name().orElseThrow());
    }

    @Test
    void crLfAndNulInNamesAreEscapedSoTheyCannotInjectSdpLines() throws SdpException {
        String hostile = "x\r\na=file-transfer-id:evil\r\nm=audio 1 RTP/AVP 0\0.txt";
        FileSelector s = FileSelector.of(hostile, "text/plain", 5, null, null);
        String value = s.format();
        assertFalse(value.contains("\r") || value.contains("\n") || value.contains("\0"), value);
        assertEquals(hostile, roundTrip(s).name().orElseThrow());

        Sdp sdp = Sdp.builder(Origin.of("a", "1", "1", "h")).connection(ConnectionData.of("h"))
                .media(MediaDescription.builder("message", 1, "TCP/MSRP", "*").attribute("file-selector", value).build())
                .build();
        Sdp parsed = SdpParser.withDefaults().parse(SdpWriter.toBytes(sdp));
        assertEquals(1, parsed.media().size());
        assertEquals(1, parsed.media().get(0).attributes().size());
    }

    @Test
    void keepsNonAsciiNamesAsRawUtf8() throws SdpException {
        FileSelector s = FileSelector.of("Ünïcødé 日本語 📎.pdf", "application/pdf", 7, null, null);
        assertEquals("name:\"Ünïcødé 日本語 📎.pdf\" type:application/pdf size:7", s.format());
        assertEquals("Ünïcødé 日本語 📎.pdf", roundTrip(s).name().orElseThrow());
        byte[] wire = ("name:\"" + "Grüße.txt" + "\"").getBytes(StandardCharsets.UTF_8);
        assertEquals("Grüße.txt", FileSelector.parse(new String(wire, StandardCharsets.UTF_8)).name().orElseThrow());
    }

    @Test
    void rejectsPercentEncodedBytesThatAreNotUtf8() {
        SdpException e = assertThrows(SdpException.class, () -> FileSelector.parse("name:\"%FF%FE\""));
        assertEquals(400, e.status());
    }

    @Test
    void parsesTypeParametersWithQuotedValues() throws SdpException {
        FileSelector s = FileSelector.parse("type:text/plain;charset=\"UTF-8\";x=\"a b%22\" size:3");
        assertEquals("text/plain", s.mediaType().orElseThrow());
        assertEquals(Map.of("charset", "UTF-8", "x", "a b\""), s.typeParameters());
        roundTrip(s);
    }

    @Test
    void acceptsAnySelectorOrderAndLowerCaseHashOnInput() throws SdpException {
        FileSelector s = FileSelector.parse("size:3 hash:SHA-1:a0:a1:a2:a3:a4:a5:a6:a7:a8:a9:aa:ab:ac:ad:ae:af:b0:b1:b2:b3 name:\"n\"");
        assertEquals("sha-1", s.hashAlgorithm().orElseThrow());
        assertEquals(FileSelector.of("n", null, 3, "sha-1", SHA1), s);
    }

    /** RFC 5547 §6 (receivers take several hash selectors) and liberal reading of what no rule forbids. */
    @ParameterizedTest
    @ValueSource(strings = { "colour:red name:\"a\" size:1", "name:\"a\"  size:1", "name:\"a\" size:1 ",
            " name:\"a\" note:\"x y\" size:1", "NAME:\"a\" Size:1" })
    void skipsUnknownSelectorsAndExtraWhiteSpace(String value) throws SdpException {
        assertEquals(FileSelector.of("a", null, 1, null, null), FileSelector.parse(value));
    }

    @Test
    void keepsEveryHashSelectorAndPrefersSha1() throws SdpException {
        FileSelector s = FileSelector.parse("hash:sha-256:01:02 hash:sha-1:a0:a1:a2:a3:a4:a5:a6:a7:a8:a9:aa:ab:ac:ad:ae:af:b0:b1:b2:b3");
        assertEquals("sha-1", s.hashAlgorithm().orElseThrow());
        assertEquals(List.of("sha-256", "sha-1"), List.copyOf(s.hashes().keySet()));
        assertEquals("hash:sha-256:01:02 hash:sha-1:A0:A1:A2:A3:A4:A5:A6:A7:A8:A9:AA:AB:AC:AD:AE:AF:B0:B1:B2:B3", s.format());
        roundTrip(s);
    }

    @Test
    void selectorsAgreeWhenEveryCommonOneMatches() throws SdpException {
        FileSelector full = FileSelector.parse("name:\"a\" type:text/plain size:1 hash:sha-1:a0:a1:a2:a3:a4:a5:a6:a7:a8:a9:aa:ab:ac:ad:ae:af:b0:b1:b2:b3");
        assertTrue(full.agreesWith(FileSelector.parse("name:\"a\" type:TEXT/plain size:1")));
        assertTrue(FileSelector.parse("hash:sha-256:01").agreesWith(full));
        assertFalse(full.agreesWith(FileSelector.parse("size:2")));
        assertFalse(full.agreesWith(FileSelector.parse("hash:sha-1:00:a1:a2:a3:a4:a5:a6:a7:a8:a9:aa:ab:ac:ad:ae:af:b0:b1:b2:b3")));
    }

    @Test
    void bareSelectorIndicatesCapabilityOnly() throws SdpException {
        assertTrue(FileSelector.parse(null).isEmpty());
        assertTrue(FileSelector.parse("").isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = { "name:\"unterminated", "name:unquoted", "name:\"\"", "name:\"a\" name:\"b\"",
            "size:12 size:13", "size:-1", "size:1e3", "size:99999999999999999999", "type:text", "type:text/",
            "type:text/plain;charset=UTF-8", "hash:sha-1:72:24", "hash:sha-1:7224", "hash:sha-1:ZZ", "hash:sha-1",
            "colour", "name:\"a\"size:1", "name:\"bad%2\"", "name:\"a\"b\"",
            "hash:sha-1:" + "72:24:5F:E8:65:3D:DA:F3:71:36:2F:86:D4:71:91:3E:E4:A2:CE:2E hash:sha-1:" + "00:24:5F:E8:65:3D:DA:F3:71:36:2F:86:D4:71:91:3E:E4:A2:CE:2E" })
    void rejectsMalformedSelectorsWith400(String value) {
        SdpException e = assertThrows(SdpException.class, () -> FileSelector.parse(value));
        assertEquals(400, e.status(), value);
        assertTrue(e.reason().contains("RFC 5547"), e.reason());
    }

    @Test
    void pullAnswerSatisfiesTheSelectorsTheOfferGave() {
        FileSelector full = FileSelector.of("a.txt", "text/plain", 3, "sha-1", SHA1);
        assertTrue(full.satisfies(FileSelector.of(null, null, -1, "sha-1", SHA1)));
        assertTrue(full.satisfies(FileSelector.of("a.txt", null, -1, null, null)));
        assertFalse(full.satisfies(FileSelector.of("b.txt", null, -1, null, null)));
        assertFalse(full.satisfies(FileSelector.of(null, null, 4, null, null)));
    }
}
