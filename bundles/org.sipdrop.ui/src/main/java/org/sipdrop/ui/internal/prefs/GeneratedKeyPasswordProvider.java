package org.sipdrop.ui.internal.prefs;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.spec.PBEKeySpec;

import org.eclipse.equinox.security.storage.provider.IPreferencesContainer;
import org.eclipse.equinox.security.storage.provider.PasswordProvider;

/**
 * A Secure Storage master password for machines without a keyring or a person to type one
 * (the standalone product, Xvfb, CI): 32 random bytes generated on first use and kept in a
 * file readable only by its owner, beside the secure storage file. It keeps passwords out of
 * the plain preference files; it does not protect them from the same operating-system user.
 * Registered at the lowest priority, so a keyring or prompting provider, when installed (as in
 * an Eclipse IDE), is preferred.
 */
public final class GeneratedKeyPasswordProvider extends PasswordProvider {

    private static final int KEY_BYTES = 32;

    @Override
    public PBEKeySpec getPassword(IPreferencesContainer container, int passwordType) {
        try {
            return new PBEKeySpec(key(keyFile(container.getLocation())).toCharArray());
        } catch (IOException e) {
            // Secure Storage reports a missing password as a StorageException to the caller
            return null;
        }
    }

    static Path keyFile(URL storage) throws IOException {
        if (storage == null) {
            return Path.of(System.getProperty("user.home"), ".sipdrop", "secure-storage.key");
        }
        try {
            Path file = Path.of(storage.toURI());
            return file.resolveSibling(file.getFileName() + ".sipdrop-key");
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("Secure Storage is not a local file: " + storage, e);
        }
    }

    /** @return the key in {@code file}, created with owner-only permissions when absent */
    static String key(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        }
        Files.createDirectories(file.getParent());
        byte[] bytes = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(bytes);
        String key = Base64.getEncoder().encodeToString(bytes);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, key, StandardCharsets.US_ASCII);
        return key;
    }
}
