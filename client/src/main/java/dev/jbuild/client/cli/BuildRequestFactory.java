package dev.jbuild.client.cli;

import dev.jbuild.client.context.ClientId;
import dev.jbuild.client.context.DockerIgnoreFile;
import dev.jbuild.patterns.InvalidPatternException;
import dev.jbuild.patterns.PatternMatcher;
import dev.jbuild.proto.control.BuildRequest;
import dev.jbuild.proto.control.ContextInfo;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Optional;

/**
 * Turns docker build's flags into a BuildRequest, checking on this side what can be checked here: the
 * context directory and the Dockerfile exist, the ignore rules parse.
 */
final class BuildRequestFactory {

  /** What a build needs from this machine: the request and the real context directory to send from. */
  record PreparedBuild(BuildRequest request, Path contextDir) {}

  private final Map<String, String> env;
  private final Path home;
  private final InputStream stdin;

  BuildRequestFactory(Map<String, String> env, Path home, InputStream stdin) {
    this.env = env;
    this.home = home;
    this.stdin = stdin;
  }

  PreparedBuild prepare(BuildCommand.Flags flags) throws UserException, IOException {
    Path contextDir = contextDir(flags.context);
    String dockerfileName;
    byte[] dockerfile;
    Path dockerfilePath;
    if ("-".equals(flags.file)) {
      dockerfileName = "Dockerfile";
      dockerfile = stdin.readAllBytes();
      dockerfilePath = contextDir.resolve("Dockerfile");
    } else {
      dockerfileName = flags.file == null ? "Dockerfile" : flags.file;
      // A relative -f is relative to the current directory, as with docker; the default is in the context.
      dockerfilePath = flags.file == null ? contextDir.resolve("Dockerfile") : Paths.get(flags.file).toAbsolutePath();
      dockerfile = readDockerfile(dockerfilePath);
    }
    ContextInfo.Builder context = ContextInfo.newBuilder()
        .setClientId(ClientId.forUser(home))
        .setDir(contextDir.toString());
    Optional<DockerIgnoreFile> ignore = DockerIgnoreFile.find(dockerfilePath, contextDir);
    if (ignore.isPresent()) {
      try {
        PatternMatcher.compile(ignore.get().patterns());
      } catch (InvalidPatternException e) {
        throw new UserException("invalid " + ignore.get().file() + ": " + e.getMessage());
      }
      context.addAllExcludePatterns(ignore.get().patterns()).setIgnoreFile(ignore.get().file().toString());
    }
    BuildRequest request = BuildRequest.newBuilder()
        .setDockerfileName(dockerfileName)
        .setDockerfile(ByteString.copyFrom(dockerfile))
        .addAllBuildArgs(BuildArgs.parse(flags.buildArgs, env))
        .setTarget(flags.target == null ? "" : flags.target)
        .addAllTags(flags.tags)
        .addAllOutputs(OutputSpecs.parse(flags.outputs))
        .setNoCache(flags.noCache)
        .setPull(flags.pull)
        .setProgress(flags.progress.flagValue())
        .setContext(context)
        .build();
    return new PreparedBuild(request, contextDir);
  }

  static Path contextDir(String context) throws UserException, IOException {
    Path path = Paths.get(context);
    if (!Files.exists(path)) {
      throw new UserException("unable to prepare context: path \"" + context + "\" not found");
    }
    if (!Files.isDirectory(path)) {
      throw new UserException("unable to prepare context: \"" + context + "\" is not a directory");
    }
    return path.toRealPath();
  }

  static byte[] readDockerfile(Path path) throws UserException, IOException {
    try {
      if (Files.isDirectory(path)) {
        throw new UserException("the Dockerfile " + path + " is a directory; name a file with -f");
      }
      return Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new UserException("cannot read Dockerfile " + path + ": no such file (name another one with -f)");
    }
  }
}
