package org.sipdrop.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Whether some process has bound a port, read from Linux's /proc/net tables without touching
 * the port (binding it to find out could steal it from the process that is about to).
 */
final class ProcNet {

    private ProcNet() {
    }

    /** Whether a UDP socket is bound to 127.0.0.1:port or *:port. */
    static boolean udpBound(int port) {
        return bound(Path.of("/proc/net/udp"), port, null);
    }

    /** Whether a TCP socket listens on 127.0.0.1:port or *:port. */
    static boolean tcpListening(int port) {
        return bound(Path.of("/proc/net/tcp"), port, "0A");
    }

    private static boolean bound(Path table, int port, String state) {
        String suffix = ":" + String.format(Locale.ROOT, "%04X", port);
        List<String> lines;
        try {
            lines = Files.readAllLines(table);
        } catch (IOException e) {
            throw new PeerException("cannot read " + table + ": " + e.getMessage(), e);
        }
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 4) {
                continue;
            }
            String local = fields[1];
            boolean ours = local.equals("0100007F" + suffix) || local.equals("00000000" + suffix);
            if (ours && (state == null || state.equals(fields[3]))) {
                return true;
            }
        }
        return false;
    }
}
