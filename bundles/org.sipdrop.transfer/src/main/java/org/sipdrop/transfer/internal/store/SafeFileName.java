package org.sipdrop.transfer.internal.store;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a file name offered by a remote party into a name that is safe to create in the
 * receiver's download folder, on Linux, macOS and Windows alike. RFC 5547 §8 leaves the name
 * in the file-selector to the sender ("the receiver ... should not trust it"), so nothing of it
 * is used as a path.
 * <p>
 * The rules, applied in this order:
 * <ol>
 * <li>Unicode is kept, normalised to NFC (so a name looks and compares the same on every
 * system).</li>
 * <li>Any directory part is dropped: only the last non-empty segment after {@code /} or
 * {@code \} is kept ({@code ../../etc/passwd} becomes {@code passwd}).</li>
 * <li>Control characters (C0, DEL, C1), unpaired surrogates and the invisible bidirectional
 * controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069, U+FEFF) are removed. The
 * latter are removed because a right-to-left override (U+202E) lets {@code "photo\u202Egpj.exe"}
 * display as {@code photoexe.jpg}.</li>
 * <li>Characters Windows forbids in names ({@code < > : " | ? *}) become {@code _}; {@code :}
 * also opens NTFS alternate data streams.</li>
 * <li>Leading white space and trailing dots and white space are removed (Windows drops them
 * silently, which would make two names collide). A name that is then empty or made of dots
 * only ({@code .}, {@code ..}) becomes {@value #FALLBACK}.</li>
 * <li>A leading {@code -} becomes {@code _}, so the file cannot be taken for an option when a
 * user passes it to a command-line tool ({@code rm *}). Leading dots are kept: developers send
 * {@code .gitignore} and {@code .editorconfig} on purpose, and a hidden file is not a
 * hazard.</li>
 * <li>Windows device names (CON, PRN, AUX, NUL, COM0-9, LPT0-9, also with superscript digits,
 * CONIN$, CONOUT$), in any case, alone or before an extension ({@code CON.txt},
 * {@code nul.tar.gz}), get a {@code _} prefix.</li>
 * <li>The name is cut to {@value #MAX_BYTES} UTF-8 bytes (the limit of ext4, APFS and NTFS
 * alike), on a code point boundary, keeping the extension.</li>
 * </ol>
 * Stateless; all methods are pure functions.
 */
public final class SafeFileName {

    /** The name used when nothing usable is left of the offered name. */
    public static final String FALLBACK = "received-file";

    /** The longest name, in UTF-8 bytes, that common file systems accept for one path segment. */
    public static final int MAX_BYTES = 255;

    /** An extension longer than this (in UTF-8 bytes, dot included) is not kept when cutting. */
    static final int MAX_EXTENSION_BYTES = 32;

    /** The smallest limit {@link #limit} and {@link #numbered(String, int, int)} accept. */
    public static final int MIN_BUDGET = 128;

    private static final Set<String> DEVICE_NAMES = Set.of("CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$");

    /** Compression suffixes that go on top of another extension, as in {@code .tar.gz}. */
    private static final Set<String> COMPRESSION = Set.of("gz", "bz2", "xz", "zst", "lz", "lz4", "lzma", "br", "z");

    private SafeFileName() {
    }

    /**
     * @param offered the name as the sender offered it; may be anything, even null
     * @return a safe, non-empty single file name
     */
    public static String of(String offered) {
        if (offered == null) {
            return FALLBACK;
        }
        String name = lastSegment(Normalizer.normalize(offered, Normalizer.Form.NFC));
        name = stripEdges(filterCharacters(name));
        if (name.isEmpty() || name.chars().allMatch(c -> c == '.')) {
            return FALLBACK;
        }
        if (name.charAt(0) == '-') {
            name = '_' + name.substring(1);
        }
        if (isDeviceName(name)) {
            name = '_' + name;
        }
        return fit(name, "", MAX_BYTES);
    }

    /**
     * Shortens a safe name to at most {@code maxBytes} UTF-8 bytes, keeping its extension; for
     * callers that add their own suffix, such as {@code .part}.
     *
     * @param safeName a name returned by {@link #of}
     * @param maxBytes the limit, at least {@value #MIN_BUDGET}
     */
    public static String limit(String safeName, int maxBytes) {
        return fit(safeName, "", requireBudget(maxBytes));
    }

    /**
     * Tells the name a file would get as the {@code n}-th alternative when {@code safeName}
     * is taken: {@code report (1).pdf}, {@code backup (2).tar.gz}, {@code .gitignore (1)}.
     * The result is again at most {@value #MAX_BYTES} bytes.
     *
     * @param safeName a name returned by {@link #of}
     * @param n 0 for the name itself, 1 or more for an alternative
     */
    public static String numbered(String safeName, int n) {
        return numbered(safeName, n, MAX_BYTES);
    }

    /** Like {@link #numbered(String, int)}, the result at most {@code maxBytes} UTF-8 bytes. */
    public static String numbered(String safeName, int n, int maxBytes) {
        if (n < 0) {
            throw new IllegalArgumentException("The alternative number must be 0 or more, was " + n);
        }
        return fit(safeName, n == 0 ? "" : " (" + n + ")", requireBudget(maxBytes));
    }

    private static int requireBudget(int maxBytes) {
        if (maxBytes < MIN_BUDGET || maxBytes > MAX_BYTES) {
            throw new IllegalArgumentException("A name limit must be " + MIN_BUDGET + ".." + MAX_BYTES
                    + " bytes, was " + maxBytes);
        }
        return maxBytes;
    }

    /**
     * Splits off the extension: the part from the last dot, or from the dot before a compression
     * suffix for names like {@code x.tar.gz} or {@code app.log.gz}. A leading dot starts no
     * extension ({@code .gitignore} has none).
     *
     * @return the extension with its dot, or "" when there is none
     */
    static String extension(String name) {
        int last = name.lastIndexOf('.');
        if (last <= 0 || last == name.length() - 1) {
            return "";
        }
        String ext = name.substring(last);
        if (COMPRESSION.contains(ext.substring(1).toLowerCase(Locale.ROOT))) {
            int inner = name.lastIndexOf('.', last - 1);
            String innerExt = inner > 0 ? name.substring(inner + 1, last) : "";
            if (innerExt.length() >= 1 && innerExt.length() <= 8 && innerExt.chars().allMatch(Character::isLetterOrDigit)
                    && innerExt.chars().anyMatch(Character::isLetter)) {
                return name.substring(inner);
            }
        }
        return ext;
    }

    /** @return {@code base + suffix + extension}, the base cut so the whole fits in MAX_BYTES */
    private static String fit(String name, String suffix, int maxBytes) {
        String ext = extension(name);
        if (utf8Length(ext) > MAX_EXTENSION_BYTES) {
            ext = "";
        }
        String base = name.substring(0, name.length() - ext.length());
        int budget = maxBytes - utf8Length(suffix) - utf8Length(ext);
        if (utf8Length(base) > budget) {
            base = cut(base, budget);
            // a cut may leave a trailing dot or space, which Windows would drop
            base = stripTrailing(base);
            if (base.isEmpty()) {
                base = cut(FALLBACK, budget);
            }
        }
        return base + suffix + ext;
    }

    private static String lastSegment(String name) {
        int end = name.length();
        while (end > 0) {
            int start = end - 1;
            while (start >= 0 && name.charAt(start) != '/' && name.charAt(start) != '\\') {
                start--;
            }
            if (end - start > 1) {
                return name.substring(start + 1, end);
            }
            end = start;
        }
        return "";
    }

    private static String filterCharacters(String name) {
        StringBuilder out = new StringBuilder(name.length());
        name.codePoints().forEach(cp -> {
            if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || isBidiControl(cp)
                    || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)) {
                return; // removed
            }
            if ("<>:\"|?*".indexOf(cp) >= 0) {
                out.append('_');
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    private static boolean isBidiControl(int cp) {
        return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
    }

    private static String stripEdges(String name) {
        int start = 0;
        while (start < name.length() && Character.isWhitespace(name.charAt(start))) {
            start++;
        }
        return stripTrailing(name.substring(start));
    }

    private static String stripTrailing(String name) {
        int end = name.length();
        while (end > 0 && (name.charAt(end - 1) == '.' || Character.isWhitespace(name.charAt(end - 1))
                || Character.isSpaceChar(name.charAt(end - 1)))) {
            end--;
        }
        return name.substring(0, end);
    }

    private static boolean isDeviceName(String name) {
        int dot = name.indexOf('.');
        String stem = (dot < 0 ? name : name.substring(0, dot)).stripTrailing().toUpperCase(Locale.ROOT);
        if (DEVICE_NAMES.contains(stem)) {
            return true;
        }
        if (stem.length() == 4 && (stem.startsWith("COM") || stem.startsWith("LPT"))) {
            char d = stem.charAt(3);
            return (d >= '0' && d <= '9') || d == '\u00B9' || d == '\u00B2' || d == '\u00B3';
        }
        return false;
    }

    /** @return the longest prefix of {@code s} of at most {@code maxBytes} UTF-8 bytes, whole code points only */
    static String cut(String s, int maxBytes) {
        int bytes = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + len > maxBytes) {
                break;
            }
            bytes += len;
            i += Character.charCount(cp);
        }
        return s.substring(0, i);
    }

    static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
