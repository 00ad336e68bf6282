package org.sipdrop.transfer.internal.meta;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.sipdrop.transfer.FileOffer;

/**
 * Finds the media type of a file for the RFC 5547 §6 {@code type} of the file-selector: what
 * the platform says ({@link Files#probeContentType}) first, then a table of the files
 * developers send most, then {@link FileOffer#DEFAULT_TYPE} (RFC 2046 §4.5.1).
 * <p>
 * Stateless.
 */
public final class MediaTypes {

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("java", "text/x-java-source"),
            Map.entry("kt", "text/x-kotlin"),
            Map.entry("groovy", "text/x-groovy"),
            Map.entry("gradle", "text/x-groovy"),
            Map.entry("c", "text/x-c"),
            Map.entry("h", "text/x-c"),
            Map.entry("cpp", "text/x-c++src"),
            Map.entry("py", "text/x-python"),
            Map.entry("go", "text/x-go"),
            Map.entry("rs", "text/x-rust"),
            Map.entry("sh", "application/x-sh"),
            Map.entry("sql", "application/sql"),
            Map.entry("md", "text/markdown"),
            Map.entry("markdown", "text/markdown"),
            Map.entry("txt", "text/plain"),
            Map.entry("log", "text/plain"),
            Map.entry("properties", "text/plain"),
            Map.entry("ini", "text/plain"),
            Map.entry("toml", "application/toml"),
            Map.entry("diff", "text/x-diff"),
            Map.entry("patch", "text/x-diff"),
            Map.entry("json", "application/json"),
            Map.entry("xml", "application/xml"),
            Map.entry("yaml", "application/yaml"),
            Map.entry("yml", "application/yaml"),
            Map.entry("csv", "text/csv"),
            Map.entry("tsv", "text/tab-separated-values"),
            Map.entry("html", "text/html"),
            Map.entry("htm", "text/html"),
            Map.entry("css", "text/css"),
            Map.entry("js", "text/javascript"),
            Map.entry("mjs", "text/javascript"),
            Map.entry("ts", "application/typescript"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("ico", "image/vnd.microsoft.icon"),
            Map.entry("pdf", "application/pdf"),
            Map.entry("zip", "application/zip"),
            Map.entry("jar", "application/java-archive"),
            Map.entry("war", "application/java-archive"),
            Map.entry("class", "application/java-vm"),
            Map.entry("gz", "application/gzip"),
            Map.entry("tgz", "application/gzip"),
            Map.entry("bz2", "application/x-bzip2"),
            Map.entry("xz", "application/x-xz"),
            Map.entry("7z", "application/x-7z-compressed"),
            Map.entry("tar", "application/x-tar"),
            Map.entry("mp3", "audio/mpeg"),
            Map.entry("wav", "audio/wav"),
            Map.entry("mp4", "video/mp4"),
            Map.entry("webm", "video/webm"));

    private MediaTypes() {
    }

    /** @return the media type of {@code file}, never null */
    public static String of(Path file) {
        try {
            String probed = Files.probeContentType(file);
            if (isMediaType(probed)) {
                return probed.toLowerCase(Locale.ROOT);
            }
        } catch (IOException | SecurityException e) {
            // the platform cannot tell: use the table
        }
        Path name = file.getFileName();
        return name == null ? FileOffer.DEFAULT_TYPE : byName(name.toString());
    }

    /** @return the type the extension table gives for {@code fileName}, or {@link FileOffer#DEFAULT_TYPE} */
    public static String byName(String fileName) {
        return extension(fileName).map(BY_EXTENSION::get).orElse(FileOffer.DEFAULT_TYPE);
    }

    private static Optional<String> extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot <= 0 || dot == fileName.length() - 1 ? Optional.empty()
                : Optional.of(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** @return true for a {@code type/subtype} that {@link FileOffer} accepts */
    static boolean isMediaType(String t) {
        if (t == null) {
            return false;
        }
        int slash = t.indexOf('/');
        return slash > 0 && slash < t.length() - 1 && t.indexOf('/', slash + 1) < 0
                && t.chars().allMatch(c -> c > ' ' && c < 127);
    }
}
