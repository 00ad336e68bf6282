package org.sipdrop.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.regex.Pattern;

/** Writes the "name password" users file the launchers read, readable by its owner only. */
final class Users {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._~+-]+");

    private Users() {
    }

    static Path write(Path runDir, Map<String, String> users) {
        if (users.isEmpty()) {
            throw new IllegalArgumentException("at least one user is needed");
        }
        StringBuilder text = new StringBuilder();
        users.forEach((name, password) -> {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("user name '" + name + "': use letters, digits and ._~+- only");
            }
            if (password.isEmpty() || password.contains("\n") || password.contains("\r")) {
                throw new IllegalArgumentException("password of '" + name + "' must be one non-empty line");
            }
            text.append(name).append(' ').append(password).append('\n');
        });
        Path file = Launcher.createRunDir(runDir).resolve("users.txt");
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PeerException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }
}
