package org.sipdrop.ui.internal.send;

/** The ids of the sending commands, as declared in plugin.xml. */
public final class Commands {

    /** Opens the Send dialog; its optional {@link #SEND_FILE_CONTACT} preselects a contact. */
    public static final String SEND_FILE = "org.sipdrop.ui.commands.sendFile";
    /** Parameter of {@link #SEND_FILE}: a contact's SIP address to preselect. */
    public static final String SEND_FILE_CONTACT = "org.sipdrop.ui.commands.sendFile.contact";
    /** Sends the selected files at once to one contact with automatic transport choice. */
    public static final String SEND_TO = "org.sipdrop.ui.commands.sendTo";
    /** Parameter of {@link #SEND_TO}: the contact's SIP address; required. */
    public static final String SEND_TO_CONTACT = "org.sipdrop.ui.commands.sendTo.contact";

    private Commands() {
    }
}
