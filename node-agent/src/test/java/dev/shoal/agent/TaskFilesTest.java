package dev.shoal.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskFilesTest {
    @TempDir
    Path dir;

    @Test
    void theNodeDirectoryGoesWithTheLastTasksFiles() throws Exception {
        Path root = dir.resolve("shoal-node");
        TaskFiles files = new TaskFiles(root);
        Path a = files.write("task-a", "secret", "one".getBytes(StandardCharsets.UTF_8), 0444, null, null);
        files.write("task-b", "config", "two".getBytes(StandardCharsets.UTF_8), 0444, null, null);
        assertArrayEquals("one".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(a));

        files.remove("task-a");
        assertFalse(Files.exists(root.resolve("task-a")));
        assertTrue(Files.isDirectory(root.resolve("task-b")), "another task's files stay");

        files.remove("task-b");
        assertFalse(Files.exists(root), "no empty directory is left behind");

        files.write("task-c", "secret", "three".getBytes(StandardCharsets.UTF_8), 0400, null, null);
        assertTrue(Files.exists(root.resolve("task-c").resolve("secret")), "written again after the directory went");
    }
}
