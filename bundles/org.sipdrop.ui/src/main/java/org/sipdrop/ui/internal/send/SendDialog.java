package org.sipdrop.ui.internal.send;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.CheckboxTableViewer;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.sipdrop.negotiation.SendOptions;
import org.sipdrop.ui.internal.views.Contact;

/**
 * Send to Contact…: the files to send (the selection, plus any added from disk), the contacts
 * to send them to (one-to-many: each gets an offer, all in one {@link SendJob}) and the transport
 * — automatic or one of the transports installed right now. Send stays disabled until there is a
 * file and a contact.
 */
public final class SendDialog extends TitleAreaDialog {

    /** Shell title, also how tests find the dialog. */
    public static final String TITLE = "Send to Contact";
    /** Label of the automatic transport choice. */
    public static final String AUTOMATIC = "Automatic";

    private final List<Path> files;
    private final List<Contact> contacts;
    private final Set<String> preselected;
    private final List<String> schemes;
    private org.eclipse.swt.widgets.List fileList;
    private CheckboxTableViewer contactViewer;
    private Combo transport;
    private org.eclipse.swt.widgets.Text message;
    private SendRequest request;

    /**
     * @param contacts the user's contacts
     * @param preselected addresses checked at first
     * @param schemes the URI schemes of the transports installed now
     */
    public SendDialog(Shell parent, List<Path> files, List<Contact> contacts, Set<String> preselected, List<String> schemes) {
        super(parent);
        this.files = new ArrayList<>(files);
        this.contacts = List.copyOf(contacts);
        this.preselected = Set.copyOf(preselected);
        this.schemes = List.copyOf(schemes);
        setShellStyle(getShellStyle() | SWT.RESIZE);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(TITLE);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle("Send files to contacts");
        setMessage("Each contact gets an offer and accepts or declines it before any byte moves.");
        Composite body = new Composite(area, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(body);
        GridLayoutFactory.swtDefaults().numColumns(3).applyTo(body);

        label(body, "&Files:");
        fileList = new org.eclipse.swt.widgets.List(body, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL);
        GridDataFactory.fillDefaults().grab(true, true).hint(360, 70).applyTo(fileList);
        Composite fileButtons = new Composite(body, SWT.NONE);
        GridLayoutFactory.fillDefaults().applyTo(fileButtons);
        GridDataFactory.fillDefaults().align(SWT.FILL, SWT.BEGINNING).applyTo(fileButtons);
        button(fileButtons, "&Add…", this::addFiles);
        button(fileButtons, "&Remove", this::removeFiles);
        showFiles();

        label(body, "&Contacts:");
        contactViewer = CheckboxTableViewer.newCheckList(body, SWT.BORDER | SWT.V_SCROLL);
        GridDataFactory.fillDefaults().grab(true, true).span(2, 1).hint(360, 90).applyTo(contactViewer.getControl());
        contactViewer.setContentProvider(ArrayContentProvider.getInstance());
        contactViewer.setLabelProvider(new LabelProvider() {
            @Override
            public String getText(Object element) {
                Contact c = (Contact) element;
                return c.name().equals(c.address()) ? c.address() : c.name() + " <" + c.address() + ">";
            }
        });
        contactViewer.setInput(contacts);
        contactViewer.setCheckedElements(contacts.stream().filter(c -> preselected.contains(c.address())).toArray());
        contactViewer.addCheckStateListener(e -> validate());

        label(body, "&Transport:");
        transport = new Combo(body, SWT.READ_ONLY);
        transport.add(AUTOMATIC);
        schemes.forEach(transport::add);
        transport.select(0);
        transport.setToolTipText("Automatic: a transport you and each contact both have, file by file to each."
                + " A storage (http, https): each file is uploaded once, and every contact downloads it.");
        GridDataFactory.fillDefaults().span(2, 1).applyTo(transport);

        label(body, "&Message:");
        message = new org.eclipse.swt.widgets.Text(body, SWT.SINGLE | SWT.BORDER);
        message.setMessage("optional, shown with the offer");
        message.setTextLimit(SendOptions.MAX_MESSAGE_LENGTH);
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(message);
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, "&Send", true);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
        validate();
    }

    private static void label(Composite parent, String text) {
        Label l = new Label(parent, SWT.NONE);
        l.setText(text);
        GridDataFactory.fillDefaults().align(SWT.BEGINNING, SWT.BEGINNING).applyTo(l);
    }

    private static void button(Composite parent, String text, Runnable action) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(b);
        b.addListener(SWT.Selection, e -> action.run());
    }

    private void addFiles() {
        FileDialog dialog = new FileDialog(getShell(), SWT.OPEN | SWT.MULTI);
        if (dialog.open() != null) {
            for (String name : dialog.getFileNames()) {
                files.add(Path.of(dialog.getFilterPath(), name));
            }
            showFiles();
        }
    }

    private void removeFiles() {
        int[] gone = fileList.getSelectionIndices();
        for (int i = gone.length - 1; i >= 0; i--) {
            files.remove(gone[i]);
        }
        showFiles();
    }

    private void showFiles() {
        List<Path> unique = new ArrayList<>(new LinkedHashSet<>(files));
        files.clear();
        files.addAll(unique);
        fileList.setItems(files.stream().map(SendDialog::shown).toArray(String[]::new));
        validate();
    }

    /** @return the workspace path of a workspace file (as the Project Explorer shows it), else the path on disk */
    private static String shown(Path file) {
        IFile[] inWorkspace = ResourcesPlugin.getWorkspace().getRoot().findFilesForLocationURI(file.toUri());
        return inWorkspace.length > 0 ? inWorkspace[0].getFullPath().toString() : file.toString();
    }

    /** Enables Send only with a file and a contact; says what is missing. */
    private void validate() {
        if (contactViewer == null || getButton(IDialogConstants.OK_ID) == null) {
            return;
        }
        String problem = files.isEmpty() ? "Add a file to send."
                : contacts.isEmpty() ? "You have no contacts yet: add one in the Contacts view."
                : contactViewer.getCheckedElements().length == 0 ? "Check the contacts to send to." : null;
        setErrorMessage(problem);
        getButton(IDialogConstants.OK_ID).setEnabled(problem == null);
    }

    @Override
    protected void okPressed() {
        List<String> to = new ArrayList<>();
        for (Object c : contactViewer.getCheckedElements()) {
            to.add(((Contact) c).address());
        }
        String via = transport.getSelectionIndex() <= 0 ? SendOptions.AUTO : transport.getText();
        try {
            request = new SendRequest(files, to, via, message.getText());
        } catch (IllegalArgumentException e) {
            setErrorMessage(e.getMessage());
            return;
        }
        super.okPressed();
    }

    /** @return what to send, once the dialog closed with Send; null otherwise */
    public SendRequest request() {
        return request;
    }

    /** Checks (or unchecks) the contact with {@code address}; for tests driving the dialog. */
    public void check(String address, boolean checked) {
        contacts.stream().filter(c -> c.address().equals(address)).forEach(c -> contactViewer.setChecked(c, checked));
        validate();
    }

    /** Types {@code text} into the message field; for tests driving the dialog. */
    public void typeMessage(String text) {
        message.setText(text);
    }

    /** Selects the transport {@code scheme}, or {@link #AUTOMATIC}; for tests driving the dialog. */
    public void selectTransport(String scheme) {
        int i = transport.indexOf(scheme);
        if (i < 0) {
            throw new IllegalArgumentException("No transport '" + scheme + "' installed; there are " + schemes);
        }
        transport.select(i);
    }
}
