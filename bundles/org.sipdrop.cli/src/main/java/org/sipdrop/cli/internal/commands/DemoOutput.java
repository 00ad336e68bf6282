package org.sipdrop.cli.internal.commands;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.sipdrop.cli.internal.Console;
import org.sipdrop.cli.internal.Json;

/**
 * What {@code sipdrop demo} prints: one line per step, readable text by default, one JSON object
 * per line with {@code --json} (the {@code event} field names the step). Progress is printed at
 * most at every quarter of a file, so the demo reads as a story, not a flood.
 */
final class DemoOutput {

    private final Console console;
    private final boolean json;
    private final Map<String, Integer> lastQuarter = new ConcurrentHashMap<>();

    DemoOutput(Console console, boolean json) {
        this.console = console;
        this.json = json;
    }

    /** Prints one step: {@code text} on a terminal or pipe, {@code fields} as JSON. */
    synchronized void step(String event, String text, Map<String, ?> fields) {
        if (json) {
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("event", event);
            all.putAll(fields);
            console.out().println(Json.object(all));
        } else {
            console.out().printf("%-10s %s%n", event + ":", text);
        }
        console.out().flush();
    }

    /** Prints progress of {@code key} when it crosses a quarter of {@code size}. */
    void progress(String key, String file, long bytes, long size) {
        int quarter = size == 0 ? 4 : (int) (bytes * 4 / size);
        Integer before = lastQuarter.put(key, quarter);
        if (quarter == 0 || (before != null && before >= quarter)) {
            if (before != null && before > quarter) {
                lastQuarter.put(key, before); // progress never goes back in the output
            }
            return;
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("file", file);
        f.put("bytes", bytes);
        f.put("size", size);
        step("progress", file + " " + quarter * 25 + "% (" + bytes + "/" + size + " bytes)", f);
    }
}
