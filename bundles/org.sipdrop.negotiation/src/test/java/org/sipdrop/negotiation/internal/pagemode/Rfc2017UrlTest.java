package org.sipdrop.negotiation.internal.pagemode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.sipdrop.transfer.FileOffer;

/**
 * The URL parameter of the URL access-type, RFC 2017 §3.1: the URL is broken into URL-words of
 * at most 40 characters, separated by linear white space inside one quoted string, so a long URL
 * can be folded across header lines; the reader removes the quotes and all white space. Built on
 * RFC 2017's two examples (§3 and §3.1, copied from the text with their indentation removed).
 */
class Rfc2017UrlTest {

    /** RFC 2017 §3, verbatim. */
    static final String SECTION_3 = ""
            + "Content-type: message/external-body; access-type=URL;\n"
            + "              URL=\"http://www.foo.com/file\"\n"
            + "\n"
            + "Content-type: text/html\n"
            + "Content-Transfer-Encoding: binary\n"
            + "\n"
            + "THIS IS NOT REALLY THE BODY!\n";

    /** RFC 2017 §3.1, verbatim: a long URL folded over three lines. */
    static final String SECTION_3_1 = ""
            + "Content-type: message/external-body; access-type=URL;\n"
            + "              URL=\"ftp://ftp.deepdirs.org/1/2/3/4/5/6/7/\n"
            + "                   8/9/10/11/12/13/14/15/16/17/18/20/21/\n"
            + "                   file.html\"\n"
            + "\n"
            + "Content-type: text/html\n"
            + "Content-Transfer-Encoding: binary\n"
            + "\n"
            + "THIS IS NOT REALLY THE BODY!\n"
            + "\n";

    /** A URL of 247 characters, as a storage with signed links hands out. */
    static final URI LONG = URI.create("https://storage.example.org/remote.php/dav/files/alice/SipDrop/outgoing/"
            + "2026-12-07/7kq3xw2m5dm4v6o2j3m2xg7ybtyc4r5f/Quarterly%20report%20(final%20version).pdf"
            + "?X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261207&X-Amz-Expires=86400&X-Amz-Signature=abcdef0123456789");

    private static ExternalBody parse(String figure) throws PageModeException {
        String wire = figure.replace("\n", "\r\n");
        int blank = wire.indexOf("\r\n\r\n");
        String contentType = MimeHeaders.parse(wire.substring(0, blank)).first("Content-Type").orElseThrow();
        return ExternalBodyCodec.parse(contentType, wire.substring(blank + 4).getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void readsTheExampleOfSection3() throws Exception {
        ExternalBody e = parse(SECTION_3);
        assertEquals(URI.create("http://www.foo.com/file"), e.url());
        assertEquals("text/html", e.mediaType());
    }

    @Test
    void readsTheFoldedLongUrlOfSection31() throws Exception {
        assertEquals(URI.create("ftp://ftp.deepdirs.org/1/2/3/4/5/6/7/8/9/10/11/12/13/14/15/16/17/18/20/21/file.html"),
                parse(SECTION_3_1).url());
    }

    @Test
    void writesALongUrlAsUrlWordsOfAtMost40Characters() throws Exception {
        assertTrue(LONG.toString().length() > 200, "the test needs a URL longer than 200 characters");
        String param = MimeValue.parse(ExternalBodyCodec.contentType(ExternalBody.builder(LONG).size(1).build()))
                .param("url").orElseThrow();
        String[] words = param.split("[ \t]+");
        assertTrue(words.length >= 200 / 40, param);
        for (String w : words) {
            assertTrue(!w.isEmpty() && w.length() <= 40, "RFC 2017 §3.1: URL-word of " + w.length() + ": " + w);
        }
        assertEquals(LONG.toString(), String.join("", words));
    }

    @Test
    void offerFoldsTheLongUrlOverShortLinesAndReadsItBack() throws Exception {
        FileOffer offer = FileOffer.builder("report.pdf", 52234).mediaType("application/pdf").build();
        ExternalBody e = ExternalBody.of(offer, LONG, "a1b2@store.example.org", Instant.parse("2026-12-08T10:00:00Z"));
        FileOfferMessage.Built b = FileOfferMessage.format("sip:alice@example.org", "sip:bob@example.org", "msg-1",
                Instant.parse("2026-12-07T10:00:00Z"), offer, e, false, new MultipartCodec(new Random(1)));
        String text = new String(b.body(), StandardCharsets.UTF_8);
        int start = text.indexOf("Content-Type: message/external-body");
        int end = text.indexOf("\r\n\r\n", start);
        for (String line : text.substring(start, end).split("\r\n")) {
            assertTrue(line.length() <= 78, "RFC 5322 §2.1.1: line of " + line.length() + ": " + line);
        }
        assertEquals(LONG, FileOfferMessage.parse(b.contentType(), b.body()).orElseThrow().external().url());
    }
}
