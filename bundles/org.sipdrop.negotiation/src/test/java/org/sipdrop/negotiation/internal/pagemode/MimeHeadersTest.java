package org.sipdrop.negotiation.internal.pagemode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MimeHeadersTest {

    @Test
    void refusesValueWithCrlfSoNoHeaderCanBeInjected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MimeHeaders.builder().add("Content-Description", "nice\r\nContent-Type: text/html"));
        assertTrue(e.getMessage().contains("line break"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MimeHeaders.builder().add("X", "a\nb"));
        assertThrows(IllegalArgumentException.class, () -> MimeHeaders.builder().add("X", "a\u0000b"));
    }

    @Test
    void refusesFieldNameWithColonOrSpace() {
        assertThrows(IllegalArgumentException.class, () -> MimeHeaders.builder().add("Content-Type:", "x/y"));
        assertThrows(IllegalArgumentException.class, () -> MimeHeaders.builder().add("Bad Name", "v"));
    }

    @Test
    void unfoldsContinuationLinesAndMatchesNamesCaseInsensitively() throws Exception {
        MimeHeaders h = MimeHeaders.parse("content-type: text/plain;\r\n charset=utf-8\r\nContent-ID: <a@b>\r\n");
        assertEquals(Optional.of("text/plain; charset=utf-8"), h.first("Content-Type"));
        assertEquals(2, h.fields().size());
    }

    @Test
    void rejectsLineWithoutColonAndBareCr() {
        assertThrows(PageModeException.class, () -> MimeHeaders.parse("Content-Type text/plain\r\n"));
        assertThrows(PageModeException.class, () -> MimeHeaders.parse("A: b\rC: d\r\n"));
        assertThrows(PageModeException.class, () -> MimeHeaders.parse(" folded-first: x\r\n"));
    }

    @Test
    void rejectsTooManyFields() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i <= MimeHeaders.MAX_FIELDS; i++) {
            sb.append("X-").append(i).append(": v\r\n");
        }
        assertThrows(PageModeException.class, () -> MimeHeaders.parse(sb.toString()));
    }

    @Test
    void parsesQuotedPairsAndRfc2231Continuations() throws Exception {
        MimeValue v = MimeValue.parse("attachment; filename*0*=UTF-8''%C3%A9t; filename*1=\"e 2024\"; "
                + "name=\"a \\\"quoted\\\" word\"");
        assertEquals(Optional.of("\u00e9te 2024"), v.param("filename"));
        assertEquals(Optional.of("a \"quoted\" word"), v.param("NAME"));
    }

    @Test
    void extendedValueOverridesPlainValue() throws Exception {
        MimeValue v = MimeValue.parse("attachment; filename=\"fallback.txt\"; filename*=UTF-8''%E2%82%AC.txt");
        assertEquals(Optional.of("\u20ac.txt"), v.param("filename"));
    }

    @Test
    void rejectsMalformedParameters() {
        assertThrows(PageModeException.class, () -> MimeValue.parse("attachment; filename=\"open"));
        assertThrows(PageModeException.class, () -> MimeValue.parse("attachment; filename=a b"));
        assertThrows(PageModeException.class, () -> MimeValue.parse("attachment; a=1; A=2"));
        assertThrows(PageModeException.class, () -> MimeValue.parse("attachment; =1"));
        assertThrows(PageModeException.class, () -> MimeValue.parse("attachment; filename*=UTF-8''%ZZ"));
        assertThrows(PageModeException.class, () -> MimeValue.parse("attachment; filename*=KOI8-R''%C1"));
        assertThrows(PageModeException.class, () -> MimeValue.parse("attachment; filename*=UTF-8''%C3"));
        assertThrows(PageModeException.class, () -> MimeValue.parse("text/plain; x=\"a\"junk"));
        assertThrows(PageModeException.class, () -> MimeValue.parse("not a type; x=1"));
    }

    @Test
    void formatQuotesWhereTokensCannotCarryTheValue() throws Exception {
        MimeValue v = MimeValue.of("text/plain").param("charset", "utf-8").param("x", "a;b \"c\"").build();
        assertEquals("text/plain; charset=utf-8; x=\"a;b \\\"c\\\"\"", v.format());
        assertEquals(Map.of("charset", "utf-8", "x", "a;b \"c\""), MimeValue.parse(v.format()).params());
    }

    @Test
    void foldedFieldKeepsLinesShortAndUnfoldsToTheSameValue() throws Exception {
        String value = "message/external-body; access-type=URL; URL=\"" + "abcdefghij".repeat(4) + " "
                + "klmnopqrst".repeat(4) + " " + "uvwxyz0123".repeat(4) + "\"; size=1";
        String text = MimeHeaders.builder().addFolded("Content-Type", value).build().format();
        for (String line : text.split("\r\n")) {
            assertTrue(line.length() <= 78, line);
        }
        assertTrue(text.contains("\r\n "), "folded before a space (RFC 5322 §2.2.3): " + text);
        assertEquals(Optional.of(value), MimeHeaders.parse(text).first("Content-Type"));
        String plain = MimeHeaders.builder().add("Content-Type", value).build().format();
        assertEquals("Content-Type: " + value + "\r\n", plain, "only fields added as folded are folded");
    }

    @ParameterizedTest
    @ValueSource(strings = { "message/external-body; sizsize*e=1", "text/plain; *=x", "text/plain; a*b*=UTF-8''x",
            "text/plain; a*b*0=x", "text/plain; *0=x" })
    void refusesAStarInAParameterNameOutsideRfc2231Forms(String header) {
        // found by PageModeFuzzTest: such a name passed the parser and the builder threw IllegalArgumentException
        assertThrows(PageModeException.class, () -> MimeValue.parse(header));
    }
}
