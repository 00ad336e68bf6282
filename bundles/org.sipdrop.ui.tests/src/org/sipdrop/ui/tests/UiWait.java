package org.sipdrop.ui.tests;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.eclipse.swt.widgets.Display;

/**
 * Waits on the UI thread for a condition while the display keeps dispatching events (so
 * asyncExec updates land); bounded by a deadline. Tests run on the UI thread (useUIThread).
 */
final class UiWait {

    private UiWait() {
    }

    static void until(BooleanSupplier condition, Duration atMost, String what) {
        Display display = Display.getCurrent();
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + atMost.toSeconds() + " s waiting until " + what);
            }
            if (display != null) {
                while (display.readAndDispatch()) {
                    // drain
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what);
            }
        }
    }

    /** Dispatches pending events a bounded number of times, so the workbench lays out and paints. */
    static void settle(Display display) {
        for (int i = 0; i < 200; i++) {
            while (display.readAndDispatch()) {
                // drain
            }
            if (i % 20 == 0) {
                display.update();
            }
        }
    }
}
