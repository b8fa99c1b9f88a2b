package dev.jbuild.daemon.frontend.dockerfile.shell;

import dev.jbuild.daemon.frontend.dockerfile.text.GoText;
import java.util.ArrayList;
import java.util.List;

/** Collects words while a word is scanned: unquoted whitespace ends a word, quoted or escaped text never does. */
final class WordSplitter {
  private final List<String> words = new ArrayList<>();
  private final StringBuilder word = new StringBuilder();
  private boolean inWord;

  /** A character subject to splitting (unquoted text, expanded variables). */
  void addChar(int ch) {
    if (GoText.isSpace(ch)) {
      if (inWord && word.length() != 0) {
        words.add(word.toString());
        word.setLength(0);
        inWord = false;
      }
    } else {
      addRawChar(ch);
    }
  }

  /** A character that belongs to the current word whatever it is (escaped). */
  void addRawChar(int ch) {
    word.appendCodePoint(ch);
    inWord = true;
  }

  void addString(String s) {
    s.codePoints().forEach(this::addChar);
  }

  /** Text that belongs to the current word as a whole (a quoted string), even when empty. */
  void addRawString(String s) {
    word.append(s);
    inWord = true;
  }

  List<String> words() {
    if (word.length() > 0) {
      words.add(word.toString());
      word.setLength(0);
      inWord = false;
    }
    return words;
  }
}
