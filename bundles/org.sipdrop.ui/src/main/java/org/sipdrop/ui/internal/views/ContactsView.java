package org.sipdrop.ui.internal.views;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.IEclipsePreferences.IPreferenceChangeListener;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.GroupMarker;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.layout.TableColumnLayout;
import org.eclipse.jface.resource.ResourceLocator;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.ColumnWeightData;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.ui.commands.ICommandService;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.part.ViewPart;
import org.sipdrop.presence.Presence;
import org.sipdrop.presence.PresenceClient;
import org.sipdrop.transfer.TransferService;
import org.sipdrop.transfer.TransferServiceListener;
import org.sipdrop.ui.internal.ServiceAccess;
import org.sipdrop.ui.internal.prefs.PreferenceKeys;
import org.sipdrop.ui.internal.send.Commands;
import org.sipdrop.ui.internal.session.WorkbenchSession;

/**
 * The user's contacts with their live presence (RFC 3856 subscriptions held by the session),
 * the user's own status, and "Send File…" by double-click, context menu or dropping files on
 * a contact. Its first line says who the user is signed in as; a row shows a contact's name
 * and status, its tooltip the address and the transports files can go over. Contacts are kept
 * in the preferences ({@link ContactStore}); the view follows them, the session and every
 * presence change.
 */
public final class ContactsView extends ViewPart {

    private final IEclipsePreferences prefs = InstanceScope.INSTANCE.getNode(PreferenceKeys.NODE);
    private final Consumer<Presence> presenceListener = p -> refreshLater();
    private final Consumer<WorkbenchSession.State> stateListener = s -> refreshLater();
    private final IPreferenceChangeListener contactsListener = e -> {
        if (PreferenceKeys.CONTACTS.equals(e.getKey())) {
            refreshLater();
        }
    };
    private final TransferServiceListener transportsListener = new TransferServiceListener() {
        @Override
        public void transportsChanged(TransferService service) {
            refreshLater();
        }
    };

    private TableViewer viewer;
    private OwnStatusBar own;
    private PresenceImages images;
    private ContactDrop drop;
    private ServiceAccess<WorkbenchSession> session;
    private ServiceAccess<TransferService> transfers;
    /** The presence client listened to; touched on the UI thread only. */
    private PresenceClient attached;

