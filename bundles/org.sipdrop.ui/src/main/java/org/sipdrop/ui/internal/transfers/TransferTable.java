package org.sipdrop.ui.internal.transfers;

import java.util.function.Function;

import org.eclipse.jface.layout.TableColumnLayout;
import org.eclipse.jface.viewers.CellLabelProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnWeightData;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.ui.internal.views.TransferColumns;

/** The columns of the Transfers table: the text columns of {@link TransferColumns}, the progress as a bar, and the speed. */
public final class TransferTable {

    /** Title of the column painted as a progress bar. */
    public static final String PROGRESS = "Progress";
    /** Title of the speed column, inserted after the progress bar. */
    public static final String SPEED = "Speed";

    private static final int MIN_WIDTH = 60;

    private TransferTable() {
    }

    /** Creates the columns; {@code speed} gives the speed text of a transfer. */
    public static void createColumns(TableViewer viewer, TableColumnLayout layout, Function<Transfer, String> speed) {
        for (TransferColumns.Column c : TransferColumns.ALL) {
            if (PROGRESS.equals(c.title())) {
                column(viewer, layout, PROGRESS, 3, new ProgressBarLabelProvider());
                column(viewer, layout, SPEED, 2, text(speed));
            } else {
                column(viewer, layout, c.title(), c.weight(), text(c::text));
            }
        }
    }

    private static void column(TableViewer viewer, TableColumnLayout layout, String title, int weight, CellLabelProvider labels) {
        TableViewerColumn col = new TableViewerColumn(viewer, SWT.LEFT);
        col.getColumn().setText(title);
        col.getColumn().pack(); // the title's width is the least a column gets
        layout.setColumnData(col.getColumn(), new ColumnWeightData(weight, Math.max(MIN_WIDTH, col.getColumn().getWidth()), true));
        col.setLabelProvider(labels);
    }

    private static ColumnLabelProvider text(Function<Transfer, String> text) {
        return new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((Transfer) element);
            }
        };
    }
}
