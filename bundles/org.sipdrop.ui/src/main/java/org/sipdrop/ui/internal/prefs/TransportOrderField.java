package org.sipdrop.ui.internal.prefs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;

/**
 * The transport schemes in preference order, best first, with Up and Down. Schemes installed
 * now but missing from the stored order are appended, so a new transport bundle shows up.
 */
final class TransportOrderField {

    private final org.eclipse.swt.widgets.List list;
    private final Set<String> installed;

    TransportOrderField(Composite parent, Collection<String> installed) {
        this.installed = Set.copyOf(installed);
        Composite box = new Composite(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(box);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(box);
        list = new org.eclipse.swt.widgets.List(box, SWT.SINGLE | SWT.BORDER | SWT.V_SCROLL);
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, 90).applyTo(list);
        Composite buttons = new Composite(box, SWT.NONE);
        GridDataFactory.fillDefaults().applyTo(buttons);
        GridLayoutFactory.fillDefaults().applyTo(buttons);
        button(buttons, "&Up", -1);
        button(buttons, "Do&wn", 1);
    }

    private void button(Composite parent, String text, int delta) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        GridDataFactory.fillDefaults().applyTo(b);
        b.addListener(SWT.Selection, e -> move(delta));
    }

    /** Moves the selected scheme up (-1) or down (+1). */
    void move(int delta) {
        int i = list.getSelectionIndex();
        int j = i + delta;
        if (i < 0 || j < 0 || j >= list.getItemCount()) {
            return;
        }
        String[] items = list.getItems();
        String moved = items[i];
        items[i] = items[j];
        items[j] = moved;
        list.setItems(items);
        list.select(j);
    }

    /** Shows {@code stored} (comma-separated), then the installed schemes it lacks. */
    void show(String stored) {
        list.setItems(merge(stored, installed).toArray(new String[0]));
    }

    static List<String> merge(String stored, Collection<String> installed) {
        Set<String> order = new LinkedHashSet<>();
        for (String s : stored.split(",")) {
            if (!s.isBlank()) {
                order.add(s.strip().toLowerCase(Locale.ROOT));
            }
        }
        installed.stream().map(s -> s.toLowerCase(Locale.ROOT)).sorted().forEach(order::add);
        return new ArrayList<>(order);
    }

    /** @return the order shown, comma-separated */
    String value() {
        return String.join(",", list.getItems());
    }

    /** @return the list widget (tests select and move items) */
    org.eclipse.swt.widgets.List widget() {
        return list;
    }
}