    @Override
    public void createPartControl(Composite parent) {
        GridLayoutFactory.fillDefaults().spacing(0, 0).applyTo(parent);
        own = new OwnStatusBar(parent, prefs);
        Composite holder = new Composite(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(holder);
        TableColumnLayout layout = new TableColumnLayout();
        holder.setLayout(layout);
        viewer = new TableViewer(holder, SWT.MULTI | SWT.FULL_SELECTION | SWT.V_SCROLL);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        images = new PresenceImages(viewer.getControl());
        column(layout, "Name", 3, 110, row -> row.contact().name(), row -> images.of(row.status()));
        column(layout, "Status", 2, 80, ContactRow::statusText, row -> null);
        column(layout, "Note", 3, 90, ContactRow::note, row -> null);
        column(layout, "Address", 4, 120, row -> row.contact().address(), row -> null);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        ColumnViewerToolTipSupport.enableFor(viewer);
        viewer.addDoubleClickListener(e -> sendToSelection());
        getSite().setSelectionProvider(viewer);
        contextMenu();
        drop = ContactDrop.install(viewer, this::currentSession);

        transfers = new ServiceAccess<>(ContactsView.class, TransferService.class);
        transfers.get().ifPresent(s -> s.addListener(transportsListener));
        prefs.addPreferenceChangeListener(contactsListener);
        session = new ServiceAccess<>(ContactsView.class, WorkbenchSession.class, s -> {
            s.addStateListener(stateListener);
            refreshLater();
        }, s -> {
            s.removeStateListener(stateListener);
            refreshLater();
        });
        refresh();
    }

    private void column(TableColumnLayout layout, String title, int weight, int minimum, Function<ContactRow, String> text,
            Function<ContactRow, Image> image) {
        TableViewerColumn col = new TableViewerColumn(viewer, SWT.LEFT);
        col.getColumn().setText(title);
        layout.setColumnData(col.getColumn(), new ColumnWeightData(weight, minimum, true));
        col.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((ContactRow) element);
            }

            @Override
            public Image getImage(Object element) {
                return image.apply((ContactRow) element);
            }

            @Override
            public String getToolTipText(Object element) {
                return ((ContactRow) element).toolTip(ourSchemes());
            }
        });
    }

    private void contextMenu() {
        MenuManager menu = new MenuManager("#PopupMenu");
        Action send = new Action("Send File…") {
            @Override
            public void run() {
                sendToSelection();
            }
        };
        send.setImageDescriptor(ResourceLocator.imageDescriptorFromBundle(PreferenceKeys.NODE, "icons/send-file.png").orElse(null));
        menu.setRemoveAllWhenShown(true);
        menu.addMenuListener(m -> {
            if (selectedRow().isPresent()) {
                m.add(send);
                m.add(new Separator());
            }
            m.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
        });
        viewer.getControl().setMenu(menu.createContextMenu(viewer.getControl()));
        getSite().registerContextMenu(menu, viewer);
    }

    private Optional<WorkbenchSession> currentSession() {
        return session == null ? Optional.empty() : session.get();
    }

    private void refreshLater() {
        if (viewer == null || viewer.getControl().isDisposed()) {
            return;
        }
        Display display = viewer.getControl().getDisplay();
        display.asyncExec(() -> {
            if (!viewer.getControl().isDisposed()) {
                refresh();
            }
        });
    }

    /** Re-reads the contacts, follows the session's presence client and shows the latest presence. */
    public void refresh() {
        Optional<WorkbenchSession> current = currentSession();
        PresenceClient now = current.flatMap(WorkbenchSession::presence).orElse(null);
        if (now != attached) {
            if (attached != null) {
                attached.removeListener(presenceListener);
            }
            if (now != null) {
                now.addListener(presenceListener);
            }
            attached = now;
        }
        Map<String, Presence> presences = now == null ? Map.of() : now.contacts();
        List<ContactRow> rows = ContactRow.of(new ContactStore(prefs).load(), presences);
        viewer.setInput(rows);
        setContentDescription(current.map(OwnStatusBar::describe).orElse("SipDrop is starting…"));
    }

    /** @return the transports installed here */
    private Set<String> ourSchemes() {
        return transfers == null ? Set.of() : transfers.get().map(TransferService::schemes).orElse(Set.of());
    }

    private Optional<ContactRow> selectedRow() {
        Object first = ((IStructuredSelection) viewer.getSelection()).getFirstElement();
        return first instanceof ContactRow ? Optional.of((ContactRow) first) : Optional.empty();
    }

    /**
     * Runs "Send File…" for the first selected contact (double-click, context menu), with the
     * contact as the command's parameter, whichever handler (file dialog, Send dialog) runs it.
     */
    private void sendToSelection() {
        Optional<ContactRow> row = selectedRow();
        if (row.isEmpty()) {
            return;
        }
        ICommandService commands = getSite().getService(ICommandService.class);
        IHandlerService handlers = getSite().getService(IHandlerService.class);
        ParameterizedCommand send = ParameterizedCommand.generateCommand(commands.getCommand(Commands.SEND_FILE),
                Map.of(Commands.SEND_FILE_CONTACT, row.get().contact().address()));
        try {
            handlers.executeCommand(send, null);
        } catch (Exception e) {
            ILog.of(ContactsView.class).error("SipDrop: Send File… failed: " + e.getMessage(), e);
        }
    }

    /** @return the number of contacts shown */
    public int contactCount() {
        return viewer.getTable().getItemCount();
    }

    /** @return the viewer (tests drive its widgets) */
    public TableViewer viewer() {
        return viewer;
    }

    /** @return the own-status selector */
    public org.eclipse.swt.widgets.Combo statusSelector() {
        return own.statusCombo();
    }

    /** @return the own-note field */
    public org.eclipse.swt.widgets.Text noteField() {
        return own.noteText();
    }

    /** @return the view's first line: who the user is signed in as, or why not */
    public String sessionText() {
        return getContentDescription();
    }

    /** Offers files dropped at a display point, as a drop of {@code data} there would (tests). */
    public boolean dropAt(org.eclipse.swt.graphics.Point displayPoint, Object data) {
        return drop.drop(displayPoint, data);
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }

    @Override
    public void dispose() {
        prefs.removePreferenceChangeListener(contactsListener);
        if (attached != null) {
            attached.removeListener(presenceListener);
        }
        if (session != null) {
            session.get().ifPresent(s -> s.removeStateListener(stateListener));
            session.close();
        }
        if (transfers != null) {
            transfers.get().ifPresent(s -> s.removeListener(transportsListener));
            transfers.close();
        }
        super.dispose();
    }
}
