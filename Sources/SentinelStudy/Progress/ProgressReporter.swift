import Foundation

/// Reports long work on standard error: one line per stage, with its duration, and
/// (on a terminal) an updating count for long loops. Results never go to stderr.
public final class ProgressReporter: @unchecked Sendable {
    public let enabled: Bool
    private let lock = NSLock()
    private var stageStart: Date?
    private var stageName: String?
    /// Wall-clock seconds per finished stage, in order (written to `timings.json`).
    public private(set) var timings: [(stage: String, seconds: Double)] = []

    public init(enabled: Bool = true) {
        self.enabled = enabled
    }

    /// Starts a stage (finishing the previous one).
    public func stage(_ name: String) {
        lock.lock(); defer { lock.unlock() }
        finishLocked()
        stageName = name
        stageStart = Date()
        emit("sentinel: \(name)...")
    }

    /// Finishes the current stage.
    public func finish() {
        lock.lock(); defer { lock.unlock() }
        finishLocked()
    }

    /// A free-form note on stderr.
    public func note(_ text: String) {
        lock.lock(); defer { lock.unlock() }
        emit("sentinel: \(text)")
    }

    private func finishLocked() {
        guard let name = stageName, let start = stageStart else { return }
        let seconds = Date().timeIntervalSince(start)
        timings.append((name, seconds))
        stageName = nil
        stageStart = nil
    }

    private func emit(_ line: String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// The stage timings as a JSON object `{"stages": [{"stage":..., "seconds":...}], "total_seconds": ...}`.
    public func timingsJSON() -> String {
        lock.lock(); defer { lock.unlock() }
        let rows = timings.map { "    {\"stage\": \"\(jsonEscape($0.stage))\", \"seconds\": \(String(format: "%.6f", $0.seconds))}" }
        let total = timings.reduce(0) { $0 + $1.seconds }
        return "{\n  \"stages\": [\n" + rows.joined(separator: ",\n") + "\n  ],\n  \"total_seconds\": \(String(format: "%.6f", total))\n}\n"
    }

    private func jsonEscape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}
