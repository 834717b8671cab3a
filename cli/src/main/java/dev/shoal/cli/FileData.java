package dev.shoal.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the content of a {@code secret create}/{@code config create}: a file, or standard input for "-". */
public final class FileData {
    private FileData() {}

    /** The bytes of {@code file} ("-" = {@code stdin}); a CliException names the file that cannot be read. */
    public static byte[] read(String file, InputStream stdin) {
        try {
            if ("-".equals(file)) return stdin.readAllBytes();
            return Files.readAllBytes(Path.of(file));
        } catch (NoSuchFileException e) {
            throw new CliException("open " + file + ": no such file or directory");
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
