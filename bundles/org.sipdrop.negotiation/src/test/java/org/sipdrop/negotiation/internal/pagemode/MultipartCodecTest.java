package org.sipdrop.negotiation.internal.pagemode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

class MultipartCodecTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Yields character 0 for the first boundary, character 1 afterwards. */
    private static final class Predictable implements RandomGenerator {
        private int calls;

        @Override
        public long nextLong() {
            return 0;
        }

        @Override
        public int nextInt(int bound) {
            return calls++ < 32 ? 0 : 1;
        }
    }

    @Test
    void textNoteAndExternalBodySurviveARoundTrip() throws Exception {
        ExternalBody e = ExternalBody.builder(URI.create("https://s.example.com/f/1")).size(10).contentId("a@b")
                .fileName("x.bin").build();
        MultipartCodec.Part note = MultipartCodec.Part.of("text/plain; charset=UTF-8", utf8("Hier die Folien ✓"));
        MultipartCodec.Part ref = MultipartCodec.Part.of(ExternalBodyCodec.contentType(e), ExternalBodyCodec.body(e));
        MultipartCodec codec = new MultipartCodec();
        MultipartCodec.Built built = codec.format(List.of(note, ref));
        assertTrue(built.contentType().startsWith("multipart/mixed; boundary="), built.contentType());

        List<MultipartCodec.Part> parts = codec.parse(built.contentType(), built.body());
        assertEquals(2, parts.size());
        assertEquals("text/plain; charset=UTF-8", parts.get(0).contentType());
        assertArrayEquals(utf8("Hier die Folien ✓"), parts.get(0).content());
        assertEquals(e, ExternalBodyCodec.parse(parts.get(1).contentType(), parts.get(1).content()));
    }

    @Test
    void generatedBoundaryNeverOccursInTheContent() throws Exception {
        String firstChoice = "--sipdrop-" + "0".repeat(32);
        MultipartCodec codec = new MultipartCodec(new Predictable());
        byte[] trap = utf8("line one\r\n" + firstChoice + "\r\nline three");
        MultipartCodec.Built built = codec.format(List.of(MultipartCodec.Part.of("text/plain", trap)));
        assertFalse(built.contentType().contains("0".repeat(32)), built.contentType());
        List<MultipartCodec.Part> parts = codec.parse(built.contentType(), built.body());
        assertEquals(1, parts.size());
        assertArrayEquals(trap, parts.get(0).content());
    }

    @Test
    void ignoresPreambleEpilogueAndTransportPadding() throws Exception {
        String body = "This is a preamble.\r\n--xyz  \r\nContent-Type: text/plain\r\n\r\nfirst\r\n--xyz\r\n"
                + "\r\nsecond, default type\r\n--xyz--\r\nepilogue";
        List<MultipartCodec.Part> parts = new MultipartCodec().parse("multipart/mixed; boundary=\"xyz\"", utf8(body));
        assertEquals(2, parts.size());
        assertArrayEquals(utf8("first"), parts.get(0).content());
        assertEquals("text/plain; charset=us-ascii", parts.get(1).contentType());
        assertArrayEquals(utf8("second, default type"), parts.get(1).content());
    }

    @Test
    void rejectsBodyWithoutClosingDelimiter() {
        PageModeException e = assertThrows(PageModeException.class, () -> new MultipartCodec()
                .parse("multipart/mixed; boundary=b", utf8("--b\r\nContent-Type: text/plain\r\n\r\ncut off")));
        assertTrue(e.getMessage().contains("closing"), e.getMessage());
    }

    @Test
    void rejectsMissingOrInvalidBoundary() {
        MultipartCodec codec = new MultipartCodec();
        assertThrows(PageModeException.class, () -> codec.parse("multipart/mixed", utf8("--b--\r\n")));
        assertThrows(PageModeException.class, () -> codec.parse("multipart/mixed; boundary=\"" + "b".repeat(71) + "\"",
                utf8("x")));
        assertThrows(PageModeException.class, () -> codec.parse("multipart/mixed; boundary=\"ends \"", utf8("x")));
        assertThrows(PageModeException.class, () -> codec.parse("multipart/mixed; boundary=b", utf8("no boundary here")));
        assertThrows(PageModeException.class, () -> codec.parse("text/plain; boundary=b", utf8("--b--\r\n")));
        assertThrows(PageModeException.class, () -> codec.parse("multipart/mixed; boundary=b", utf8("--b--\r\n")));
        assertThrows(PageModeException.class, () -> codec.parse("multipart/mixed; boundary=b", utf8("--bjunk\r\n")));
    }

    @Test
    void rejectsTooManyPartsAndOversizeBodies() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i <= MultipartCodec.MAX_PARTS; i++) {
            sb.append("--b\r\n\r\npart\r\n");
        }
        sb.append("--b--\r\n");
        MultipartCodec codec = new MultipartCodec();
        assertThrows(PageModeException.class, () -> codec.parse("multipart/mixed; boundary=b", utf8(sb.toString())));
        assertThrows(PageModeException.class, () -> codec.parse("multipart/mixed; boundary=b",
                new byte[MultipartCodec.MAX_BODY_BYTES + 1]));
        List<MultipartCodec.Part> many = new ArrayList<>();
        for (int i = 0; i <= MultipartCodec.MAX_PARTS; i++) {
            many.add(MultipartCodec.Part.of("text/plain", utf8("x")));
        }
        assertThrows(IllegalArgumentException.class, () -> codec.format(many));
        assertThrows(IllegalArgumentException.class, () -> codec.format(List.of(
                MultipartCodec.Part.of("application/octet-stream", new byte[MultipartCodec.MAX_BODY_BYTES]))));
    }

    @Test
    void rejectsPartHeadersThatAreNotHeaders() {
        assertThrows(PageModeException.class, () -> new MultipartCodec().parse("multipart/mixed; boundary=b",
                utf8("--b\r\nnot a header\r\n\r\nbody\r\n--b--\r\n")));
    }

    @Test
    void emptyPartWhoseCrlfIsTheNextDelimitersIsEmpty() throws Exception {
        // found by PageModeFuzzTest: this threw IllegalArgumentException ("7 > 5") out of Arrays.copyOfRange
        List<MultipartCodec.Part> parts = new MultipartCodec().parse("multipart/mixed; boundary=b", utf8("--b\r\n\r\n--b--"));
        assertEquals(1, parts.size());
        assertEquals(0, parts.get(0).content().length);
    }
}
