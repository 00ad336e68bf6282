package org.sipdrop.negotiation.internal.pagemode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

/**
 * The hash of the indirect content, RFC 4483 §5.12: a {@code hash} parameter on the
 * {@code message/external-body} Content-Type whose value is the hexadecimal SHA-1 of the content.
 * Built on the RFC's own example ({@link #HASH_5_12}, copied from the text with its 12-space
 * indentation removed; {@code <CRLF>} is the RFC's way of showing the blank line).
 */
class Rfc4483HashTest {

    /** RFC 4483 §5.12, verbatim. */
    static final String HASH_5_12 = ""
            + "Content-Type: message/external-body;\n"
            + "    access-type=\"URL\";\n"
            + "    expiration=\"Mon, 24 June 2002 09:00:00 GMT\";\n"
            + "    URL=\"http://www.example.com/the-indirect-content.au\";\n"
            + "    size=52723;\n"
            + "    hash=10AB568E91245681AC1B\n"
            + "<CRLF>\n"
            + "Content-Disposition: render\n";

    /** A real SHA-1 (40 hex digits) in the RFC's upper-case style. */
    static final String SHA1_UPPER = "72245FE8653753DB0C535D1C997D6498E2F23F4A";

    /** @return the unfolded Content-Type value and the body of an RFC figure showing one entity */
    static String[] entity(String figure) throws PageModeException {
        String[] halves = figure.split("<CRLF>\n", 2);
        String contentType = MimeHeaders.parse(halves[0].replace("\n", "\r\n")).first("Content-Type").orElseThrow();
        return new String[] {contentType, halves[1].replace("\n", "\r\n") + "\r\n"};
    }

    private static ExternalBody parse(String figure) throws PageModeException {
        String[] e = entity(figure);
        return ExternalBodyCodec.parse(e[0], e[1].getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void readsTheHashOfTheSection512ExampleAndRefusesItForNotBeingASha1() throws Exception {
        // The example's value has 20 hex digits: 10 octets, where a SHA-1 (RFC 3174) has 20.
        PageModeException e = assertThrows(PageModeException.class, () -> parse(HASH_5_12));
        assertTrue(e.getMessage().contains("10AB568E91245681AC1B") && e.getMessage().contains("RFC 4483 §5.12"),
                e.getMessage());
    }

    @Test
    void readsTheSection512ExampleWithAFullSha1() throws Exception {
        ExternalBody e = parse(HASH_5_12.replace("10AB568E91245681AC1B", SHA1_UPPER));
        assertEquals(URI.create("http://www.example.com/the-indirect-content.au"), e.url());
        assertEquals(OptionalLong.of(52723), e.size());
        assertEquals("render", e.disposition());
        assertEquals(Optional.of(SHA1_UPPER.toLowerCase()), e.sha1Hex());
        assertEquals(Optional.of(SHA1_UPPER.toLowerCase()), e.toOffer().sha1Hex(),
                "the offer carries the hash the download is verified against");
    }

    @Test
    void writesTheHashOnTheExternalBodyContentType() throws Exception {
        ExternalBody e = ExternalBody.builder(URI.create("https://store.example.com/f/8f3a")).size(52723)
                .sha1Hex(SHA1_UPPER).build();
        MimeValue ct = MimeValue.parse(ExternalBodyCodec.contentType(e));
        assertEquals(Optional.of(SHA1_UPPER), ct.param("hash"), ExternalBodyCodec.contentType(e));
    }

    @Test
    void refusesAnOfferWhoseTwoHashesDisagree() {
        String other = "0000000000000000000000000000000000000000";
        String figure = HASH_5_12.replace("10AB568E91245681AC1B", SHA1_UPPER).replace("Content-Disposition: render",
                "Content-Disposition: render; hash=\"sha-1:" + other.replaceAll("(..)(?!$)", "$1:") + "\"");
        PageModeException e = assertThrows(PageModeException.class, () -> parse(figure));
        assertTrue(e.getMessage().contains(SHA1_UPPER.toLowerCase()) && e.getMessage().contains(other),
                e.getMessage());
    }
}
