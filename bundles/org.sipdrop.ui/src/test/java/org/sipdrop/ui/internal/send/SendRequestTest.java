package org.sipdrop.ui.internal.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SendRequestTest {

    @TempDir
    Path dir;

    @Test
    void aRequestWithoutFileOrContactOrWithAMissingFileIsRefusedBeforeAnythingIsSent() throws IOException {
        Path a = Files.writeString(dir.resolve("a.txt"), "a");
        assertThrows(IllegalArgumentException.class, () -> new SendRequest(List.of(), List.of("sip:bob@x"), "auto"));
        assertThrows(IllegalArgumentException.class, () -> new SendRequest(List.of(a), List.of(), "auto"));
        assertThrows(IllegalArgumentException.class, () -> new SendRequest(List.of(dir.resolve("gone.txt")), List.of("sip:bob@x"), "auto"));
        assertThrows(IllegalArgumentException.class, () -> new SendRequest(List.of(dir), List.of("sip:bob@x"), "auto"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SendRequest(List.of(a), List.of("bob"), "auto"));
        assertTrue(e.getMessage().contains("sip:user@host"), e.getMessage());
    }

    @Test
    void aMultiLineMessageIsRefused() throws IOException {
        Path a = Files.writeString(dir.resolve("a.txt"), "a");
        assertThrows(IllegalArgumentException.class,
                () -> new SendRequest(List.of(a), List.of("sip:bob@x"), "auto", "two\nlines"));
    }

    @Test
    void recipientsAndFilesAreEachTakenOnceAndTheTransportInLowerCase() throws IOException {
        Path a = Files.writeString(dir.resolve("a.txt"), "a");
        SendRequest r = new SendRequest(List.of(a, a), List.of("sip:bob@x", "sip:bob@x"), "HTTP");
        assertEquals(List.of(a), r.files());
        assertEquals(List.of("sip:bob@x"), r.recipients());
        assertEquals("http", r.transport());
    }

    @Test
    void describesTheRequestForTheProgressView() throws IOException {
        Path a = Files.writeString(dir.resolve("a.txt"), "a");
        Path b = Files.writeString(dir.resolve("b.txt"), "b");
        assertEquals("a.txt to sip:bob@x", new SendRequest(List.of(a, a), List.of("sip:bob@x"), "auto").describe());
        assertEquals("2 files to 2 contacts", new SendRequest(List.of(a, b), List.of("sip:bob@x", "sip:c@x"), "auto").describe());
    }
}
