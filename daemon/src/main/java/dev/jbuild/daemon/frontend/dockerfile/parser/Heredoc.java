package dev.jbuild.daemon.frontend.dockerfile.parser;

import java.util.regex.Pattern;

/**
 * One here-document attached to an ADD, COPY or RUN instruction (BuildKit's parser.Heredoc).
 *
 * @param name           the delimiter word, quotes removed ({@code <<"EOF"} → {@code EOF})
 * @param content        the body exactly as read, line endings included, up to (not including) the
 *                       terminator line; not chomped
 * @param expand         false when any part of the delimiter was quoted: the body must not be expanded
 * @param chomp          written as {@code <<-}: leading tabs are to be stripped from the body (see
 *                       {@link #chompedContent()}) and were allowed before the terminator
 * @param fileDescriptor the {@code N} of {@code N<<EOF}, 0 when not given
 */
public record Heredoc(String name, String content, boolean expand, boolean chomp, int fileDescriptor) {
  private static final Pattern LEADING_TABS = Pattern.compile("(?m)^\\t+");

  /** The body as the instruction uses it: with leading tabs removed from every line when {@link #chomp()}. */
  public String chompedContent() {
    return chomp ? LEADING_TABS.matcher(content).replaceAll("") : content;
  }

  Heredoc withContent(String body) {
    return new Heredoc(name, body, expand, chomp, fileDescriptor);
  }
}
