package org.sipdrop.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds the programs the peers need, on PATH and in the sbin directories a PATH may lack. */
public final class Binaries {

    private Binaries() {
    }

    /** The program's path, or {@link MissingPeerException} naming the Debian package. */
    public static Path require(String program, String debianPackage) {
        return find(program).orElseThrow(() -> new MissingPeerException(program, debianPackage));
    }

    /** The program's path if it is installed. */
    public static Optional<Path> find(String program) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.addAll(List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"));
        for (String dir : dirs) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
