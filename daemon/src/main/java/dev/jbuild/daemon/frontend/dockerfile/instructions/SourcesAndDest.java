package dev.jbuild.daemon.frontend.dockerfile.instructions;

import dev.jbuild.daemon.frontend.dockerfile.parser.Heredoc;
import dev.jbuild.daemon.frontend.dockerfile.parser.Heredocs;
import dev.jbuild.daemon.frontend.dockerfile.shell.ExpansionException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The arguments of COPY and ADD split as BuildKit's parseSourcesAndDest: the last is the destination (never
 * a heredoc), each other one a path or, when written {@code <<NAME}, the body of the heredoc of that name.
 */
record SourcesAndDest(List<String> paths, List<SourceContent> contents, String dest) {
  SourcesAndDest {
    paths = List.copyOf(paths);
    contents = List.copyOf(contents);
  }

  static SourcesAndDest parse(List<String> args, List<Heredoc> heredocs, String command)
      throws InstructionException {
    String dest = args.get(args.size() - 1);
    if (heredoc(dest).isPresent()) {
      throw new InstructionException(command + " cannot accept a heredoc as a destination");
    }
    Map<String, String> bodies = new HashMap<>();
    for (Heredoc h : heredocs) {
      bodies.put(h.name(), h.content());
    }
    List<String> paths = new ArrayList<>();
    List<SourceContent> contents = new ArrayList<>();
    for (String src : args.subList(0, args.size() - 1)) {
      Optional<Heredoc> word = heredoc(src);
      if (word.isEmpty()) {
        paths.add(src);
        continue;
      }
      Heredoc w = word.get();
      // as BuildKit: a heredoc word without a body (e.g. in the JSON form) is an empty file
      Heredoc body = new Heredoc(w.name(), bodies.getOrDefault(w.name(), ""), w.expand(), w.chomp(),
          w.fileDescriptor());
      contents.add(new SourceContent(w.name(), body.chompedContent(), w.expand()));
    }
    return new SourcesAndDest(paths, contents, dest);
  }

  private static Optional<Heredoc> heredoc(String word) throws InstructionException {
    try {
      return Heredocs.parseWord(word);
    } catch (ExpansionException e) {
      throw new InstructionException("invalid heredoc " + word + ": " + e.getMessage());
    }
  }
}
