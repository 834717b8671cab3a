package dev.shoal.raft;

import dev.shoal.store.ProposalCodec;
import dev.shoal.store.StoreSnapshot;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.util.MD5FileUtil;

/**
 * Writes and reads store snapshots as single files in Ratis's {@link SimpleStateMachineStorage}
 * layout ({@code snapshot.<term>_<index>} plus an MD5 file). A file is written to a temporary name
 * and renamed into place, so a crash never leaves a half-written snapshot under the final name.
 * Thread-safe as long as two snapshots of the same term-index are not written at once.
 */
final class SnapshotFiles {
    private final SimpleStateMachineStorage storage;
    private final ProposalCodec codec;

    SnapshotFiles(SimpleStateMachineStorage storage, ProposalCodec codec) {
        this.storage = storage;
        this.codec = codec;
    }

    /** Writes {@code snapshot}, taken at Raft position {@code at}, and makes it the latest snapshot. */
    SingleFileSnapshotInfo write(StoreSnapshot snapshot, TermIndex at) throws IOException {
        File target = storage.getSnapshotFile(at.getTerm(), at.getIndex());
        Path tmp = target.toPath().resolveSibling(target.getName() + ".tmp");
        try (java.io.OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
            codec.writeSnapshot(snapshot, out);
        }
        Files.move(tmp, target.toPath(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        MD5Hash md5 = MD5FileUtil.computeAndSaveMd5ForFile(target);
        SingleFileSnapshotInfo info = new SingleFileSnapshotInfo(new FileInfo(target.toPath(), md5), at);
        storage.updateLatestSnapshot(info);
        return info;
    }

    /** Reads a snapshot file after checking its MD5 (when one was saved); throws if it is corrupt. */
    StoreSnapshot read(SingleFileSnapshotInfo info) throws IOException {
        Path path = info.getFile().getPath();
        MD5Hash md5 = info.getFile().getFileDigest();
        if (md5 != null) MD5FileUtil.verifySavedMD5(path.toFile(), md5);
        try {
            try (java.io.InputStream in = new java.io.BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
                return codec.readSnapshot(in);
            }
        } catch (RuntimeException | IOException e) {
            throw new IOException("cannot decode store snapshot " + path + ": " + e.getMessage(), e);
        }
    }
}
