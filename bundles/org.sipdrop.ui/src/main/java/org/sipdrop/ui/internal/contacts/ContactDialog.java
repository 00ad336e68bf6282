package org.sipdrop.ui.internal.contacts;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.sipdrop.ui.internal.views.Contact;

/** Asks for a new contact's name and SIP address; OK only when the address is one. */
final class ContactDialog extends TitleAreaDialog {

    private final String self;
    private Text name;
    private Text address;
    private Contact result;

    ContactDialog(Shell parent, String self) {
        super(parent);
        this.self = self;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle("Add Contact");
        setMessage("Whom do you send files to? A bare name means someone on your own server.");
        Composite form = new Composite(area, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(form);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(form);
        new Label(form, SWT.NONE).setText("SIP &address:");
        address = new Text(form, SWT.SINGLE | SWT.BORDER);
        address.setMessage("sip:bob@example.com, bob@example.com or bob");
        GridDataFactory.fillDefaults().grab(true, false).hint(320, SWT.DEFAULT).applyTo(address);
        new Label(form, SWT.NONE).setText("&Name:");
        name = new Text(form, SWT.SINGLE | SWT.BORDER);
        name.setMessage("shown in the Contacts view");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(name);
        address.addModifyListener(e -> validate());
        name.addModifyListener(e -> validate());
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        super.createButtonsForButtonBar(parent);
        getButton(IDialogConstants.OK_ID).setEnabled(false);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Add Contact");
    }

    private void validate() {
        try {
            result = ContactInput.contact(name.getText(), address.getText(), self);
            setErrorMessage(null);
        } catch (IllegalArgumentException e) {
            result = null;
            setErrorMessage(address.getText().isBlank() ? null : e.getMessage());
        }
        getButton(IDialogConstants.OK_ID).setEnabled(result != null);
    }

    /** @return the contact entered, once OK was pressed */
    Contact contact() {
        return result;
    }
}
