package org.sipdrop.ui.internal.receive;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.eclipse.core.runtime.IPath;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.notifications.AbstractNotificationPopup;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.ui.internal.views.TransferColumns;

/**
 * The non-modal notification of one incoming offer (Eclipse notifications,
 * org.eclipse.jface.notifications): who sends which file, its size and type, and Accept /
 * Reject / Save As…. It stays until answered — the offer waits for it — and closing it rejects.
 * Everything shown came from the network, so control characters are replaced before display.
 */
final class OfferNotification extends AbstractNotificationPopup {

    /** Width of the wrapped lines, inside the notification's own maximum width. */
    private static final int TEXT_WIDTH = 340;

    /** Shell data key holding the offer, so tests and screenshots can find the popup. */
    static final String OFFER_KEY = "org.sipdrop.ui.offer";

    private final String sender;
    private final FileOffer offer;
    private final CompletableFuture<OfferReply> reply;
    private final Function<Shell, IPath> saveAs;

    /**
     * @param saveAs asks the user for a workspace file to save into (a modal dialog); null when cancelled
     */
    OfferNotification(Display display, String sender, FileOffer offer, CompletableFuture<OfferReply> reply,
            Function<Shell, IPath> saveAs) {
        super(display);
        this.sender = sender;
        this.offer = offer;
        this.reply = reply;
        this.saveAs = saveAs;
        setDelayClose(0); // no auto-close: the offer waits for an answer
        setFadingEnabled(false);
    }

    @Override
    protected String getPopupShellTitle() {
        return "Incoming file";
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setData(OFFER_KEY, offer);
    }

    @Override
    protected void createContentArea(Composite parent) {
        GridLayoutFactory.fillDefaults().numColumns(1).spacing(4, 4).applyTo(parent);
        line(parent, printable(sender) + " offers you", null);
        line(parent, printable(offer.name()), JFaceResources.getFontRegistry().getBold(JFaceResources.DEFAULT_FONT));
        line(parent, TransferColumns.size(offer.size()) + " · " + printable(offer.mediaType())
                + offer.description().map(d -> "\n" + printable(d)).orElse(""), null);
        offer.sha1Hex().ifPresent(h -> line(parent, "SHA-1 " + h.replaceAll("(.{4})(?!$)", "$1 "),
                JFaceResources.getFontRegistry().getItalic(JFaceResources.DEFAULT_FONT)));
        Composite buttons = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).equalWidth(true).applyTo(buttons);
        GridDataFactory.fillDefaults().align(SWT.END, SWT.CENTER).grab(true, false).applyTo(buttons);
        button(buttons, "Accept", () -> answer(OfferReply.accept()));
        button(buttons, "Reject", () -> answer(OfferReply.reject()));
        button(buttons, "Save As…", this::askWhere);
    }

    private static void line(Composite parent, String text, org.eclipse.swt.graphics.Font font) {
        Label label = new Label(parent, SWT.WRAP);
        label.setText(text);
        if (font != null) {
            label.setFont(font);
        }
        GridDataFactory.fillDefaults().grab(true, false).hint(TEXT_WIDTH, SWT.DEFAULT).applyTo(label);
    }

    private void button(Composite parent, String text, Runnable action) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(b);
        b.addListener(SWT.Selection, e -> action.run());
    }

    private void askWhere() {
        IPath where = saveAs.apply(getShell());
        if (where != null) {
            answer(OfferReply.saveAs(where));
        }
    }

    private void answer(OfferReply r) {
        reply.complete(r);
        close();
    }

    @Override
    public boolean close() {
        reply.complete(OfferReply.reject()); // no-op when already answered
        return super.close();
    }

    /** @return the text with control and format characters replaced by '?' */
    static String printable(String text) {
        StringBuilder b = new StringBuilder();
        text.codePoints().forEach(c -> b.appendCodePoint(
                Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c));
        return b.toString();
    }
}
