package org.sipdrop.ui.internal.views;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.layout.TableColumnLayout;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.part.ViewPart;
import org.sipdrop.negotiation.FileTransferAgent;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferListener;
import org.sipdrop.transfer.TransferService;
import org.sipdrop.transfer.TransferServiceListener;
import org.sipdrop.transfer.TransferState;
import org.sipdrop.ui.internal.ServiceAccess;
import org.sipdrop.ui.internal.session.WorkbenchSession;
import org.sipdrop.ui.internal.transfers.SpeedMeter;
import org.sipdrop.ui.internal.transfers.TransferActions;
import org.sipdrop.ui.internal.transfers.TransferHistory;
import org.sipdrop.ui.internal.transfers.TransferRecord;
import org.sipdrop.ui.internal.transfers.TransferTable;

/**
 * Every transfer of the workbench user — file, peer, direction, transport, size, a progress bar,
 * speed and state with the reason of a failure — with Cancel, Resume, Open, Show in Project
 * Explorer, Remove and Clear History. Transfers finished in earlier sessions come from the
 * {@link TransferHistory} and show first, as finished rows. Updates from transfer threads are
 * coalesced: at most one refresh is queued on the UI thread at a time, however fast bytes move.
 */
public final class TransfersView extends ViewPart {

    private TableViewer viewer;
    private ServiceAccess<TransferService> service;
    private ServiceAccess<WorkbenchSession> session;
    private ServiceAccess<TransferHistory> history;
    private TransferActions actions;
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private final Map<String, SpeedMeter> meters = new ConcurrentHashMap<>();
    private final TransferRows rows = new TransferRows();
    private final Consumer<WorkbenchSession.State> stateListener = state -> {
        adoptAgentTransfers();
        scheduleRefresh();
    };
    private final Runnable historyListener = this::scheduleRefresh;

    private final TransferListener transferListener = new TransferListener() {
        @Override
        public void stateChanged(Transfer transfer, TransferState previous) {
            scheduleRefresh();
        }

        @Override
        public void progress(Transfer transfer, long bytes) {
            meters.computeIfAbsent(transfer.id(), id -> new SpeedMeter(System::nanoTime)).record(bytes);
            scheduleRefresh();
        }
    };

    private final TransferServiceListener serviceListener = new TransferServiceListener() {
        @Override
        public void transferAdded(Transfer transfer) {
            if (ours(transfer) && rows.add(transfer)) {
                transfer.addListener(transferListener);
                scheduleRefresh();
            }
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
        TransferTable.createColumns(viewer, layout, this::speed);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        ColumnViewerToolTipSupport.enableFor(viewer);
        getSite().setSelectionProvider(viewer);
        service = new ServiceAccess<>(TransfersView.class, TransferService.class);
        session = new ServiceAccess<>(TransfersView.class, WorkbenchSession.class, s -> {
            s.addStateListener(stateListener);
            scheduleRefresh();
        }, s -> s.removeStateListener(stateListener));
        history = new ServiceAccess<>(TransfersView.class, TransferHistory.class, h -> {
            h.addListener(historyListener);
            scheduleRefresh();
        }, h -> h.removeListener(historyListener));
        service.get().ifPresent(s -> {
            s.addListener(serviceListener);
            s.transfers().stream().filter(this::ours).forEach(t -> {
                if (rows.add(t)) {
                    t.addListener(transferListener);
                }
            });
        });
        actions = new TransferActions(viewer, getSite(), session, this::remove, this::clearHistory);
        MenuManager menu = new MenuManager();
        actions.fill(menu);
        actions.fillToolBar(getViewSite().getActionBars().getToolBarManager());
        viewer.getControl().setMenu(menu.createContextMenu(viewer.getControl()));
        getSite().registerContextMenu(menu, viewer);
        refresh();
    }

    private String speed(Object row) {
        if (!(row instanceof Transfer) || ((Transfer) row).state() != TransferState.TRANSFERRING) {
            return "";
        }
        Transfer t = (Transfer) row;
        SpeedMeter meter = meters.get(t.id());
        return meter == null ? "" : SpeedMeter.format(meter.bytesPerSecond());
    }

    private void scheduleRefresh() {
        if (viewer != null && !viewer.getControl().isDisposed() && refreshQueued.compareAndSet(false, true)) {
            viewer.getControl().getDisplay().asyncExec(() -> {
                refreshQueued.set(false);
                refresh();
            });
        }
    }

    /** Shows the current transfers; runs on the UI thread. */
    private void refresh() {
        if (viewer.getControl().isDisposed()) {
            return;
        }
        viewer.setInput(rows().toArray());
        actions.update();
        setContentDescription(service.get().isEmpty() ? "The transfer service is not running"
                : session.get().map(TransfersView::sessionNote).orElse(""));
    }

    /**
     * @return whether a transfer belongs to the workbench user: its agent made it. Other agents
     *         in the same process (a second user in a test) are not shown. Without a session
     *         service every transfer of the process is.
     */
    private boolean ours(Transfer t) {
        Optional<WorkbenchSession> s = session.get();
        return s.isEmpty() || s.get().owns(t);
    }

    /** Takes in the transfers of the session's current agent (after a sign-in). */
    private void adoptAgentTransfers() {
        session.get().flatMap(WorkbenchSession::agent).map(FileTransferAgent::transfers).orElse(List.of()).forEach(t -> {
            if (rows.add(t)) {
                t.addListener(transferListener);
            }
        });
    }

    /** @return the rows: the transfers finished in earlier sessions, then this session's, oldest first */
    public List<Object> rows() {
        return rows.rows(history.get().map(TransferHistory::records).orElse(List.of()));
    }

    /** @return this session's transfers the table shows, oldest first */
    public List<Transfer> shown() {
        return rows.live();
    }

    /** @return the transfers of earlier sessions the table shows, oldest first */
    public List<TransferRecord> past() {
        return rows().stream().filter(TransferRecord.class::isInstance).map(TransferRecord.class::cast).toList();
    }

    /** Removes finished rows from the view and from the history. */
    private void remove(List<String> ids) {
        rows.remove(ids);
        history.get().ifPresent(h -> h.remove(ids));
        refresh();
    }

    /** Removes every finished row, this session's too, from the view and the history. */
    private void clearHistory() {
        rows.removeFinished();
        history.get().ifPresent(TransferHistory::clear);
        refresh();
    }

    private static String sessionNote(WorkbenchSession s) {
        switch (s.state()) {
        case SIGNING_IN:
            return "Signing in…";
        case FAILED:
            return "Not signed in: " + s.failure().orElse("sign-in failed") + " (Window ▸ Preferences ▸ SipDrop)";
        case SIGNED_OUT:
            return "Not signed in";
        default:
            return "";
        }
    }

    /** @return the number of transfers shown */
    public int transferCount() {
        return viewer.getTable().getItemCount();
    }

    /** Selects {@code row} (a transfer or a record) in the table, as a click would. */
    public void select(Object row) {
        viewer.setSelection(new StructuredSelection(row), true);
    }

    /** @return the actions on the selected transfers */
    public TransferActions actions() {
        return actions;
    }

    /** @return the table, for tests and screenshots */
    public Table table() {
        return viewer.getTable();
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }

    @Override
    public void dispose() {
        service.get().ifPresent(s -> s.removeListener(serviceListener));
        session.get().ifPresent(s -> s.removeStateListener(stateListener));
        rows.all().forEach(t -> t.removeListener(transferListener));
        history.get().ifPresent(h -> h.removeListener(historyListener));
        service.close();
        session.close();
        history.close();
        if (actions != null) {
            actions.dispose();
        }
        super.dispose();
    }
}
