package org.sipdrop.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads sipp's {@code -trace_stat} CSV: a header line, then one ';'-separated line per dump. */
final class SippStatistics {

    private SippStatistics() {
    }

    /** Column name to value of the last line; empty when the file is missing or has no data. */
    static Map<String, String> lastLine(Path csv) {
        if (!Files.isRegularFile(csv)) {
            return Map.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PeerException("cannot read sipp statistics " + csv + ": " + e.getMessage(), e);
        }
        lines.removeIf(String::isBlank);
        if (lines.size() < 2) {
            return Map.of();
        }
        return parse(lines.get(0), lines.get(lines.size() - 1));
    }

    static Map<String, String> parse(String header, String line) {
        String[] names = header.split(";", -1);
        String[] values = line.split(";", -1);
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < names.length && i < values.length; i++) {
            if (!names[i].isBlank()) {
                columns.put(names[i].strip(), values[i]);
            }
        }
        return Collections.unmodifiableMap(columns);
    }
}
