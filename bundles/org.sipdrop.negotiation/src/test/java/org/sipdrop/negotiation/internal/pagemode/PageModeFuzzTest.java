package org.sipdrop.negotiation.internal.pagemode;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz targets for page-mode bodies a peer sends in a SIP MESSAGE: a file offer (CPIM around
 * multipart/mixed or message/external-body, RFC 3862, RFC 4483, the RCS file-transfer XML) and a
 * delivery notification (IMDN, RFC 5438). Each input is the Content-Type, a line feed, then the body.
 * The parsers return a value, empty (not an offer / not a notification), or throw
 * {@link PageModeException}; never another exception, never a hang.
 */
class PageModeFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void fileOffer(byte[] input) throws Exception {
        int nl = indexOf(input, (byte) '\n');
        String contentType = new String(input, 0, nl, StandardCharsets.ISO_8859_1);
        byte[] body = Arrays.copyOfRange(input, Math.min(nl + 1, input.length), input.length);
        FileOfferMessage.mayBeOffer(contentType);
        try {
            FileOfferMessage.parse(contentType, body).ifPresent(m -> {
                assertNotNull(m.external());
                m.messageId();
                m.dateTime();
                m.notification(Imdn.Status.DELIVERED, null, null);
                try {
                    assertNotNull(m.external().toOffer());
                } catch (PageModeException e) {
                    assertNotNull(e.getMessage());
                }
            });
        } catch (PageModeException e) {
            assertNotNull(e.getMessage());
        }
        try {
            NotificationMessage.parse(contentType, body);
        } catch (PageModeException e) {
            assertNotNull(e.getMessage());
        }
    }

    /** A MIME header block and one structured value (RFC 2045 §5.1, RFC 2231, RFC 2047). */
    @FuzzTest(maxDuration = "10m")
    void mimeHeaders(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            MimeHeaders.parse(text);
        } catch (PageModeException e) {
            assertNotNull(e.getMessage());
        }
        try {
            MimeValue v = MimeValue.parse(text);
            v.format();
        } catch (PageModeException e) {
            assertNotNull(e.getMessage());
        }
    }

    private static int indexOf(byte[] b, byte x) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return b.length;
    }
}
