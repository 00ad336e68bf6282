package org.sipdrop.cli.internal.commands;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.sipdrop.cli.internal.Console;
import org.sipdrop.cli.internal.Json;
import org.sipdrop.transfer.Transfer;

/**
 * What send and receive print while files move: a progress line redrawn in place on a terminal,
 * JSON lines with {@code --json}, nothing in between when the output is a pipe. Progress is
 * printed at most every whole percent, so a large file does not flood a pipe.
 */
final class TransferOutput {

    private final Console console;
    private final boolean json;
    private final boolean terminal;
    private final Map<String, Integer> lastPercent = new java.util.concurrent.ConcurrentHashMap<>();

    TransferOutput(Console console, boolean json) {
        this.console = console;
        this.json = json;
        this.terminal = !json && System.console() != null;
    }

    boolean isJson() {
        return json;
    }

    /** Reports hashing of a file before it can be offered. */
    void hashing(String file, long bytes, long size) {
        if (!changed("hash:" + file, bytes, size)) {
            return;
        }
        if (json) {
            line("hashing", Map.of("file", file, "bytes", bytes, "size", size));
        } else if (terminal) {
            redraw("hashing " + file + " " + percent(bytes, size) + "%");
        }
    }

    /** Reports the bytes of a transfer confirmed so far. */
    void progress(Transfer t, long bytes) {
        if (!changed(t.id(), bytes, t.offer().size())) {
            return;
        }
        if (json) {
            line("progress", Map.of("file", t.offer().name(), "peer", t.peer(), "bytes", bytes, "size", t.offer().size()));
        } else if (terminal) {
            redraw(t.direction().name().toLowerCase(Locale.ROOT) + " " + t.offer().name() + " " + bar(bytes, t.offer().size()));
        }
    }

    /** Reports a state change as a JSON line (terminal output prints only the outcome). */
    void state(Transfer t) {
        if (json) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("file", t.offer().name());
            f.put("peer", t.peer());
            f.put("direction", t.direction().name().toLowerCase(Locale.ROOT));
            f.put("state", t.state().name().toLowerCase(Locale.ROOT));
            f.put("size", t.offer().size());
            f.put("sha1", t.offer().sha1Hex().orElse(null));
            f.put("saved", t.file().map(Object::toString).orElse(null));
            f.put("status", t.failure().map(x -> (Object) x.status()).orElse(null));
            f.put("reason", t.failure().map(x -> x.reason()).orElse(null));
            line("state", f);
        }
    }

    /** Ends a progress line on a terminal before a result line. */
    synchronized void endLine() {
        if (terminal) {
            console.err().print("\r\033[K");
            console.err().flush();
        }
    }

    private boolean changed(String key, long bytes, long size) {
        int p = percent(bytes, size);
        Integer before = lastPercent.put(key, p);
        return before == null || before != p;
    }

    private static int percent(long bytes, long size) {
        return size == 0 ? 100 : (int) (bytes * 100 / size);
    }

    private static String bar(long bytes, long size) {
        int p = percent(bytes, size);
        int filled = p / 5;
        return "[" + "#".repeat(filled) + " ".repeat(20 - filled) + "] " + p + "% " + bytes + "/" + size;
    }

    private synchronized void redraw(String text) {
        console.err().print("\r\033[K" + text);
        console.err().flush();
    }

    private synchronized void line(String event, Map<String, ?> fields) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("event", event);
        all.putAll(fields);
        console.out().println(Json.object(all));
        console.out().flush();
    }
}
