package org.sipdrop.ui.internal.transfers;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.TransferState;

/**
 * The transfer history on disk: a properties file (JDK only), entry {@code i} as keys
 * {@code i.id}, {@code i.name}…, oldest first, at most {@link #LIMIT} entries. Written to a
 * temporary file and moved into place, so a crash never leaves half a history; an entry that
 * cannot be read (edited by hand, or from a later version) is skipped, never fatal.
 */
final class HistoryFile {

    /** How many finished transfers are kept: the newest ones. */
    static final int LIMIT = 200;

    private final Path file;

    HistoryFile(Path file) {
        this.file = file;
    }

    /** @return the entries kept, oldest first; none when there is no file or it cannot be read */
    List<TransferRecord> load() {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return List.of();
        }
        List<TransferRecord> records = new ArrayList<>();
        int count = parseInt(p.getProperty("count"), 0);
        for (int i = 0; i < count; i++) {
            try {
                records.add(read(p, i + "."));
            } catch (RuntimeException e) {
                // not an entry this version can show: skipped
            }
        }
        return newest(records);
    }

    /** Writes {@code records} (oldest first), keeping the newest {@link #LIMIT}. */
    void save(List<TransferRecord> records) throws IOException {
        List<TransferRecord> kept = newest(records);
        Properties p = new Properties();
        p.setProperty("count", Integer.toString(kept.size()));
        for (int i = 0; i < kept.size(); i++) {
            write(p, i + ".", kept.get(i));
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            p.store(out, "SipDrop: finished transfers, oldest first");
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static List<TransferRecord> newest(List<TransferRecord> records) {
        return List.copyOf(records.subList(Math.max(0, records.size() - LIMIT), records.size()));
    }

    private static TransferRecord read(Properties p, String k) {
        return new TransferRecord(required(p, k + "id"), required(p, k + "name"), required(p, k + "peer"),
                Direction.valueOf(required(p, k + "direction")), p.getProperty(k + "transport", ""),
                Long.parseLong(required(p, k + "size")), Long.parseLong(p.getProperty(k + "bytes", "0")),
                TransferState.valueOf(required(p, k + "state")), p.getProperty(k + "reason", ""),
                p.getProperty(k + "saved", ""), Instant.parse(required(p, k + "time")));
    }

    private static void write(Properties p, String k, TransferRecord r) {
        p.setProperty(k + "id", r.id());
        p.setProperty(k + "name", r.name());
        p.setProperty(k + "peer", r.peer());
        p.setProperty(k + "direction", r.direction().name());
        p.setProperty(k + "transport", r.transport());
        p.setProperty(k + "size", Long.toString(r.size()));
        p.setProperty(k + "bytes", Long.toString(r.bytes()));
        p.setProperty(k + "state", r.state().name());
        p.setProperty(k + "reason", r.reason());
        p.setProperty(k + "saved", r.saved());
        p.setProperty(k + "time", r.time().toString());
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("no " + key);
        }
        return v;
    }

    private static int parseInt(String s, int fallback) {
        try {
            return s == null ? fallback : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
