package org.sipdrop.ui.internal.send;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.action.ContributionItem;
import org.eclipse.jface.action.IContributionItem;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.actions.CompoundContributionItem;
import org.eclipse.ui.menus.CommandContributionItem;
import org.eclipse.ui.menus.CommandContributionItemParameter;
import org.eclipse.ui.menus.IWorkbenchContribution;
import org.eclipse.ui.services.IServiceLocator;
import org.sipdrop.ui.internal.ServiceAccess;
import org.sipdrop.ui.internal.session.WorkbenchSession;
import org.sipdrop.ui.internal.views.Contact;

/** The items of the "Send To ▸" submenu: one per contact, each running {@value Commands#SEND_TO} for it. */
public final class SendToMenu extends CompoundContributionItem implements IWorkbenchContribution {

    private IServiceLocator locator;

    @Override
    public void initialize(IServiceLocator serviceLocator) {
        this.locator = serviceLocator;
    }

    @Override
    protected IContributionItem[] getContributionItems() {
        List<Contact> contacts;
        try (ServiceAccess<WorkbenchSession> session = new ServiceAccess<>(SendToMenu.class, WorkbenchSession.class)) {
            contacts = Contacts.of(session.get().map(WorkbenchSession::contacts).orElse(List.of()));
        }
        if (contacts.isEmpty()) {
            return new IContributionItem[] { new Placeholder("No contacts yet: add them in the Contacts view") };
        }
        List<IContributionItem> items = new ArrayList<>();
        for (Contact c : contacts) {
            CommandContributionItemParameter p = new CommandContributionItemParameter(
                    locator != null ? locator : PlatformUI.getWorkbench(), "org.sipdrop.ui.sendTo." + c.address(),
                    Commands.SEND_TO, CommandContributionItem.STYLE_PUSH);
            p.label = (c.name().equals(c.address()) ? c.address() : c.name() + " (" + c.address() + ")").replace("&", "&&");
            p.parameters = Map.of(Commands.SEND_TO_CONTACT, c.address());
            items.add(new CommandContributionItem(p));
        }
        return items.toArray(IContributionItem[]::new);
    }

    /** A disabled line explaining why the submenu is empty. */
    private static final class Placeholder extends ContributionItem {
        private final String text;

        Placeholder(String text) {
            this.text = text;
        }

        @Override
        public void fill(Menu menu, int index) {
            MenuItem item = new MenuItem(menu, SWT.PUSH, index);
            item.setText(text);
            item.setEnabled(false);
        }
    }
}
