package dev.jbuild.it.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * testdata.manifest.tsv: the type, mode, owner and symlink target of every copied testdata entry. Git keeps
 * only 0644/0755 files and Maven's resource copy follows symlinks, so the manifest, not the checkout, is the
 * source of truth for metadata; symlinks exist only in the manifest.
 */
final class TestdataManifest {

    /** One entry; {@code path} is relative to testdata/. */
    record Entry(String path, String type, int mode, int uid, int gid, String link) {
    }

    private final Path testdata;
    private final List<Entry> entries;

    private TestdataManifest(Path testdata, List<Entry> entries) {
        this.testdata = testdata;
        this.entries = entries;
    }

    static TestdataManifest load(Path corpusRoot) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (String line : Files.readAllLines(corpusRoot.resolve("testdata.manifest.tsv"))) {
            String[] f = line.split("\t", -1);
            if (line.isBlank() || f[0].equals("path")) {
                continue;
            }
            entries.add(new Entry(f[0], f[1], FileMetadata.parseMode(f[2]), Integer.parseInt(f[3]),
                    Integer.parseInt(f[4]), f[5]));
        }
        return new TestdataManifest(corpusRoot.resolve("testdata"), List.copyOf(entries));
    }

    /**
     * Recreates testdata/{@code subtree} (its contents, not the directory itself) in {@code dest}, with the
     * recorded metadata; file contents come from the corpus.
     */
    void copyContents(String subtree, Path dest) throws IOException {
        String prefix = subtree + "/";
        List<Entry> selected = entries.stream().filter(e -> e.path().startsWith(prefix))
                .sorted(Comparator.comparing(Entry::path)).toList();
        if (selected.isEmpty()) {
            throw new IllegalStateException("testdata.manifest.tsv has nothing under " + subtree);
        }
        for (Entry e : selected) {
            Path target = dest.resolve(e.path().substring(prefix.length()));
            switch (e.type()) {
                case "dir" -> Files.createDirectories(target);
                case "symlink" -> Files.createSymbolicLink(target, Path.of(e.link()));
                case "file" -> copyFile(e, target);
                default -> throw new IllegalStateException("unknown manifest type " + e.type() + " for " + e.path());
            }
        }
        // deepest first, so that a read-only directory's mode is set after its contents are written
        for (int i = selected.size() - 1; i >= 0; i--) {
            Entry e = selected.get(i);
            Path target = dest.resolve(e.path().substring(prefix.length()));
            if (!e.type().equals("symlink")) {
                FileMetadata.setMode(target, e.mode());
            }
            if (e.uid() != 0 || e.gid() != 0) {
                FileMetadata.setOwner(target, e.uid(), e.gid());
            }
        }
        FileMetadata.setMode(dest, entries.stream().filter(e -> e.path().equals(subtree)).findFirst()
                .map(Entry::mode).orElse(0755));
    }

    private void copyFile(Entry e, Path target) throws IOException {
        Path source = testdata.resolve(e.path());
        try {
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException ex) {
            throw new IllegalStateException("testdata file " + source + " listed in testdata.manifest.tsv is "
                    + "missing from the test resources (excluded by the resource copy?)", ex);
        }
    }
}
