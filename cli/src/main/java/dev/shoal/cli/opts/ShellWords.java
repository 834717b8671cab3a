package dev.shoal.cli.opts;

import java.util.ArrayList;
import java.util.List;

/** Splits a flag value into words as a POSIX shell would (quotes and backslashes), for {@code --entrypoint}. */
public final class ShellWords {
    private ShellWords() {}

    /**
     * Splits text into words.
     *
     * @throws IllegalArgumentException on an unterminated quote or trailing backslash
     */
    public static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == '\'') {
                if (c == '\'') quote = 0; else cur.append(c);
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < text.length() && "\"\\$`".indexOf(text.charAt(i + 1)) >= 0) {
                    cur.append(text.charAt(++i));
                } else {
                    cur.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                inWord = true;
                if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '\\') {
                    if (i + 1 >= text.length()) throw new IllegalArgumentException("invalid command line '" + text + "': trailing backslash");
                    cur.append(text.charAt(++i));
                } else {
                    cur.append(c);
                }
            }
        }
        if (quote != 0) throw new IllegalArgumentException("invalid command line '" + text + "': unterminated quote");
        if (inWord) words.add(cur.toString());
        return words;
    }
}
