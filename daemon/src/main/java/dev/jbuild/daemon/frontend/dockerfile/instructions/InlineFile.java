package dev.jbuild.daemon.frontend.dockerfile.instructions;

/**
 * A heredoc of a RUN instruction (BuildKit's instructions.ShellInlineFile): the conversion feeds it to the
 * command, either as the whole script or joined after the command line for the shell to read.
 *
 * @param name  the delimiter word
 * @param data  the body as written, not chomped
 * @param chomp written as {@code <<-}: leading tabs are stripped when the body becomes the script
 */
public record InlineFile(String name, String data, boolean chomp) {}
