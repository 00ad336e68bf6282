package org.sipdrop.ui.internal.prefs;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.sipdrop.configuration.Setting;
import org.sipdrop.configuration.TransportDescription;

/**
 * One group of fields per installed transport, derived from its metatype: a text field per
 * setting (masked for a secret), a check box for a boolean. An empty field leaves the transport's
 * default ({@link TransportPreferences} applies only what is set). Secrets go to Secure Storage,
 * everything else to the preferences, under {@link TransportKeys}.
 */
final class TransportSections {

    private final Map<String, Setting> settings = new LinkedHashMap<>();
    private final Map<String, Text> texts = new LinkedHashMap<>();
    private final Map<String, Button> checks = new LinkedHashMap<>();

    /** Adds a group per transport to {@code page}. */
    void create(Composite page, List<TransportDescription> transports) {
        for (TransportDescription t : transports) {
            Group g = new Group(page, SWT.NONE);
            g.setText(t.name() + " (" + String.join(", ", t.schemes()) + ")");
            g.setToolTipText(t.description());
            GridDataFactory.fillDefaults().grab(true, false).applyTo(g);
            GridLayoutFactory.swtDefaults().numColumns(2).applyTo(g);
            for (Setting s : t.settings()) {
                String key = TransportKeys.of(t, s);
                settings.put(key, s);
                if (s.type() == Setting.Type.BOOLEAN) {
                    Button b = new Button(g, SWT.CHECK);
                    b.setText(s.name());
                    b.setToolTipText(s.description());
                    GridDataFactory.fillDefaults().span(2, 1).applyTo(b);
                    checks.put(key, b);
                } else {
                    new Label(g, SWT.NONE).setText(s.name() + ":");
                    Text text = new Text(g, SWT.SINGLE | SWT.BORDER | (s.secret() ? SWT.PASSWORD : 0));
                    text.setMessage(hint(s));
                    text.setToolTipText(s.description());
                    GridDataFactory.fillDefaults().grab(true, false).hint(300, SWT.DEFAULT).applyTo(text);
                    texts.put(key, text);
                }
            }
        }
    }

    private static String hint(Setting s) {
        if (s.secret()) {
            return "kept in Eclipse Secure Storage";
        }
        String dflt = s.defaultValue().filter(d -> !d.isEmpty()).map(d -> "; default " + d).orElse(s.required() ? "; required" : "");
        return s.description() + dflt;
    }

    /** Fills the fields from {@code values}, secrets from {@code store} when given. */
    void show(UnaryOperator<String> values, Optional<SecureStore> store) throws IOException {
        for (Map.Entry<String, Text> e : texts.entrySet()) {
            if (!settings.get(e.getKey()).secret()) {
                e.getValue().setText(values.apply(e.getKey()));
            } else if (store.isPresent()) {
                e.getValue().setText(store.get().get(e.getKey()).orElse(""));
            }
        }
        checks.forEach((key, b) -> {
            String v = values.apply(key);
            b.setSelection(Boolean.parseBoolean(v.isEmpty() ? settings.get(key).defaultValue().orElse("false") : v));
        });
    }

    /** @return the first value that is not of its setting's type, named by its field */
    Optional<String> check() {
        for (Map.Entry<String, Text> e : texts.entrySet()) {
            String v = e.getValue().getText().strip();
            Setting s = settings.get(e.getKey());
            try {
                if (!v.isEmpty()) {
                    s.parse(v);
                }
            } catch (IllegalArgumentException x) {
                return Optional.of(s.name() + ": " + x.getMessage());
            }
        }
        return Optional.empty();
    }

    /** Saves secrets to {@code store} first (a preference change makes the configuration read them), then the rest. */
    void save(IEclipsePreferences prefs, SecureStore store) throws IOException {
        for (Map.Entry<String, Text> e : texts.entrySet()) {
            if (settings.get(e.getKey()).secret()) {
                store.put(e.getKey(), e.getValue().getText());
            }
        }
        for (Map.Entry<String, Text> e : texts.entrySet()) {
            if (!settings.get(e.getKey()).secret()) {
                prefs.put(e.getKey(), e.getValue().getText().strip());
            }
        }
        checks.forEach((key, b) -> {
            String v = Boolean.toString(b.getSelection());
            prefs.put(key, v.equals(settings.get(key).defaultValue().orElse("false")) ? "" : v);
        });
    }

    /** @return the text field of a derived key, if this page shows that transport */
    Optional<Text> text(String key) {
        return Optional.ofNullable(texts.get(key));
    }

    /** @return the check box of a derived boolean key, if this page shows that transport */
    Optional<Button> check(String key) {
        return Optional.ofNullable(checks.get(key));
    }
}
