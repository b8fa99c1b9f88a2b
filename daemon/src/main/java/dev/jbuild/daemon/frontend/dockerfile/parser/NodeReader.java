package dev.jbuild.daemon.frontend.dockerfile.parser;

import dev.jbuild.daemon.frontend.dockerfile.DockerfileError;
import java.util.List;

/** Turns one joined instruction line into a {@link Node} (BuildKit's newNodeFromLine). */
final class NodeReader {
  private NodeReader() {}

  static Node read(String line, char escape, int startLine, int endLine) throws DockerfileError {
    CommandSplitter.Split split = CommandSplitter.split(line);
    String name = split.keyword().toLowerCase(java.util.Locale.ROOT);
    try {
      if (name.equals("onbuild")) {
        Node trigger = split.rest().isEmpty() ? null : read(split.rest(), escape, startLine, endLine);
        return new Node(split.keyword(), split.flags(), List.of(), trigger, false, line, startLine, endLine);
      }
      LineParsers.Args args = LineParsers.parse(name, split.rest(), escape);
      return new Node(split.keyword(), split.flags(), args.values(), null, args.json(), line, startLine,
          endLine);
    } catch (LineParsers.ArgumentSyntaxException e) {
      throw new DockerfileError(startLine, e.getMessage());
    }
  }
}
