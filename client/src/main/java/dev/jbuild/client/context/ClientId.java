package dev.jbuild.client.context;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * A stable id for this machine and user, so the daemon can keep each client's context copies apart: a random
 * id kept in {@code ~/.jbuild/client-id}, created on first use (written to a temp file, then renamed).
 */
public final class ClientId {

  private ClientId() {}

  public static String forUser(Path home) throws IOException {
    Path file = home.resolve(".jbuild").resolve("client-id");
    if (Files.isRegularFile(file)) {
      String id = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (!id.isEmpty()) {
        return id;
      }
    }
    Files.createDirectories(file.getParent());
    String id = UUID.randomUUID().toString();
    Path tmp = Files.createTempFile(file.getParent(), "client-id", ".tmp");
    Files.writeString(tmp, id + "\n", StandardCharsets.UTF_8);
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    // Two first runs at once: both renamed, the last one won; read back the id that stays.
    return Files.readString(file, StandardCharsets.UTF_8).strip();
  }
}
