package org.sipdrop.ui.tests;

import java.util.function.Consumer;

import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/**
 * Answers a modal dialog the test is about to open: the answer runs inside the dialog's own
 * event loop once a shell with the expected title is active, and closes the dialog if it fails,
 * so a test never hangs on a modal dialog. Bounded: 200 tries 50 ms apart.
 */
final class Dialogs {

    private Dialogs() {
    }

    static void answer(String title, Consumer<Shell> answer) {
        Display display = Display.getCurrent();
        display.asyncExec(() -> attempt(display, title, answer, 200));
    }

    private static void attempt(Display display, String title, Consumer<Shell> answer, int triesLeft) {
        Shell dialog = display.getActiveShell();
        if (dialog == null || !title.equals(dialog.getText())) {
            if (triesLeft == 0) {
                throw new AssertionError("no dialog '" + title + "' opened");
            }
            display.timerExec(50, () -> attempt(display, title, answer, triesLeft - 1));
            return;
        }
        try {
            answer.accept(dialog);
        } catch (RuntimeException | AssertionError e) {
            dialog.close();
            throw e;
        }
    }
}
