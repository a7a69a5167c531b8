import Foundation

/// Reports long work on standard error: one line per stage, with its duration, and
/// (on a terminal) an updating count for long loops. Results never go to stderr.
public final class ProgressReporter: @unchecked Sendable {
    public let enabled: Bool
    private let lock = NSLock()
    private var stageStart: Date?
    private var stageCPUStart = 0.0
    private var stageName: String?
    /// Wall-clock seconds per finished stage, in order (written to `timings.json`).
    public private(set) var timings: [(stage: String, seconds: Double)] = []
    /// CPU seconds of the whole process (all threads, user and system) per finished stage, in
    /// the order of `timings`; CPU over wall seconds is the number of cores the stage kept busy.
    public private(set) var cpuTimings: [Double] = []

    public init(enabled: Bool = true) {
        self.enabled = enabled
    }

    /// Starts a stage (finishing the previous one).
    public func stage(_ name: String) {
        lock.lock(); defer { lock.unlock() }
        finishLocked()
        stageName = name
        stageStart = Date()
        stageCPUStart = Self.processCPUSeconds()
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
        cpuTimings.append(Self.processCPUSeconds() - stageCPUStart)
        stageName = nil
        stageStart = nil
    }

    /// CPU seconds used so far by all threads of the process (`CLOCK_PROCESS_CPUTIME_ID`).
    private static func processCPUSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
    }

    private func emit(_ line: String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// The stage timings as a JSON object `{"stages": [{"stage":..., "seconds":..., "cpu_seconds":...}],
    /// "total_seconds": ..., "total_cpu_seconds": ...}` (wall-clock and process CPU seconds).
    public func timingsJSON() -> String {
        lock.lock(); defer { lock.unlock() }
        let rows = zip(timings, cpuTimings).map { timing, cpu in
            "    {\"stage\": \"\(jsonEscape(timing.stage))\", \"seconds\": \(String(format: "%.6f", timing.seconds)), \"cpu_seconds\": \(String(format: "%.6f", cpu))}"
        }
        let total = timings.reduce(0) { $0 + $1.seconds }
        let totalCPU = cpuTimings.reduce(0, +)
        return "{\n  \"stages\": [\n" + rows.joined(separator: ",\n") + "\n  ],\n  \"total_seconds\": \(String(format: "%.6f", total)),\n"
            + "  \"total_cpu_seconds\": \(String(format: "%.6f", totalCPU))\n}\n"
    }

    private func jsonEscape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}
