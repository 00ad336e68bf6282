package org.sipdrop.transfer.internal.policy;

import java.util.Locale;

/**
 * Byte counts for people: formatting ({@code 1536 bytes (1.5 KiB)}) and parsing of a size
 * limit as written on a command line or in a preference.
 * <p>
 * Parsing: a plain number is bytes; {@code k}, {@code M}, {@code G}, {@code T} alone or with
 * {@code iB} are binary (1024-based, as {@code ls -h} and curl read them); with {@code B}
 * ({@code kB}, {@code MB}, {@code GB}, {@code TB}) they are decimal (1000-based, SI). Case does
 * not matter for the letter, white space before the unit is allowed.
 */
public final class ByteSizes {

    private static final String[] UNITS = { "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };

    private ByteSizes() {
    }

    /** @return e.g. {@code 5242880 bytes (5.0 MiB)}, or {@code 512 bytes} below 1 KiB */
    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return bytes + " bytes (" + String.format(Locale.ROOT, "%.1f", value) + " " + UNITS[unit] + ")";
    }

    /**
     * @param text e.g. {@code 1048576}, {@code 10M}, {@code 10 MiB}, {@code 1.5GB}
     * @return the number of bytes
     * @throws IllegalArgumentException with the accepted forms when {@code text} is none of them
     */
    public static long parse(String text) {
        String t = text == null ? "" : text.strip();
        int i = 0;
        while (i < t.length() && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '.')) {
            i++;
        }
        String number = t.substring(0, i);
        String unit = t.substring(i).strip();
        long multiplier = multiplier(unit);
        if (number.isEmpty() || multiplier < 0 || number.chars().filter(c -> c == '.').count() > 1
                || number.startsWith(".") || number.endsWith(".")) {
            throw new IllegalArgumentException("Not a size: '" + text
                    + "'; write bytes (1048576) or a number with a unit: 10M, 10MiB (1024-based), 10MB (1000-based)");
        }
        java.math.BigDecimal bytes = new java.math.BigDecimal(number).multiply(java.math.BigDecimal.valueOf(multiplier));
        if (bytes.compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("Size too large: '" + text + "'");
        }
        return bytes.setScale(0, java.math.RoundingMode.DOWN).longValueExact();
    }

    private static long multiplier(String unit) {
        if (unit.isEmpty() || unit.equalsIgnoreCase("b") || unit.equalsIgnoreCase("bytes")) {
            return 1;
        }
        int power = "KMGT".indexOf(Character.toUpperCase(unit.charAt(0))) + 1;
        if (power == 0) {
            return -1;
        }
        String rest = unit.substring(1);
        long base;
        if (rest.isEmpty() || rest.equalsIgnoreCase("iB")) {
            base = 1024;
        } else if (rest.equals("B")) {
            base = 1000;
        } else {
            return -1;
        }
        long m = 1;
        for (int p = 0; p < power; p++) {
            m *= base;
        }
        return m;
    }
}
