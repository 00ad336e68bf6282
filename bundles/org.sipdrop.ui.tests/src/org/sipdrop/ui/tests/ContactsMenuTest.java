package org.sipdrop.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sipdrop.ui.internal.SipDropPerspective;
import org.sipdrop.ui.internal.Views;
import org.sipdrop.ui.internal.views.Contact;
import org.sipdrop.ui.internal.views.ContactRow;
import org.sipdrop.ui.internal.views.ContactStore;
import org.sipdrop.ui.internal.views.ContactsView;

/** The Contacts view's context menu, clicked like a user: Send File…, rename and remove a contact. */
class ContactsMenuTest {

    private final ContactStore store = new ContactStore(InstanceScope.INSTANCE.getNode("org.sipdrop.ui"));
    private ContactsView view;

    @BeforeEach
    void showTwoContacts() throws Exception {
        store.save(List.of(new Contact("Hal", "sip:hal@127.0.0.1"), new Contact("Ivy", "sip:ivy@example.com")));
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        PlatformUI.getWorkbench().showPerspective(SipDropPerspective.ID, window);
        IWorkbenchPage page = window.getActivePage();
        view = (ContactsView) page.showView(Views.CONTACTS);
        page.activate(view);
        UiWait.until(() -> view.contactCount() == 2, java.time.Duration.ofSeconds(10), "both contacts shown");
    }

    @AfterEach
    void noContacts() throws Exception {
        store.save(List.of());
    }

    @Test
    void menuOffersSendFileAndTheContactCommandsForASelectedContact() {
        select("sip:hal@127.0.0.1");
        List<String> items = menuItems().stream().map(MenuItem::getText).collect(Collectors.toList());
        assertTrue(items.get(0).startsWith("Send File"), "Send File… comes first: " + items);
        assertTrue(items.stream().anyMatch(t -> t.startsWith("Add Contact")), items.toString());
        assertTrue(item("Rename Contact").isEnabled(), "rename is enabled for one contact");
        assertTrue(item("Remove Contact").isEnabled(), "remove is enabled for a selection");
    }

    @Test
    void renamesAndRemovesAContactThroughItsMenu() {
        select("sip:ivy@example.com");
        Dialogs.answer("Rename Contact", dialog -> {
            Text name = (Text) Widgets.find(dialog, c -> c instanceof Text).orElseThrow();
            Widgets.type(name, "Ivy Example");
            Widgets.click(Widgets.okButton(dialog));
        });
        click(item("Rename Contact"));
        assertEquals(List.of("Hal <sip:hal@127.0.0.1>", "Ivy Example <sip:ivy@example.com>"),
                store.load().stream().map(Contact::format).collect(Collectors.toList()));
        UiWait.until(() -> Arrays.stream(view.viewer().getTable().getItems()).anyMatch(i -> i.getText(0).equals("Ivy Example")),
                java.time.Duration.ofSeconds(10), "the view shows the new name");

        select("sip:hal@127.0.0.1");
        Dialogs.answer("Remove Contacts", dialog -> Widgets.click(Widgets.okButton(dialog)));
        click(item("Remove Contact"));
        assertEquals(List.of("sip:ivy@example.com"), store.load().stream().map(Contact::address).collect(Collectors.toList()));
        UiWait.until(() -> view.contactCount() == 1, java.time.Duration.ofSeconds(10), "the view drops the removed contact");
    }

    private void select(String address) {
        Object row = Arrays.stream(view.viewer().getTable().getItems()).map(i -> i.getData())
                .filter(d -> ((ContactRow) d).contact().address().equals(address)).findFirst().orElseThrow();
        view.viewer().setSelection(new StructuredSelection(row), true);
        view.viewer().getControl().setFocus();
        UiWait.settle(view.viewer().getControl().getDisplay());
    }

    private List<MenuItem> menuItems() {
        Menu menu = view.viewer().getControl().getMenu();
        menu.notifyListeners(SWT.Show, new Event());
        UiWait.settle(menu.getDisplay());
        return Arrays.asList(menu.getItems());
    }

    private MenuItem item(String prefix) {
        return menuItems().stream().filter(i -> i.getText().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no menu item " + prefix));
    }

    private static void click(MenuItem item) {
        item.notifyListeners(SWT.Selection, new Event());
    }
}
