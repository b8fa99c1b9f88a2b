package dev.jbuild.it.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;

/** Sets the metadata a build context entry carries: mode (with setuid/setgid/sticky), owner, mtime. */
final class FileMetadata {

    private FileMetadata() {
    }

    /** Sets all 12 permission bits; {@code PosixFilePermission} cannot express setuid/setgid/sticky. */
    static void setMode(Path path, int mode) throws IOException {
        Files.setAttribute(path, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
    }

    /** Sets numeric ownership (needs root for ids other than the caller's own). */
    static void setOwner(Path path, int uid, int gid) throws IOException {
        try {
            Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new IOException("cannot give " + path + " owner " + uid + ":" + gid
                    + " (the conformance cases need to run as root): " + e.getMessage(), e);
        }
    }

    static void setMtime(Path path, long epochSeconds) throws IOException {
        FileTime t = FileTime.fromMillis(epochSeconds * 1000);
        Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(t, t, null);
    }

    static int parseMode(String octal) {
        return Integer.parseInt(octal, 8);
    }
}
