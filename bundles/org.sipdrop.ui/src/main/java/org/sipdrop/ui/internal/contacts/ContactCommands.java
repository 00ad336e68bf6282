package org.sipdrop.ui.internal.contacts;

/** The command ids of the Contacts view, as declared in plugin.xml. */
public final class ContactCommands {

    /**
     * Sends files to a contact. Parameter {@link #SEND_FILE_CONTACT} is the contact's address
     * of record; without it the contacts selected in the active part (rows of the Contacts
     * view) are the recipients. Its default handler asks for files with a file dialog; a
     * richer handler (the Send dialog) may take over.
     */
    public static final String SEND_FILE = "org.sipdrop.ui.commands.sendFile";
    /** Parameter of {@link #SEND_FILE}: the recipient's address of record, e.g. {@code sip:bob@example.com}. */
    public static final String SEND_FILE_CONTACT = "org.sipdrop.ui.commands.sendFile.contact";
    public static final String ADD_CONTACT = "org.sipdrop.ui.commands.addContact";
    public static final String RENAME_CONTACT = "org.sipdrop.ui.commands.renameContact";
    public static final String REMOVE_CONTACT = "org.sipdrop.ui.commands.removeContact";

    private ContactCommands() {
    }
}
