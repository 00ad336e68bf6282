package org.sipdrop.ui.internal.prefs;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.StorageException;

/**
 * SipDrop's secrets in Eclipse Secure Storage (node {@value PreferenceKeys#SECURE_NODE}),
 * always encrypted; the plain preference store never sees them.
 */
public final class SecureStore {

    private final ISecurePreferences node;

    public SecureStore(ISecurePreferences root) {
        this.node = Objects.requireNonNull(root, "root").node(PreferenceKeys.SECURE_NODE);
    }

    /**
     * @return the workbench's default Secure Storage
     * @throws IOException when the platform offers none (e.g. its location cannot be written)
     */
    public static SecureStore workbench() throws IOException {
        ISecurePreferences root = SecurePreferencesFactory.getDefault();
        if (root == null) {
            throw new IOException("Eclipse Secure Storage is not available: check that the secure storage file "
                    + "(-eclipse.keyring, default ~/.eclipse/org.eclipse.equinox.security/secure_storage) can be written");
        }
        return new SecureStore(root);
    }

    /**
     * @return the secret stored under {@code key}, if any
     * @throws IOException when Secure Storage cannot decrypt it (e.g. its master password was refused)
     */
    public Optional<String> get(String key) throws IOException {
        if (!contains(key)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(node.get(key, null)).filter(s -> !s.isEmpty());
        } catch (StorageException e) {
            throw new IOException("Cannot read '" + key + "' from Eclipse Secure Storage: " + e.getMessage(), e);
        }
    }

    /**
     * Stores {@code secret} encrypted under {@code key} and saves the storage; an empty or null
     * secret removes the key.
     *
     * @throws IOException when it cannot be encrypted or saved
     */
    public void put(String key, String secret) throws IOException {
        if (secret == null || secret.isEmpty()) {
            node.remove(key);
        } else {
            try {
                node.put(key, secret, true);
            } catch (StorageException e) {
                throw new IOException("Cannot save '" + key + "' in Eclipse Secure Storage: " + e.getMessage(), e);
            }
        }
        node.flush();
    }

    /** @return whether a secret is stored under {@code key}, without decrypting it */
    public boolean contains(String key) {
        for (String k : node.keys()) {
            if (k.equals(key)) {
                return true;
            }
        }
        return false;
    }

    /** @return whether the secret under {@code key} is stored encrypted */
    public boolean isEncrypted(String key) throws IOException {
        try {
            return node.isEncrypted(key);
        } catch (StorageException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
