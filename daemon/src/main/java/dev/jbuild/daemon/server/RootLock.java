package dev.jbuild.daemon.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One daemon per state root: an exclusive lock on {@code <root>/jbuildd.lock}, which also records the
 * holder's pid for the message a second daemon prints. The kernel drops the lock when the process dies,
 * so a crash never leaves a root locked.
 */
public final class RootLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private RootLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  public static RootLock acquire(Path root) throws IOException {
    Files.createDirectories(root);
    Path file = root.resolve("jbuildd.lock");
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    FileLock lock = ch.tryLock();
    if (lock == null) {
      String holder = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
      ch.close();
      throw new IOException("another jbuildd" + (holder.isEmpty() ? "" : " (pid " + holder + ")")
          + " is using the state root " + root + "; stop it, or give this one another --root");
    }
    ch.truncate(0);
    ch.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
    ch.force(true);
    return new RootLock(ch, lock);
  }

  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }
}
