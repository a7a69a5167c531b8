import Dispatch
import Foundation

/// Removes the staging folders of unfinished outputs when the process is interrupted, so
/// that Ctrl-C (SIGINT), `kill` (SIGTERM) or a closed terminal (SIGHUP) leaves no hidden
/// `.NAME.partial-PID` folder behind; then the signal ends the process as it would have
/// (the exit status still says which signal).
///
/// `OutputFolder` registers its staging folder when it creates it and withdraws it when it
/// commits or is released. The handlers are installed with the first registration, on a
/// queue of their own, so they run even while every worker thread is busy.
final class StagingCleanup: @unchecked Sendable {
    static let shared = StagingCleanup()
    /// The signals after which staging folders are removed.
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    private let lock = NSLock()
    private var folders: [URL] = []
    private var sources: [DispatchSourceSignal] = []
    private let queue = DispatchQueue(label: "sentinel.staging-cleanup")

    /// Removes `folder` should the process be interrupted before `withdraw(folder)`.
    func register(_ folder: URL) {
        lock.lock(); defer { lock.unlock() }
        installHandlersIfNeeded()
        folders.append(folder)
    }

    /// `folder` is committed or already removed: no longer the interruption's to remove.
    func withdraw(_ folder: URL) {
        lock.lock(); defer { lock.unlock() }
        folders.removeAll { $0 == folder }
    }

    /// The lock is held.
    private func installHandlersIfNeeded() {
        guard sources.isEmpty else { return }
        for number in Self.signals {
            // Dispatch sees the signal only when its default action (ending the process) is off.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [unowned self] in self.interrupted(by: number) }
            source.resume()
            sources.append(source)
        }
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
