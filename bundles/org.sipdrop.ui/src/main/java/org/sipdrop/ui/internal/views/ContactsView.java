package org.sipdrop.ui.internal.views;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.layout.TableColumnLayout;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnWeightData;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.part.ViewPart;
import org.sipdrop.transfer.TransferService;
import org.sipdrop.transfer.TransferServiceListener;
import org.sipdrop.ui.internal.ServiceAccess;

/**
 * The user's contacts. They are kept in the instance preferences of this bundle (key
 * {@value #CONTACTS_KEY}, one {@code Name <sip:aor>} per line). Presence arrives with the
 * presence service; until then the status column says so.
 */
public final class ContactsView extends ViewPart {

    /** Preference key holding the contacts, one per line. */
    public static final String CONTACTS_KEY = "contacts";

    private TableViewer viewer;
    private ServiceAccess<TransferService> transfers;
    private final TransferServiceListener transportsListener = new TransferServiceListener() {
        @Override
        public void transportsChanged(TransferService service) {
            viewer.getControl().getDisplay().asyncExec(ContactsView.this::showTransports);
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
        column(layout, "Name", 3, c -> ((Contact) c).name());
        column(layout, "Address", 4, c -> ((Contact) c).address());
        column(layout, "Status", 2, c -> "unknown");
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.setInput(load());
        getSite().setSelectionProvider(viewer);
        transfers = new ServiceAccess<>(ContactsView.class, TransferService.class);
        transfers.get().ifPresent(s -> s.addListener(transportsListener));
        showTransports();
    }

    private void column(TableColumnLayout layout, String title, int weight, java.util.function.Function<Object, String> text) {
        TableViewerColumn col = new TableViewerColumn(viewer, SWT.LEFT);
        col.getColumn().setText(title);
        layout.setColumnData(col.getColumn(), new ColumnWeightData(weight, 60, true));
        col.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply(element);
            }
        });
    }

    private void showTransports() {
        if (viewer == null || viewer.getControl().isDisposed()) {
            return;
        }
        String schemes = transfers.get().map(s -> String.join(", ", s.schemes())).orElse("");
        setContentDescription(schemes.isEmpty() ? "No transport installed" : "Transports: " + schemes);
    }

    /** @return the stored contacts; lines that are not SIP addresses are skipped */
    static List<Contact> load() {
        IEclipsePreferences prefs = InstanceScope.INSTANCE.getNode("org.sipdrop.ui");
        List<Contact> contacts = new ArrayList<>();
        for (String line : prefs.get(CONTACTS_KEY, "").split("\n")) {
            if (!line.isBlank()) {
                try {
                    contacts.add(Contact.parse(line));
                } catch (IllegalArgumentException e) {
                    // a hand-edited line that is not a contact: leave it out of the view
                }
            }
        }
        return contacts;
    }

    /** Re-reads the stored contacts. */
    public void refresh() {
        viewer.setInput(load());
    }

    /** @return the number of contacts shown */
    public int contactCount() {
        return viewer.getTable().getItemCount();
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }

    @Override
    public void dispose() {
        if (transfers != null) {
            transfers.get().ifPresent(s -> s.removeListener(transportsListener));
            transfers.close();
        }
        super.dispose();
    }
}
