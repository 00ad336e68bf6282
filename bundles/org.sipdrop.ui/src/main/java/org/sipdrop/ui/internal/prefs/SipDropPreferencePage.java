package org.sipdrop.ui.internal.prefs;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.eclipse.core.runtime.preferences.DefaultScope;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.osgi.service.prefs.BackingStoreException;
import org.sipdrop.configuration.TransportCatalog;
import org.sipdrop.transfer.TransferService;
import org.sipdrop.ui.internal.ServiceAccess;
import org.sipdrop.ui.internal.session.WorkbenchSession;

/**
 * Window ▸ Preferences ▸ SipDrop: the account, the embedded server, what to accept, the
 * transport order and, in a section per installed transport derived from its metatype
 * ({@link TransportSections}), each transport's settings. Passwords go to Eclipse Secure Storage, everything
 * else to the instance preferences; OK signs in again with the new settings.
 */
public final class SipDropPreferencePage extends PreferencePage implements IWorkbenchPreferencePage {

    /** The page id, as declared in plugin.xml. */
    public static final String ID = "org.sipdrop.ui.preferences";

    static final String[] MODES = { "ask", "trusted", "all", "none" };
    static final String[] MODE_LABELS = { "Ask me", "Accept from my contacts, ask about others", "Accept all", "Decline all" };
    static final String[] TRANSPORTS = { "udp", "tcp", "tls" };

    private final IEclipsePreferences prefs = InstanceScope.INSTANCE.getNode(PreferenceKeys.NODE);
    private final IEclipsePreferences defaults = DefaultScope.INSTANCE.getNode(PreferenceKeys.NODE);
    private final Map<String, Text> texts = new LinkedHashMap<>();
    private final Map<String, Text> secrets = new LinkedHashMap<>();
    private final TransportSections sections = new TransportSections();
    private Button embedded;
    private Combo transport;
    private Combo mode;
    private TransportOrderField order;

    @Override
    public void init(IWorkbench workbench) {
        setDescription("Who you are on SIP, what you accept, and how files travel.");
    }

    @Override
    protected Control createContents(Composite parent) {
        Composite page = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().applyTo(page);

        Group account = group(page, "Account");
        embedded = new Button(account, SWT.CHECK);
        embedded.setText("Use the &embedded server on this machine (no account needed)");
        GridDataFactory.fillDefaults().span(2, 1).applyTo(embedded);
        text(account, PreferenceKeys.EMBEDDED_PORT, "Embedded server &port:", "5060; 0 for any free port", false);
        text(account, PreferenceKeys.ACCOUNT_ADDRESS, "SIP &address:", "sip:alice@example.com; empty: a local account", false);
        text(account, PreferenceKeys.ACCOUNT_DISPLAY_NAME, "&Display name:", "shown to the people you send to", false);
        text(account, PreferenceKeys.ACCOUNT_REGISTRAR, "&Registrar:", "sip:example.com:5060; empty: the address's domain", false);
        text(account, PreferenceKeys.ACCOUNT_OUTBOUND_PROXY, "&Outbound proxy:", "empty: the registrar", false);
        new Label(account, SWT.NONE).setText("&Transport:");
        transport = new Combo(account, SWT.READ_ONLY);
        transport.setItems(TRANSPORTS);
        text(account, PreferenceKeys.SECURE_ACCOUNT_PASSWORD, "Pass&word:", "kept in Eclipse Secure Storage", true);
        text(account, PreferenceKeys.ACCOUNT_TRUST_STORE, "TLS trust &store:", "PKCS#12 file with the server's certificate or CA", false);
        text(account, PreferenceKeys.SECURE_TRUST_STORE_PASSWORD, "Trust store password:", "kept in Eclipse Secure Storage", true);
        embedded.addListener(SWT.Selection, e -> enableAccount());

        Group receiving = group(page, "Receiving");
        new Label(receiving, SWT.NONE).setText("When a file is &offered:");
        mode = new Combo(receiving, SWT.READ_ONLY);
        mode.setItems(MODE_LABELS);
        text(receiving, PreferenceKeys.ACCEPT_MAX_SIZE, "Largest &file:", "e.g. 500M or 2G; empty: no limit", false);
        text(receiving, PreferenceKeys.ACCEPT_TYPES, "Accepted t&ypes:", "e.g. image/*,text/plain; empty: any", false);
        text(receiving, PreferenceKeys.DOWNLOAD_FOLDER, "Download folder:", "empty: SipDrop's own folder in the workspace metadata", false);

        Group transports = group(page, "Transports");
        Label orderLabel = new Label(transports, SWT.NONE);
        orderLabel.setText("Pre&ferred order:");
        GridDataFactory.fillDefaults().align(SWT.BEGINNING, SWT.BEGINNING).applyTo(orderLabel);
        Set<String> installed;
        try (ServiceAccess<TransferService> service = new ServiceAccess<>(SipDropPreferencePage.class, TransferService.class)) {
            installed = service.get().map(TransferService::schemes).orElse(Set.of());
        }
        order = new TransportOrderField(transports, installed);
        try (ServiceAccess<TransportCatalog> catalog = new ServiceAccess<>(SipDropPreferencePage.class, TransportCatalog.class)) {
            sections.create(page, catalog.get().map(TransportCatalog::installed).orElse(List.of()));
        }

        show(key -> prefs.get(key, defaults.get(key, "")), true);
        return page;
    }

