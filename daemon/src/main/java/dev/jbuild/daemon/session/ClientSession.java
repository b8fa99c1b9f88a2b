package dev.jbuild.daemon.session;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What a build may ask of the client that started it, over its Build call (BuildKit's session). Each build
 * has its own: the files, registry credentials and (later) secrets and ssh agents are the client's, never the
 * daemon host's. Calls block until the client has answered; they may be made from any thread, at the same time.
 */
public interface ClientSession extends RegistryCredentials {

  /**
   * Asks the client for the files of a local source and returns the directory holding them, which stays as
   * it is until the build ends.
   *
   * @throws IOException when the client cannot send them (its message) or the transfer breaks
   * @throws InterruptedException when the build is cancelled while waiting
   */
  Path localFiles(String name, List<String> includePatterns, List<String> excludePatterns)
      throws IOException, InterruptedException;
}
