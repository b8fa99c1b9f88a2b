package dev.jbuild.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared folder the tests read tools and reference data from: the system property {@code jbuild.shared},
 * else a {@code shared} folder beside the repository root (as in CI).
 */
public final class SharedDir {

    private SharedDir() {
    }

    /** The absolute path of {@code relative} inside the shared folder; fails naming where it looked. */
    public static Path resolve(String relative) {
        String property = System.getProperty("jbuild.shared");
        List<Path> candidates = new ArrayList<>();
        if (property != null && !property.isBlank()) {
            candidates.add(Path.of(property));
        } else {
            // integration-tests/ -> repository root -> its parent, which holds shared/
            for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
                candidates.add(dir.resolve("shared"));
            }
        }
        for (Path shared : candidates) {
            Path p = shared.resolve(relative);
            if (Files.exists(p)) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("cannot find shared/" + relative + " (looked in " + candidates
                + "); set -Djbuild.shared=/path/to/shared");
    }
}