    private static Group group(Composite parent, String title) {
        Group g = new Group(parent, SWT.NONE);
        g.setText(title);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(g);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(g);
        return g;
    }

    private void text(Composite parent, String key, String label, String hint, boolean secret) {
        new Label(parent, SWT.NONE).setText(label);
        Text t = new Text(parent, SWT.SINGLE | SWT.BORDER | (secret ? SWT.PASSWORD : 0));
        t.setMessage(hint);
        GridDataFactory.fillDefaults().grab(true, false).hint(300, SWT.DEFAULT).applyTo(t);
        (secret ? secrets : texts).put(key, t);
    }

    /** Fills the widgets from {@code values}; secrets from Secure Storage when {@code withSecrets}. */
    private void show(java.util.function.UnaryOperator<String> values, boolean withSecrets) {
        texts.forEach((key, t) -> t.setText(values.apply(key)));
        embedded.setSelection(!"false".equalsIgnoreCase(values.apply(PreferenceKeys.EMBEDDED)));
        transport.select(Math.max(0, List.of(TRANSPORTS).indexOf(values.apply(PreferenceKeys.ACCOUNT_TRANSPORT))));
        mode.select(Math.max(0, List.of(MODES).indexOf(values.apply(PreferenceKeys.ACCEPT_MODE))));
        order.show(values.apply(PreferenceKeys.TRANSPORT_ORDER));
        try {
            Optional<SecureStore> store = withSecrets ? Optional.of(SecureStore.workbench()) : Optional.empty();
            if (store.isPresent()) {
                for (Map.Entry<String, Text> e : secrets.entrySet()) {
                    e.getValue().setText(store.get().get(e.getKey()).orElse(""));
                }
            }
            sections.show(values, store);
        } catch (IOException e) {
            setErrorMessage(e.getMessage());
        }
        enableAccount();
    }

    private void enableAccount() {
        boolean remote = !embedded.getSelection();
        for (String key : List.of(PreferenceKeys.ACCOUNT_REGISTRAR, PreferenceKeys.ACCOUNT_OUTBOUND_PROXY,
                PreferenceKeys.ACCOUNT_TRUST_STORE)) {
            texts.get(key).setEnabled(remote);
        }
        secrets.get(PreferenceKeys.SECURE_ACCOUNT_PASSWORD).setEnabled(remote);
        secrets.get(PreferenceKeys.SECURE_TRUST_STORE_PASSWORD).setEnabled(remote);
        texts.get(PreferenceKeys.EMBEDDED_PORT).setEnabled(!remote);
    }

