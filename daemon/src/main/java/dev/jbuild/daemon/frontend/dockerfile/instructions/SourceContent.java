package dev.jbuild.daemon.frontend.dockerfile.instructions;

/**
 * A COPY or ADD source written as a heredoc ({@code COPY <<EOF /dest}): an inline file named after the
 * heredoc (BuildKit's instructions.SourceContent).
 *
 * @param path   the file's name, the heredoc's delimiter ({@code <<EOF} → {@code EOF})
 * @param data   the body, already chomped for {@code <<-}
 * @param expand variables in the body expand (the delimiter was not quoted)
 */
public record SourceContent(String path, String data, boolean expand) {}
