package org.sipdrop.ui.internal.contacts;

/** The ids of the contact commands, as declared in plugin.xml; sending is in {@link org.sipdrop.ui.internal.send.Commands}. */
public final class ContactCommands {

    public static final String ADD_CONTACT = "org.sipdrop.ui.commands.addContact";
    public static final String RENAME_CONTACT = "org.sipdrop.ui.commands.renameContact";
    public static final String REMOVE_CONTACT = "org.sipdrop.ui.commands.removeContact";

    private ContactCommands() {
    }
}
