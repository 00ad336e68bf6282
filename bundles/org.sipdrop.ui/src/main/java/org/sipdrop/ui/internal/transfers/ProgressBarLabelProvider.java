package org.sipdrop.ui.internal.transfers;

import org.eclipse.jface.viewers.OwnerDrawLabelProvider;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.TableItem;
import org.sipdrop.transfer.TransferState;
import org.sipdrop.ui.internal.views.TransferColumns;

/** Paints the Progress cell as a bar with the percentage on it. */
final class ProgressBarLabelProvider extends OwnerDrawLabelProvider {

    private static final int INSET = 3;

    @Override
    protected void measure(Event event, Object element) {
        // the column's width decides
    }

    @Override
    protected void paint(Event event, Object element) {
        TransferRecord t = TransferRecord.of(element);
        Rectangle cell = ((TableItem) event.item).getBounds(event.index);
        Rectangle bar = new Rectangle(cell.x + INSET, cell.y + INSET, Math.max(0, cell.width - 2 * INSET),
                Math.max(0, cell.height - 2 * INSET));
        GC gc = event.gc;
        Display display = event.display;
        gc.setForeground(display.getSystemColor(SWT.COLOR_WIDGET_NORMAL_SHADOW));
        gc.drawRectangle(bar.x, bar.y, bar.width - 1, bar.height - 1);
        int filled = (int) Math.round((bar.width - 2) * TransferColumns.fraction(t));
        if (filled > 0) {
            gc.setBackground(display.getSystemColor(t.state() == TransferState.FAILED || t.state() == TransferState.REJECTED
                    ? SWT.COLOR_RED : SWT.COLOR_LIST_SELECTION));
            gc.fillRectangle(bar.x + 1, bar.y + 1, filled, bar.height - 2);
        }
        String text = TransferColumns.progress(t);
        Point extent = gc.textExtent(text);
        gc.setForeground(display.getSystemColor(SWT.COLOR_LIST_FOREGROUND));
        gc.drawText(text, bar.x + (bar.width - extent.x) / 2, bar.y + (bar.height - extent.y) / 2, true);
    }
}
