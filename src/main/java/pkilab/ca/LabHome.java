package pkilab.ca;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import pkilab.BadInputException;

/**
 * The lab home: the one folder where pkilab writes what it generates (keys, certificates,
 * CRLs, reports). Writes are atomic (a temporary file renamed into place), private keys are
 * 0600 in 0700 folders, and {@link #lock()} keeps two processes from changing it at once.
 */
public final class LabHome {
    private static final Set<PosixFilePermission> DIR_PRIVATE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_PRIVATE = PosixFilePermissions.fromString("rw-------");
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path root;

    public LabHome(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** Folder of one CA ({@code ca/enterprise}), private. */
    public Path caDir(String caId) {
        return root.resolve("ca").resolve(caId);
    }

    /** Default folder for issued leaves. */
    public Path certsDir() {
        return root.resolve("certs");
    }

    /** Creates a folder (and parents) readable by the owner only. */
    public static void privateDir(Path dir) {
        try {
            Files.createDirectories(dir);
            if (supportsPosix(dir)) {
                Files.setPosixFilePermissions(dir, DIR_PRIVATE);
            }
        } catch (FileAlreadyExistsException e) {
            throw new BadInputException("cannot create folder " + dir + ": a file is in the way");
        } catch (IOException e) {
            throw new BadInputException("cannot create folder " + dir + ": " + BadInputException.why(e));
        }
    }

    /**
     * Writes {@code data} to {@code target} atomically: into a temporary file beside it, then
     * renamed over it, so a reader sees the old file or the new one, never half of one.
     * {@code secret} files (private keys, PKCS#12) get mode 0600 before any byte is written.
     */
    public static void writeAtomic(Path target, byte[] data, boolean secret) {
        Path dir = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            try {
                if (supportsPosix(tmp)) {
                    Files.setPosixFilePermissions(tmp, secret ? FILE_PRIVATE : PosixFilePermissions.fromString("rw-r--r--"));
                }
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                    ch.write(java.nio.ByteBuffer.wrap(data));
                    ch.force(true);
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new BadInputException("cannot write " + target + ": " + BadInputException.why(e));
        }
    }

    private static boolean supportsPosix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /**
     * Takes the lab's lock (a file lock on {@code .lock}, plus an in-process lock for threads
     * of this JVM); waits up to 60 s for another pkilab to finish.
     */
    public Lock lock() {
        privateDir(root);
        ReentrantLock local = IN_PROCESS.computeIfAbsent(root, k -> new ReentrantLock());
        local.lock();
        if (local.getHoldCount() > 1) {
            return new Lock(local, null, null);
        }
        try {
            FileChannel ch = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (true) {
                FileLock fl;
                try {
                    fl = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    fl = null;
                }
                if (fl != null) {
                    return new Lock(local, ch, fl);
                }
                if (System.nanoTime() > deadline) {
                    ch.close();
                    local.unlock();
                    throw new BadInputException("the lab home " + root + " is locked by another pkilab process (waited 60 s)");
                }
                Thread.sleep(50);
            }
        } catch (IOException e) {
            local.unlock();
            // typically a lab home made with sudo and used without it
            throw new BadInputException("cannot lock the lab home " + root + " (" + root.resolve(".lock") + ": "
                    + BadInputException.why(e) + "); is it another user's? give your own --lab DIR");
        } catch (InterruptedException e) {
            local.unlock();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the lab lock", e);
        }
    }

    /** The held lab lock; close to release. */
    public static final class Lock implements AutoCloseable {
        private final ReentrantLock local;
        private final FileChannel channel;
        private final FileLock fileLock;

        private Lock(ReentrantLock local, FileChannel channel, FileLock fileLock) {
            this.local = local;
            this.channel = channel;
            this.fileLock = fileLock;
        }

        @Override
        public void close() {
            try {
                if (fileLock != null) {
                    fileLock.release();
                    channel.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                local.unlock();
            }
        }
    }
}
