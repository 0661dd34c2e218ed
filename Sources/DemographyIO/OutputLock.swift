import Foundation

/// An exclusive lock on one output, so that two runs into the same place fail
/// cleanly instead of mixing their files.
///
/// The lock is `flock` on a hidden file `.NAME.lock` beside the output, taken
/// without waiting: a second run is refused at once. The lock belongs to the open
/// file, so the kernel drops it when its process ends, however it ends; a lock file
/// left behind by a killed run therefore blocks nothing. The holder unlinks the
/// file before it lets go, and a run that locked a file since unlinked (it lost
/// that race) opens the new one and tries again. On a file system without `flock`
/// the run goes ahead unlocked.
final class OutputLock {
    /// The lock file.
    let path: String
    private var descriptor: Int32

    /// Takes the lock of `target`, or throws naming the lock file when another run holds it.
    init(for target: OutputTarget) throws(OutputError) {
        let name = target.name
        path = target.parent.appendingPathComponent(".\(name).lock").path
        for _ in 0..<100 {
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                throw target.refusal("cannot create the lock file \(path) (\(OutputError.systemReason()))")
            }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                let code = errno
                close(fd)
                if code == EWOULDBLOCK || code == EINTR {
                    throw target.refusal("another popproj run is writing \(name) (lock \(path)); wait for it or choose another --out")
                }
                // No locks on this file system: go ahead unlocked.
                unlink(path)
                descriptor = -1
                return
            }
            var held = stat(), named = stat()
            if fstat(fd, &held) == 0, stat(path, &named) == 0, held.st_dev == named.st_dev, held.st_ino == named.st_ino {
                descriptor = fd
                OutputStaging.shared.lockFile(path, held: true)
                return
            }
            close(fd)  // The file was unlinked by the run that just finished: lock the new one.
        }
        throw target.refusal("cannot take the lock \(path): it keeps being replaced")
    }

    /// Unlinks the lock file and lets go of the lock.
    func release() {
        guard descriptor >= 0 else { return }
        OutputStaging.shared.lockFile(path, held: false)
        unlink(path)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
