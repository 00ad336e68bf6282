package org.sipdrop.configuration.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;

import org.junit.jupiter.api.Test;

/** The reason shown for a transport that refused its settings: what the transport threw, not SCR's wrapping. */
class ActivationFailureTest {

    /** As Felix SCR fills {@code ComponentConfigurationDTO.failure}: the printed stack trace. */
    private static String printed(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    @Test
    void theConstructorsOwnMessageUnderReflectionsWrapper() {
        IOException own = new IOException("relay.uri 'msrps://' is not an MSRP relay URI", new IllegalArgumentException("no host"));
        assertEquals("relay.uri 'msrps://' is not an MSRP relay URI", ActivationFailure.reason(printed(new InvocationTargetException(own))));
    }

    @Test
    void theExceptionItselfWhenNothingWrapsIt() {
        assertEquals("cannot read the storage trust store '/nonexistent'",
                ActivationFailure.reason(printed(new IOException("cannot read the storage trust store '/nonexistent'"))));
    }

    @Test
    void aMessageWithColonsStaysWhole() {
        assertEquals("Setting 'base.url' is not a URL: Illegal character in path at index 3: a b",
                ActivationFailure.reason(printed(new IllegalArgumentException("Setting 'base.url' is not a URL: Illegal character in path at index 3: a b"))));
    }

    @Test
    void theClassNameWhenNoExceptionHasAMessage() {
        assertEquals("java.lang.NullPointerException", ActivationFailure.reason(printed(new InvocationTargetException(new NullPointerException()))));
    }

    @Test
    void plainTextAsItIs() {
        assertEquals("something went wrong", ActivationFailure.reason("something went wrong"));
        assertEquals("no reason given", ActivationFailure.reason(null));
    }
}
