package org.sipdrop.ui.internal.views;

import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.jface.layout.TableColumnLayout;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnWeightData;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.part.ViewPart;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferListener;
import org.sipdrop.transfer.TransferService;
import org.sipdrop.transfer.TransferServiceListener;
import org.sipdrop.transfer.TransferState;
import org.sipdrop.ui.internal.ServiceAccess;

/**
 * Every transfer of this user with its progress and state. Updates from transfer threads are
 * coalesced: at most one refresh is queued on the UI thread at a time, however fast bytes move.
 */
public final class TransfersView extends ViewPart {

    private TableViewer viewer;
    private ServiceAccess<TransferService> service;
    private final AtomicBoolean refreshQueued = new AtomicBoolean();

    private final TransferListener transferListener = new TransferListener() {
        @Override
        public void stateChanged(Transfer transfer, TransferState previous) {
            scheduleRefresh();
        }

        @Override
        public void progress(Transfer transfer, long bytes) {
            scheduleRefresh();
        }
    };

    private final TransferServiceListener serviceListener = new TransferServiceListener() {
        @Override
        public void transferAdded(Transfer transfer) {
            transfer.addListener(transferListener);
            scheduleRefresh();
        }
    };

    @Override
    public void createPartControl(Composite parent) {
        Composite holder = new Composite(parent, SWT.NONE);
        TableColumnLayout layout = new TableColumnLayout();
        holder.setLayout(layout);
        viewer = new TableViewer(holder, SWT.MULTI | SWT.FULL_SELECTION | SWT.V_SCROLL);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        for (TransferColumns.Column c : TransferColumns.ALL) {
            TableViewerColumn col = new TableViewerColumn(viewer, SWT.LEFT);
            col.getColumn().setText(c.title());
            layout.setColumnData(col.getColumn(), new ColumnWeightData(c.weight, 50, true));
            col.setLabelProvider(new ColumnLabelProvider() {
                @Override
                public String getText(Object element) {
                    return c.text((Transfer) element);
                }
            });
        }
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        getSite().setSelectionProvider(viewer);
        service = new ServiceAccess<>(TransfersView.class, TransferService.class);
        service.get().ifPresent(s -> {
            s.addListener(serviceListener);
            s.transfers().forEach(t -> t.addListener(transferListener));
        });
        refresh();
    }

    private void scheduleRefresh() {
        if (viewer != null && !viewer.getControl().isDisposed() && refreshQueued.compareAndSet(false, true)) {
            viewer.getControl().getDisplay().asyncExec(() -> {
                refreshQueued.set(false);
                refresh();
            });
        }
    }

    private void refresh() {
        if (viewer.getControl().isDisposed()) {
            return;
        }
        viewer.setInput(service.get().map(TransferService::transfers).orElse(java.util.List.of()).toArray());
        setContentDescription(service.get().isPresent() ? "" : "The transfer service is not running");
    }

    /** @return the number of transfers shown */
    public int transferCount() {
        return viewer.getTable().getItemCount();
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }

    @Override
    public void dispose() {
        service.get().ifPresent(s -> {
            s.removeListener(serviceListener);
            s.transfers().forEach(t -> t.removeListener(transferListener));
        });
        service.close();
        super.dispose();
    }
}
