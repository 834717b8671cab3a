package dev.shoal.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The files a task's secrets and configs appear as: written under {@code root/<task id>/} (by default
 * in {@code /dev/shm}, memory rather than disk, as Swarm keeps secrets in tmpfs) with the owner and
 * mode the service asked for, bind-mounted read-only into the container, and deleted with the task;
 * the node's directory goes with the last of them. Thread-safe (each task writes only its own directory).
 */
final class TaskFiles {
    private final Path root;

    TaskFiles(Path root) { this.root = root; }

    /** The default root for node {@code nodeId}: {@code /dev/shm/shoal-<node>} when there is a /dev/shm, else the temp dir. */
    static TaskFiles forNode(String nodeId) {
        Path shm = Path.of("/dev/shm");
        Path base = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
        return new TaskFiles(base.resolve("shoal-" + nodeId));
    }

    /**
     * Writes one file for task {@code taskId}; returns its host path. {@code uid}/{@code gid} are applied
     * when given and the daemon may change owners (it runs as root in production).
     */
    Path write(String taskId, String key, byte[] data, int mode, String uid, String gid) throws IOException {
        Path dir = root.resolve(taskId);
        synchronized (this) { // not while remove() deletes an empty root
            Files.createDirectories(dir);
        }
        try {
            // Only the daemon (root) reads the host side; the engine bind-mounts each file as it is.
            Files.setPosixFilePermissions(root, EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.OWNER_EXECUTE));
        } catch (UnsupportedOperationException e) {
            // not POSIX: keep defaults
        }
        Path f = dir.resolve(key);
        Files.write(f, data);
        try {
            Files.setPosixFilePermissions(f, permissions(mode));
            if (uid != null && !uid.isEmpty()) Files.setAttribute(f, "unix:uid", Integer.parseInt(uid));
            if (gid != null && !gid.isEmpty()) Files.setAttribute(f, "unix:gid", Integer.parseInt(gid));
        } catch (UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            // not POSIX, a non-numeric owner or not root: the file keeps the daemon's owner
        }
        return f;
    }

    /** Deletes the task's files, and the node's directory with them when no other task has files left. */
    void remove(String taskId) {
        Path dir = root.resolve(taskId);
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            // best effort: a leftover file of a removed task is harmless to the node
        }
        synchronized (this) {
            try {
                Files.deleteIfExists(root);
            } catch (IOException e) {
                // another task's files are still there (DirectoryNotEmptyException), or best effort as above
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {
                PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int i = 0; i < bits.length; i++) if ((mode & (1 << i)) != 0) s.add(bits[i]);
        return s;
    }
}