    @Override
    protected void performDefaults() {
        show(key -> defaults.get(key, ""), false);
        setErrorMessage(null);
        super.performDefaults();
    }

    @Override
    public boolean performOk() {
        Optional<String> problem = check();
        if (problem.isPresent()) {
            setErrorMessage(problem.get());
            return false;
        }
        setErrorMessage(null);
        try {
            save();
        } catch (IOException | BackingStoreException e) {
            setErrorMessage("Cannot save the SipDrop settings: " + e.getMessage());
            return false;
        }
        try (ServiceAccess<WorkbenchSession> session = new ServiceAccess<>(SipDropPreferencePage.class, WorkbenchSession.class)) {
            session.get().ifPresent(WorkbenchSession::restart);
        }
        return true;
    }

    /** @return the first problem in the values shown, if any */
    Optional<String> check() {
        try {
            SettingsCheck.port(value(PreferenceKeys.EMBEDDED_PORT));
            SettingsCheck.account(value(PreferenceKeys.ACCOUNT_ADDRESS), value(PreferenceKeys.ACCOUNT_REGISTRAR),
                    value(PreferenceKeys.ACCOUNT_OUTBOUND_PROXY), TRANSPORTS[Math.max(0, transport.getSelectionIndex())]);
            SettingsCheck.types(value(PreferenceKeys.ACCEPT_TYPES));
            Optional<Text> storage = sections.text(PreferenceKeys.STORAGE_URL);
            if (storage.isPresent()) {
                SettingsCheck.storageUrl(storage.get().getText().strip());
            }
            Optional<String> transportProblem = sections.check();
            if (transportProblem.isPresent()) {
                return transportProblem;
            }
            String max = value(PreferenceKeys.ACCEPT_MAX_SIZE);
            if (!max.isEmpty()) {
                try (ServiceAccess<TransferService> service = new ServiceAccess<>(SipDropPreferencePage.class, TransferService.class)) {
                    service.get().ifPresent(s -> s.acceptancePolicy("ask", max));
                }
            }
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    private String value(String key) {
        return texts.get(key).getText().strip();
    }

    private void save() throws IOException, BackingStoreException {
        // secrets first: a preference change makes listeners (the storage configuration) read them
        SecureStore store = SecureStore.workbench();
        for (Map.Entry<String, Text> e : secrets.entrySet()) {
            store.put(e.getKey(), e.getValue().getText());
        }
        sections.save(prefs, store);
        for (Map.Entry<String, Text> e : texts.entrySet()) {
            prefs.put(e.getKey(), e.getValue().getText().strip());
        }
        prefs.putBoolean(PreferenceKeys.EMBEDDED, embedded.getSelection());
        prefs.put(PreferenceKeys.ACCOUNT_TRANSPORT, TRANSPORTS[Math.max(0, transport.getSelectionIndex())]);
        prefs.put(PreferenceKeys.ACCEPT_MODE, MODES[Math.max(0, mode.getSelectionIndex())]);
        prefs.put(PreferenceKeys.TRANSPORT_ORDER, order.value());
        prefs.flush();
    }

    /** @return the field of a preference or secret key, a transport's derived ones included (tests type into it) */
    public Text field(String key) {
        return texts.containsKey(key) ? texts.get(key) : secrets.containsKey(key) ? secrets.get(key) : sections.text(key).orElse(null);
    }

    /** @return the check box of a transport's boolean setting, by its derived key */
    public Optional<Button> check(String key) {
        return sections.check(key);
    }

    public Button embeddedCheckbox() {
        return embedded;
    }

    public Combo transportCombo() {
        return transport;
    }

    public Combo modeCombo() {
        return mode;
    }
}
