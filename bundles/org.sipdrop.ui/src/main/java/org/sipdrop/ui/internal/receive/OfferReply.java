package org.sipdrop.ui.internal.receive;

import java.util.Optional;

import org.eclipse.core.runtime.IPath;

/** The user's answer to one offer: accept (optionally into a chosen workspace file) or reject. */
final class OfferReply {

    private static final OfferReply REJECT = new OfferReply(false, null);
    private static final OfferReply ACCEPT = new OfferReply(true, null);

    private final boolean accepted;
    private final IPath saveAs;

    private OfferReply(boolean accepted, IPath saveAs) {
        this.accepted = accepted;
        this.saveAs = saveAs;
    }

    static OfferReply accept() {
        return ACCEPT;
    }

    /** @param saveAs the workspace path of the file to create, e.g. {@code /project/folder/name.txt} */
    static OfferReply saveAs(IPath saveAs) {
        return new OfferReply(true, saveAs);
    }

    static OfferReply reject() {
        return REJECT;
    }

    boolean accepted() {
        return accepted;
    }

    Optional<IPath> saveAs() {
        return Optional.ofNullable(saveAs);
    }
}
