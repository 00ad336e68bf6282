package org.sipdrop.transport.file.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.sipdrop.transfer.TransportException;
import org.sipdrop.transfer.TransportException.Reason;

/**
 * The share's layout, and the only place that turns an offered URL into a path. Every stored file
 * lives at {@code <root>/<object>/<name>}: {@code object} is 128 random bits in hex (an unguessable
 * name, so knowing one offer reveals no other), {@code name} the offered file name made safe. Beside
 * it: {@code .<name>.part} while it is being copied, and {@code .expires} (epoch seconds) when the
 * sender asked for a lifetime.
 * <p>
 * An offer comes from the network, so a receiver never trusts its URL: {@link #offered(URI)}
 * accepts only a {@code file:} URL that names, after normalising it and resolving every symbolic
 * link, a regular file exactly two levels below the root, in that layout; anything else is
 * {@link Reason#FORBIDDEN} (a hostile offer of {@code file:///etc/passwd}, {@code ../}, or a link
 * planted in the share that points outside it).
 */
final class SharedFolder {

    /** Name of the expiry marker in an object's folder. */
    static final String EXPIRES = ".expires";
    private static final Pattern OBJECT = Pattern.compile("[0-9a-f]{32}");
    private static final int MAX_NAME = 120;

    private final Path root;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param folder the share's root; must be an existing directory
     * @throws IOException when it is not
     */
    SharedFolder(Path folder, Clock clock) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new NoSuchFileException(folder.toString(), null, "the shared folder does not exist or is not a directory");
        }
        this.root = folder.toRealPath();
        this.clock = clock;
    }

    Path root() {
        return root;
    }

    /** @return where a new file called {@code offeredName} is stored: a fresh object folder (not created yet) */
    Path newObject(String offeredName) {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return root.resolve(HexFormat.of().formatHex(id)).resolve(safeName(offeredName));
    }

    /** @return the name in the temporary file the copy goes to, next to {@code stored} */
    static Path partOf(Path stored) {
        return stored.resolveSibling("." + stored.getFileName() + ".part");
    }

    /**
     * @return {@code name} reduced to {@code A-Z a-z 0-9 . _ -}, without leading dots, at most
     *         {@value #MAX_NAME} characters; {@code file} when nothing is left
     */
    static String safeName(String name) {
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder b = new StringBuilder();
        base.codePoints().forEach(c -> b.append(c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-')
                ? (char) c : '_'));
        String safe = b.toString().replaceFirst("^\\.+", "");
        if (safe.length() > MAX_NAME) {
            safe = safe.substring(safe.length() - MAX_NAME);
        }
        return safe.isEmpty() ? "file" : safe;
    }

    /**
     * Checks an offered URL and returns the stored file it names.
     *
     * @throws TransportException {@link Reason#UNAVAILABLE} for another scheme, {@link Reason#FORBIDDEN}
     *         for anything outside the share or its layout, {@link Reason#NOT_FOUND} when it is not
     *         (or no longer) there, {@link Reason#EXPIRED} past its lifetime
     */
    Path offered(URI url) throws TransportException {
        if (!"file".equalsIgnoreCase(url.getScheme())) {
            throw new TransportException(Reason.UNAVAILABLE, "not a file: URL: " + url);
        }
        if (url.getRawAuthority() != null && !url.getRawAuthority().isEmpty()
                && !"localhost".equalsIgnoreCase(url.getRawAuthority())) {
            throw new TransportException(Reason.FORBIDDEN, "a file: URL on another host is not read: " + url);
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new TransportException(Reason.FORBIDDEN, "a file: URL with a query or fragment is not read: " + url);
        }
        if (url.isOpaque() || url.getRawPath() == null || !url.getRawPath().startsWith("/")) {
            throw new TransportException(Reason.FORBIDDEN, "not an absolute file: URL: " + url);
        }
        Path asked;
        try {
            asked = Path.of(URI.create("file://" + url.getRawPath())).normalize();
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            throw new TransportException(Reason.FORBIDDEN, "not a local file path: " + url, e);
        }
        checkInside(asked, url);
        Path real;
        try {
            real = asked.toRealPath();
        } catch (NoSuchFileException e) {
            throw new TransportException(Reason.NOT_FOUND, "the offered file is not in the shared folder (any more): " + url, e);
        } catch (IOException e) {
            throw new TransportException(Reason.FORBIDDEN, "the offered file cannot be resolved: " + url, e);
        }
        checkInside(real, url); // a symbolic link inside the share must not lead out of it
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw new TransportException(Reason.FORBIDDEN, "the offered path is not a file: " + url);
        }
        Optional<Instant> expiry = expiry(real.getParent());
        if (expiry.isPresent() && !clock.instant().isBefore(expiry.get())) {
            throw new TransportException(Reason.EXPIRED, "the offered file expired at " + expiry.get() + ": " + url);
        }
        return real;
    }

    /** Fails unless {@code p} is {@code <root>/<object>/<name>}, the name not hidden (a part file, the marker). */
    private void checkInside(Path p, URI url) throws TransportException {
        if (!p.isAbsolute() || !p.startsWith(root)) {
            throw new TransportException(Reason.FORBIDDEN, "the offered file lies outside the shared folder " + root + ": " + url);
        }
        Path rel = root.relativize(p);
        if (rel.getNameCount() != 2 || !OBJECT.matcher(rel.getName(0).toString()).matches()
                || rel.getName(1).toString().startsWith(".")) {
            throw new TransportException(Reason.FORBIDDEN, "the offered path is not a file this transport stored: " + url);
        }
    }

    /** Writes the expiry marker of the object folder {@code object}. */
    void expireAt(Path object, Instant when) throws IOException {
        Files.writeString(object.resolve(EXPIRES), Long.toString(when.getEpochSecond()), StandardCharsets.US_ASCII);
    }

    /** @return the expiry the object folder's marker states; empty without (or with an unreadable) marker */
    Optional<Instant> expiry(Path object) {
        try {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(Files.readString(object.resolve(EXPIRES),
                    StandardCharsets.US_ASCII).strip())));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Deletes an object folder and what it holds; quietly, as cleanup. */
    static void deleteObject(Path object) {
        if (!Files.isDirectory(object, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(object)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // another process holds it; the next sweep tries again
                }
            });
        } catch (IOException ignored) {
            // gone already
        }
    }

    /** Deletes the object folders past their expiry; @return how many */
    int sweep() throws IOException {
        int swept = 0;
        Instant now = clock.instant();
        try (DirectoryStream<Path> objects = Files.newDirectoryStream(root,
                p -> OBJECT.matcher(p.getFileName().toString().toLowerCase(Locale.ROOT)).matches())) {
            for (Path object : objects) {
                Optional<Instant> expiry = expiry(object);
                if (expiry.isPresent() && !now.isBefore(expiry.get())) {
                    deleteObject(object);
                    swept++;
                }
            }
        }
        return swept;
    }
}
