package dev.shoal.cli.opts;

import dev.shoal.cli.CliException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An {@code --env-file}, read as Docker reads one: a {@code KEY=VALUE} per line (the value as written, no
 * quotes removed), a bare {@code KEY} taken from the client's environment (dropped when unset), blank
 * lines and lines starting with {@code #} ignored. Stateless.
 */
public final class EnvFile {
    private EnvFile() {}

    /** The variables of {@code file}; a CliException names the file and line that cannot be used. */
    public static List<String> read(Path file, Map<String, String> env) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliException("open " + file + ": no such file or directory");
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage());
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).stripLeading();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String key = line.contains("=") ? line.substring(0, line.indexOf('=')) : line.strip();
            if (key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
                throw new CliException(file + ", line " + (i + 1) + ": variable '" + key + "' contains whitespaces");
            }
            if (line.contains("=")) {
                out.add(line);
            } else if (env.containsKey(key)) {
                out.add(key + "=" + env.get(key));
            }
        }
        return out;
    }
}
