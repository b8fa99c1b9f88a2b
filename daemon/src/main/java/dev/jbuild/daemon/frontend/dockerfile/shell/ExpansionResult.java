package dev.jbuild.daemon.frontend.dockerfile.shell;

import java.util.List;
import java.util.Set;

/**
 * A processed word (BuildKit's ProcessWordResult).
 *
 * @param result    the expanded word, quotes removed, spaces kept
 * @param words     the same split on unquoted whitespace
 * @param matched   variables the word referred to that were set
 * @param unmatched variables the word referred to that were not set (for "unused/undefined" warnings)
 */
public record ExpansionResult(String result, List<String> words, Set<String> matched, Set<String> unmatched) {
  public ExpansionResult {
    words = List.copyOf(words);
    matched = Set.copyOf(matched);
    unmatched = Set.copyOf(unmatched);
  }
}
