import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Removes the staging folders of unfinished outputs when the process is interrupted, so
/// that Ctrl-C (SIGINT), `kill` (SIGTERM) or a closed terminal (SIGHUP) leaves no hidden
/// `.NAME.partial-PID` folder behind; then the signal ends the process as it would have
/// (the exit status still says which signal). A signal the process was started with ignored
/// (`nohup` ignores SIGHUP) stays ignored.
///
/// `OutputFolder` registers its staging folder before creating it and withdraws it when it
/// commits or is released. The first registration installs the handlers synchronously (no
/// signal can slip through unseen): each handler only writes the signal's number to a pipe,
/// which a thread of its own reads, so the removal runs even while every worker is busy.
final class StagingCleanup: @unchecked Sendable {
    static let shared = StagingCleanup()
    /// The signals after which staging folders are removed.
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    private let lock = NSLock()
    private var folders: [URL] = []
    private var installed = false

    /// Removes `folder` should the process be interrupted before `withdraw(folder)`.
    func register(_ folder: URL) {
        lock.lock(); defer { lock.unlock() }
        if !installed { installed = installHandlers() }
        folders.append(folder)
    }

    /// `folder` is committed or already removed: no longer the interruption's to remove.
    func withdraw(_ folder: URL) {
        lock.lock(); defer { lock.unlock() }
        folders.removeAll { $0 == folder }
    }

    /// The lock is held. False when no pipe could be made (then interruptions act as before).
    private func installHandlers() -> Bool {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return false }
        stagingCleanupPipe = ends[1]
        let readEnd = ends[0]
        Thread { [self] in
            var byte: UInt8 = 0
            while read(readEnd, &byte, 1) != 1 {}
            self.interrupted(by: Int32(byte))
        }.start()
        for number in Self.signals {
            var current = sigaction()
            sigaction(number, nil, &current)
            // SIG_IGN is handler value 1: leave a signal ignored by whoever started us.
            if unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self) == 1 { continue }
            signal(number, stagingCleanupSignalHandler)
        }
        return true
    }

    private func interrupted(by number: Int32) {
        lock.lock()
        let abandoned = folders
        folders.removeAll()
        lock.unlock()
        for folder in abandoned { try? FileManager.default.removeItem(at: folder) }
        signal(number, SIG_DFL)
        kill(getpid(), number)
    }
}

/// The write end of `StagingCleanup`'s pipe (set before any handler is installed).
nonisolated(unsafe) private var stagingCleanupPipe: Int32 = -1

/// The signal handler: only `write`, which is async-signal-safe.
private func stagingCleanupSignalHandler(_ number: Int32) {
    var byte = UInt8(truncatingIfNeeded: number)
    _ = write(stagingCleanupPipe, &byte, 1)
}
