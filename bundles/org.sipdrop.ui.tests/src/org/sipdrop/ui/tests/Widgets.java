package org.sipdrop.ui.tests;

import java.util.Optional;
import java.util.function.Predicate;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Text;

/** Drives real SWT widgets the way a user's input reaches them: set the value, then send the event. */
final class Widgets {

    private Widgets() {
    }

    static void type(Text text, String value) {
        text.setFocus();
        text.setText(value); // sends SWT.Modify
    }

    static void click(Button button) {
        if (!button.isEnabled()) {
            throw new AssertionError("button '" + button.getText() + "' is disabled");
        }
        if ((button.getStyle() & (SWT.CHECK | SWT.RADIO)) != 0) {
            button.setSelection(!button.getSelection());
        }
        button.notifyListeners(SWT.Selection, new Event());
    }

    static void select(Combo combo, int index) {
        combo.select(index);
        combo.notifyListeners(SWT.Selection, new Event());
    }

    /** @return the dialog button with that id (JFace dialogs keep the id in the button's data) */
    static Button dialogButton(Composite root, int id) {
        return find(root, c -> c instanceof Button && Integer.valueOf(id).equals(c.getData()))
                .map(Button.class::cast).orElseThrow(() -> new AssertionError("no dialog button " + id));
    }

    static Button okButton(Composite root) {
        return dialogButton(root, IDialogConstants.OK_ID);
    }

    static Optional<Control> find(Composite root, Predicate<Control> match) {
        for (Control c : root.getChildren()) {
            if (match.test(c)) {
                return Optional.of(c);
            }
            if (c instanceof Composite) {
                Optional<Control> inner = find((Composite) c, match);
                if (inner.isPresent()) {
                    return inner;
                }
            }
        }
        return Optional.empty();
    }
}
