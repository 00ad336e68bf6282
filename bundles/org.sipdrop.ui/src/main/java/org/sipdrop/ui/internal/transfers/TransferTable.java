package org.sipdrop.ui.internal.transfers;

import java.util.function.Function;

import org.eclipse.jface.layout.TableColumnLayout;
import org.eclipse.jface.viewers.CellLabelProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnWeightData;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.sipdrop.ui.internal.views.TransferColumns;

/**
 * The columns of the Transfers table: the text columns of {@link TransferColumns}, the progress
 * as a bar, and the speed. Each column gets its share of the view's width and never less than
 * its title or its typical value needs ({@link TransferColumns.Column#minChars()}).
 */
public final class TransferTable {

    /** Title of the column painted as a progress bar. */
    public static final String PROGRESS = "Progress";
    /** Title of the speed column, inserted after the progress bar. */
    public static final String SPEED = "Speed";
    /** Least width of the speed column in characters: {@code 999.9 KiB/s}. */
    private static final int SPEED_CHARS = 11;

    private TransferTable() {
    }

    /** Creates the columns; {@code speed} gives the speed text of a row. */
    public static void createColumns(TableViewer viewer, TableColumnLayout layout, Function<Object, String> speed) {
        GC gc = new GC(viewer.getTable());
        double charWidth;
        try {
            charWidth = gc.getFontMetrics().getAverageCharacterWidth();
        } finally {
            gc.dispose();
        }
        for (TransferColumns.Column c : TransferColumns.ALL) {
            if (PROGRESS.equals(c.title())) {
                column(viewer, layout, PROGRESS, c.weight(), (int) (c.minChars() * charWidth), new ProgressBarLabelProvider());
                column(viewer, layout, SPEED, 1, (int) (SPEED_CHARS * charWidth), text(speed));
            } else {
                column(viewer, layout, c.title(), c.weight(), (int) (c.minChars() * charWidth), text(c::text));
            }
        }
    }

    private static void column(TableViewer viewer, TableColumnLayout layout, String title, int weight, int least,
            CellLabelProvider labels) {
        TableViewerColumn col = new TableViewerColumn(viewer, SWT.LEFT);
        col.getColumn().setText(title);
        col.getColumn().pack(); // the title's width is the least a column gets
        layout.setColumnData(col.getColumn(), new ColumnWeightData(weight, Math.max(least, col.getColumn().getWidth()), true));
        col.setLabelProvider(labels);
    }

    private static ColumnLabelProvider text(Function<Object, String> text) {
        return new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply(element);
            }

            @Override
            public String getToolTipText(Object element) {
                return TransferColumns.toolTip(TransferRecord.of(element));
            }
        };
    }
}
