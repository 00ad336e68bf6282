package org.sipdrop.negotiation.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipdrop.negotiation.internal.sdp.FileSelector;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.TransferService;

/** Which shared file a pull's file-selector names (RFC 5547 §8.3.2), and what gets hashed to find out. */
class SharedFilesTest {

    @TempDir
    Path dir;
    private final List<Path> hashed = new ArrayList<>();

    /** A TransferService whose describe hashes like the real one and records what it hashed. */
    private final TransferService service = (TransferService) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {TransferService.class}, (proxy, method, args) -> {
                if (!method.getName().equals("describe")) {
                    throw new UnsupportedOperationException(method.getName());
                }
                Path f = (Path) args[0];
                hashed.add(f);
                byte[] bytes = Files.readAllBytes(f);
                return FileOffer.builder(f.getFileName().toString(), bytes.length)
                        .sha1Hex(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes))).build();
            });

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void nameAndSizeSelectTheFileAndOnlyThatOneIsHashed() throws Exception {
        Path a = file("a.txt", "aaaa");
        Path b = file("b.txt", "bbbb");
        Path c = file("c.txt", "cc");
        SharedFiles shared = new SharedFiles(service, List.of(a, c, b));
        SharedFiles.Match m = shared.find(FileSelector.of("b.txt", null, 4, null, null)).orElseThrow();
        assertEquals(b, m.file());
        assertEquals(List.of(b), hashed);
    }

    @Test
    void aFileOutsideTheSharedListIsNeverServedEvenIfItExists() throws Exception {
        Path shared = file("shared.txt", "ok");
        file("secret.txt", "no");
        assertTrue(new SharedFiles(service, List.of(shared)).find(FileSelector.of("secret.txt", null, 2, null, null)).isEmpty());
        assertEquals(List.of(), hashed, "nothing was hashed for a name nobody shares");
    }

    @Test
    void aHashSelectorMustMatchTheFileAsItIsNow() throws Exception {
        Path f = file("r.bin", "version 1");
        byte[] oldHash = MessageDigest.getInstance("SHA-1").digest("version 1".getBytes());
        Files.writeString(f, "version 2");
        SharedFiles shared = new SharedFiles(service, List.of(f));
        assertTrue(shared.find(FileSelector.of("r.bin", null, 9, FileSelector.SHA_1, oldHash)).isEmpty());
        byte[] newHash = MessageDigest.getInstance("SHA-1").digest("version 2".getBytes());
        assertEquals(f, shared.find(FileSelector.of(null, null, -1, FileSelector.SHA_1, newHash)).orElseThrow().file(),
                "a selector with the hash only (RFC 5547 §9.2, Fig. 15) finds the file");
    }

    @Test
    void aSelectedTypeMustMatchTheDetectedOne() throws Exception {
        Path f = file("x.txt", "text");
        SharedFiles shared = new SharedFiles(service, List.of(f));
        assertTrue(shared.find(FileSelector.of("x.txt", "image/png", 4, null, null)).isEmpty());
        assertTrue(shared.find(FileSelector.of("x.txt", "application/octet-stream", 4, null, null)).isPresent());
    }
}
