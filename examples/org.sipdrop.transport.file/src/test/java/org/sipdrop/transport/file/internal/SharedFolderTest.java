package org.sipdrop.transport.file.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipdrop.transfer.TransportException;
import org.sipdrop.transfer.TransportException.Reason;

/**
 * A receiver reads only what this transport stored inside its share, whatever URL a hostile
 * offer carries: path confinement after normalisation and symbolic-link resolution.
 */
class SharedFolderTest {

    private static final Instant NOW = Instant.parse("2026-12-08T00:00:00Z");
    private static final String OBJECT = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;

    private Path root;
    private Path outside;
    private SharedFolder share;

    @BeforeEach
    void createShare() throws IOException {
        root = Files.createDirectory(dir.resolve("share"));
        outside = Files.writeString(dir.resolve("secret.txt"), "not for the network");
        share = new SharedFolder(root, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private Path stored(String name) throws IOException {
        Path object = Files.createDirectories(share.root().resolve(OBJECT));
        return Files.writeString(object.resolve(name), "shared");
    }

    private Reason refusal(URI url) {
        return assertThrows(TransportException.class, () -> share.offered(url)).reason();
    }

    @Test
    void readsAFileItStored() throws Exception {
        Path f = stored("report.pdf");
        assertEquals(f, share.offered(f.toUri()));
    }

    @Test
    void readsAFileItStoredNamedWithLocalhost() throws Exception {
        Path f = stored("report.pdf");
        assertEquals(f, share.offered(URI.create("file://localhost" + f.toUri().getRawPath())));
    }

    @Test
    void refusesEtcPasswd() {
        assertEquals(Reason.FORBIDDEN, refusal(URI.create("file:///etc/passwd")));
    }

    @Test
    void refusesAFileOutsideTheShareNextToIt() {
        assertEquals(Reason.FORBIDDEN, refusal(outside.toUri()));
    }

    @Test
    void refusesDotDotThatClimbsOutOfTheShare() throws Exception {
        stored("x.bin");
        URI url = URI.create(share.root().toUri() + OBJECT + "/../../secret.txt");
        assertEquals(Reason.FORBIDDEN, refusal(url));
    }

    @Test
    void refusesPercentEncodedDotDot() throws Exception {
        stored("x.bin");
        URI url = URI.create(share.root().toUri() + OBJECT + "/%2e%2e/%2E%2E/secret.txt");
        assertEquals(Reason.FORBIDDEN, refusal(url));
    }

    @Test
    void refusesASymbolicLinkPlantedInTheShareThatLeadsOut() throws Exception {
        Path object = Files.createDirectories(share.root().resolve(OBJECT));
        Path link = Files.createSymbolicLink(object.resolve("passwd"), Path.of("/etc/passwd"));
        assertEquals(Reason.FORBIDDEN, refusal(link.toUri()));
    }

    @Test
    void refusesAnObjectFolderThatIsALinkToOutside() throws Exception {
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("x.bin"), "outside");
        Files.createSymbolicLink(share.root().resolve(OBJECT), elsewhere);
        assertEquals(Reason.FORBIDDEN, refusal(share.root().resolve(OBJECT).resolve("x.bin").toUri()));
    }

    @Test
    void refusesTheShareRootAndFilesOutsideTheLayout() throws Exception {
        Files.writeString(share.root().resolve("top.txt"), "x");
        assertEquals(Reason.FORBIDDEN, refusal(share.root().toUri()));
        assertEquals(Reason.FORBIDDEN, refusal(share.root().resolve("top.txt").toUri()));
        Path notHex = Files.createDirectories(share.root().resolve("not-an-object"));
        assertEquals(Reason.FORBIDDEN, refusal(Files.writeString(notHex.resolve("f"), "x").toUri()));
    }

    @Test
    void refusesAHalfCopiedPartFileAndTheExpiryMarker() throws Exception {
        Path f = stored("x.bin");
        Path part = Files.writeString(SharedFolder.partOf(f), "half");
        share.expireAt(f.getParent(), NOW.plusSeconds(60));
        assertEquals(Reason.FORBIDDEN, refusal(part.toUri()));
        assertEquals(Reason.FORBIDDEN, refusal(f.resolveSibling(SharedFolder.EXPIRES).toUri()));
    }

    @Test
    void refusesAnotherHostAQueryAndAnotherScheme() throws Exception {
        Path f = stored("x.bin");
        assertEquals(Reason.FORBIDDEN, refusal(URI.create("file://evil.example" + f.toUri().getRawPath())));
        assertEquals(Reason.FORBIDDEN, refusal(URI.create(f.toUri() + "?x=1")));
        assertEquals(Reason.FORBIDDEN, refusal(URI.create("file:relative/x.bin")));
        assertEquals(Reason.UNAVAILABLE, refusal(URI.create("http://127.0.0.1/x.bin")));
    }

    @Test
    void aMissingFileIsNotFound() throws Exception {
        stored("x.bin");
        assertEquals(Reason.NOT_FOUND, refusal(share.root().resolve(OBJECT).resolve("y.bin").toUri()));
        assertEquals(Reason.NOT_FOUND, refusal(share.root().resolve("fedcba9876543210fedcba9876543210").resolve("y.bin").toUri()));
    }

    @Test
    void aFilePastItsLifetimeIsExpiredAndSweptAway() throws Exception {
        Path f = stored("x.bin");
        share.expireAt(f.getParent(), NOW);
        assertEquals(Reason.EXPIRED, refusal(f.toUri()));
        assertEquals(1, share.sweep());
        assertFalse(Files.exists(f.getParent()));
    }

    @Test
    void aFileWithinItsLifetimeIsReadAndKeptBySweeping() throws Exception {
        Path f = stored("x.bin");
        share.expireAt(f.getParent(), NOW.plusSeconds(1));
        assertEquals(f, share.offered(f.toUri()));
        assertEquals(0, share.sweep());
    }

    @Test
    void storedNamesAreSafeAndObjectsUnguessable() {
        assertEquals("passwd", SharedFolder.safeName("../../etc/passwd"));
        assertEquals("evil.txt", SharedFolder.safeName("C:\\Users\\x\\..\\evil.txt"));
        assertEquals("bashrc", SharedFolder.safeName(".bashrc"));
        assertEquals("r_sum_.pdf", SharedFolder.safeName("résumé.pdf"));
        assertEquals("file", SharedFolder.safeName(".."));
        Path a = share.newObject("a.bin");
        Path b = share.newObject("a.bin");
        assertTrue(a.getParent().getFileName().toString().matches("[0-9a-f]{32}"));
        assertFalse(a.equals(b), "each stored file gets its own 128-bit name");
    }
}
