package org.sipdrop.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** RFC 5547 §6 file-icon as the API holds it: image types only, bounded, kept by the offer. */
class FileIconTest {

    @Test
    void acceptsOnlyImageTypes() {
        assertEquals("image/png", new FileIcon("Image/PNG", new byte[] { 1 }).mediaType());
        assertThrows(IllegalArgumentException.class, () -> new FileIcon("text/html", new byte[] { 1 }));
        assertThrows(IllegalArgumentException.class, () -> new FileIcon("image/", new byte[] { 1 }));
        assertThrows(IllegalArgumentException.class, () -> new FileIcon("image/png;x=\"y\"", new byte[] { 1 }));
    }

    @Test
    void rejectsEmptyAndOversizedIcons() {
        assertThrows(IllegalArgumentException.class, () -> new FileIcon("image/png", new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new FileIcon("image/png", new byte[FileIcon.MAX_BYTES + 1]));
        assertEquals(FileIcon.MAX_BYTES, new FileIcon("image/png", new byte[FileIcon.MAX_BYTES]).size());
    }

    @Test
    void theOfferKeepsItsIconThroughToBuilder() {
        FileIcon icon = new FileIcon("image/gif", new byte[] { 'G', 'I', 'F' });
        FileOffer o = FileOffer.builder("a.gif", 3).icon(icon).build();
        assertEquals(icon, o.toBuilder().build().icon().orElseThrow());
    }
}
