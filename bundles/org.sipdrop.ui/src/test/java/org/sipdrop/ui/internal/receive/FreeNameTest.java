package org.sipdrop.ui.internal.receive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;

import org.junit.jupiter.api.Test;

class FreeNameTest {

    @Test
    void keepsTheOfferedNameWhenFree() {
        assertEquals("report.pdf", FreeName.of("report.pdf", Set.of("other.pdf")::contains));
    }

    @Test
    void numbersTheNameBeforeItsExtensionWhenTaken() {
        assertEquals("report (3).pdf", FreeName.of("report.pdf", Set.of("report.pdf", "report (2).pdf")::contains));
    }

    @Test
    void numbersNamesWithoutExtensionAndDotFiles() {
        assertEquals("Makefile (2)", FreeName.of("Makefile", Set.of("Makefile")::contains));
        assertEquals(".project (2)", FreeName.of(".project", Set.of(".project")::contains));
        assertEquals("archive.tar (2).gz", FreeName.of("archive.tar.gz", Set.of("archive.tar.gz")::contains));
    }

    @Test
    void givesUpWithAnActionableMessageWhenEveryVariantIsTaken() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> FreeName.of("a.txt", n -> true));
        assertEquals(true, e.getMessage().contains("Save As"), e.getMessage());
    }
}
