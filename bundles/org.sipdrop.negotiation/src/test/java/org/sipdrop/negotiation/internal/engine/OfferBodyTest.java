package org.sipdrop.negotiation.internal.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.sipdrop.negotiation.internal.pagemode.MimeHeaders;
import org.sipdrop.negotiation.internal.pagemode.MultipartCodec;
import org.sipdrop.negotiation.internal.sdp.SdpException;
import org.sipdrop.sip.SipBody;
import org.sipdrop.transfer.FileIcon;
import org.sipdrop.transfer.FileOffer;

/** RFC 5547 §6 file-icon: the cid: URL names an image part of a multipart/mixed INVITE body. */
class OfferBodyTest {

    private static final byte[] SDP = "v=0\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, (byte) 0xff, '\r', '\n' };

    @Test
    void withoutIconsTheBodyIsTheSdpAlone() throws Exception {
        List<FileOffer> offers = List.of(FileOffer.builder("a.txt", 3).build());
        assertNull(OfferBody.iconUrls(offers, new Random(1)));
        SipBody body = OfferBody.write(SDP, offers, null);
        assertEquals("application/sdp", body.mediaType());
        assertArrayEquals(SDP, OfferBody.read(Optional.of(body)).sdp());
    }

    @Test
    void iconsTravelAsImagePartsNamedByContentId() throws Exception {
        FileIcon icon = new FileIcon("image/png", PNG);
        List<FileOffer> offers = List.of(FileOffer.builder("a.txt", 3).build(), FileOffer.builder("b.png", 3).icon(icon).build());
        List<String> urls = OfferBody.iconUrls(offers, new Random(2));
        assertNull(urls.get(0));
        assertTrue(urls.get(1).startsWith("cid:icon2."), urls.get(1));
        SipBody body = OfferBody.write(SDP, offers, urls);
        assertEquals("multipart/mixed", body.mediaType());
        OfferBody read = OfferBody.read(Optional.of(body));
        assertArrayEquals(SDP, read.sdp());
        assertEquals(icon, read.icon(urls.get(1)));
    }

    @Test
    void rejectsAnIconThatIsNoImage() throws Exception {
        SipBody body = multipart(MultipartCodec.Part.of("application/sdp", SDP), new MultipartCodec.Part(
                MimeHeaders.builder().add("Content-Type", "text/html").add("Content-ID", "<x@y>").build(), "<script>".getBytes()));
        SdpException e = assertThrows(SdpException.class, () -> OfferBody.read(Optional.of(body)).icon("cid:x@y"));
        assertEquals(488, e.status());
        assertTrue(e.reason().contains("image/*"), e.reason());
    }

    @Test
    void rejectsAnIconLargerThanTheLimit() throws Exception {
        byte[] big = new byte[FileIcon.MAX_BYTES + 1];
        System.arraycopy(PNG, 0, big, 0, PNG.length);
        SipBody body = multipart(MultipartCodec.Part.of("application/sdp", SDP), new MultipartCodec.Part(
                MimeHeaders.builder().add("Content-Type", "image/png").add("Content-ID", "<x@y>").build(), big));
        SdpException e = assertThrows(SdpException.class, () -> OfferBody.read(Optional.of(body)).icon("cid:x@y"));
        assertEquals(488, e.status());
    }

    @Test
    void rejectsAnIconUrlNamingNoPart() throws Exception {
        SipBody body = multipart(MultipartCodec.Part.of("application/sdp", SDP));
        SdpException e = assertThrows(SdpException.class, () -> OfferBody.read(Optional.of(body)).icon("cid:missing@y"));
        assertTrue(e.reason().contains("names no part"), e.reason());
    }

    @Test
    void rejectsAMultipartWithoutSdp() {
        SipBody body = multipart(MultipartCodec.Part.of("text/plain", "hi".getBytes()));
        assertEquals(488, assertThrows(SdpException.class, () -> OfferBody.read(Optional.of(body))).status());
    }

    @Test
    void sniffsOnlyPngJpegAndGif() {
        assertEquals(Optional.of("image/png"), Icons.sniff(PNG));
        assertEquals(Optional.of("image/jpeg"), Icons.sniff(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0 }));
        assertEquals(Optional.of("image/gif"), Icons.sniff("GIF89a".getBytes()));
        assertEquals(Optional.empty(), Icons.sniff("<svg onload=x>".getBytes()));
    }

    private static SipBody multipart(MultipartCodec.Part... parts) {
        MultipartCodec.Built b = new MultipartCodec(new Random(3)).format(List.of(parts));
        return new SipBody(b.contentType(), b.body());
    }
}
