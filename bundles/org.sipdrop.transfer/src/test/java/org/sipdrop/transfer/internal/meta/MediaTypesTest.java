package org.sipdrop.transfer.internal.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipdrop.transfer.FileOffer;

class MediaTypesTest {

    @TempDir
    Path dir;

    @Test
    void tableKnowsCommonDeveloperFiles() {
        assertEquals("text/x-java-source", MediaTypes.byName("Main.java"));
        assertEquals("text/markdown", MediaTypes.byName("README.md"));
        assertEquals("application/json", MediaTypes.byName("package.json"));
        assertEquals("application/xml", MediaTypes.byName("pom.xml"));
        assertEquals("application/zip", MediaTypes.byName("a.ZIP"));
        assertEquals("application/java-archive", MediaTypes.byName("lib.jar"));
        assertEquals("image/png", MediaTypes.byName("shot.png"));
        assertEquals("image/jpeg", MediaTypes.byName("photo.JPG"));
        assertEquals("application/pdf", MediaTypes.byName("spec.pdf"));
        assertEquals("text/plain", MediaTypes.byName("notes.txt"));
        assertEquals("application/gzip", MediaTypes.byName("src.tar.gz"));
        assertEquals("application/x-tar", MediaTypes.byName("src.tar"));
        assertEquals("text/html", MediaTypes.byName("index.html"));
        assertEquals("text/css", MediaTypes.byName("site.css"));
        assertEquals("text/javascript", MediaTypes.byName("app.js"));
        assertEquals("image/svg+xml", MediaTypes.byName("logo.svg"));
        assertEquals("text/csv", MediaTypes.byName("data.csv"));
        assertEquals("application/yaml", MediaTypes.byName("ci.yml"));
    }

    @Test
    void unknownOrMissingExtensionIsOctetStream() {
        assertEquals(FileOffer.DEFAULT_TYPE, MediaTypes.byName("Makefile"));
        assertEquals(FileOffer.DEFAULT_TYPE, MediaTypes.byName(".bashrc"));
        assertEquals(FileOffer.DEFAULT_TYPE, MediaTypes.byName("x."));
        assertEquals(FileOffer.DEFAULT_TYPE, MediaTypes.byName("x.sipdrop-unknown"));
    }

    @Test
    void detectsTheTypeOfAFileOnDiskAsAValidMediaType() throws Exception {
        Path md = Files.writeString(dir.resolve("notes.md"), "# hi");
        String type = MediaTypes.of(md);
        assertTrue(MediaTypes.isMediaType(type), type);
        assertTrue(type.startsWith("text/"), type);
        assertEquals(FileOffer.DEFAULT_TYPE, MediaTypes.of(Files.write(dir.resolve("blob.sipdrop-unknown"), new byte[3])));
    }
}
