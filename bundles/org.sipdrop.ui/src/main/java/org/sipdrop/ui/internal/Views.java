package org.sipdrop.ui.internal;

/** The ids of SipDrop's views, as declared in plugin.xml. */
public final class Views {

    public static final String CONTACTS = "org.sipdrop.ui.views.contacts";
    public static final String TRANSFERS = "org.sipdrop.ui.views.transfers";

    private Views() {
    }
}
