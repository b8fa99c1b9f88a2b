package dev.jbuild.it.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What upstream's {@code tweakContextDir} callback adds to a context: the files of cases/SLUG/overlay, with
 * the modes, owners and mtimes listed in cases/SLUG/case.json ("context_tweak" entries).
 */
final class ContextTweak {

    /** One case.json entry; absent values are null. */
    record Entry(String path, String type, String content, Integer mode, Integer uid, Integer gid, Long mtime) {
    }

    private final Path overlay;
    private final List<Entry> entries;

    private ContextTweak(Path overlay, List<Entry> entries) {
        this.overlay = overlay;
        this.entries = entries;
    }

    /** Reads cases/SLUG (a case with no case.json or overlay has an empty tweak). */
    static ContextTweak load(Path caseDir) throws IOException {
        List<Entry> entries = new ArrayList<>();
        Path json = caseDir.resolve("case.json");
        if (Files.exists(json)) {
            JsonNode tweak = new ObjectMapper().readTree(json.toFile()).path("context_tweak");
            for (JsonNode e : tweak.path("entries")) {
                if (e.has("xattrs") || e.has("members")) {
                    throw new IllegalStateException(json + ": xattrs and archives are not materialized here");
                }
                entries.add(new Entry(e.path("path").asText(), e.path("type").asText("file"),
                        e.has("content") ? e.get("content").asText() : null,
                        e.has("mode") ? FileMetadata.parseMode(e.get("mode").asText()) : null,
                        e.has("uid") ? e.get("uid").asInt() : null, e.has("gid") ? e.get("gid").asInt() : null,
                        e.has("mtime") ? e.get("mtime").asLong() : null));
            }
        }
        return new ContextTweak(caseDir.resolve("overlay"), List.copyOf(entries));
    }

    /** Copies the overlay into {@code context} (replacing what is there), then applies the entries. */
    void applyTo(Path context) throws IOException {
        if (Files.isDirectory(overlay)) {
            try (Stream<Path> walk = Files.walk(overlay)) {
                for (Path p : walk.sorted().toList()) {
                    Path target = context.resolve(overlay.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                        FileMetadata.setMode(target, 0644);
                    }
                }
            }
        }
        for (Entry e : entries) {
            Path target = context.resolve(e.path());
            if (e.type().equals("dir")) {
                Files.createDirectories(target);
            } else if (!Files.exists(target) && e.content() != null) {
                Files.writeString(target, e.content(), StandardCharsets.UTF_8);
            }
        }
        // modes last and deepest first: an entry may make its directory read-only (mode 0000 files exist too)
        for (int i = entries.size() - 1; i >= 0; i--) {
            Entry e = entries.get(i);
            Path target = context.resolve(e.path());
            if (e.mode() != null) {
                FileMetadata.setMode(target, e.mode());
            }
            if (e.uid() != null || e.gid() != null) {
                FileMetadata.setOwner(target, e.uid() == null ? 0 : e.uid(), e.gid() == null ? 0 : e.gid());
            }
            if (e.mtime() != null) {
                FileMetadata.setMtime(target, e.mtime());
            }
        }
    }
}
