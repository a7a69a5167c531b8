private import CCPUFeatures
import Foundation

/// An instruction-set level of our C kernels (`CDeepKernels`, `CLearnKernels`, `CCSVKernels`), narrowest
/// first. Every level of a kernel evaluates the same operations in the same order (no fused
/// multiply-adds), so the levels differ in speed only, never in bits.
public enum KernelLevel: Int32, Comparable, CaseIterable, Sendable {
    /// Plain C, any CPU.
    case portable = 0
    /// AVX2 (256-bit vectors).
    case avx2 = 1
    /// AVX-512F (512-bit vectors) with AVX2.
    case avx512 = 2

    public static func < (a: KernelLevel, b: KernelLevel) -> Bool { a.rawValue < b.rawValue }

    /// The widest level this CPU and OS run (CPUID and XGETBV); `requiringFMA` for kernels
    /// compiled with FMA3 enabled at the vector levels.
    public static func widest(requiringFMA: Bool) -> KernelLevel {
        let features = ccpu_features()
        let fma = !requiringFMA || features & CCPU_FMA != 0
        guard fma, features & CCPU_AVX2 != 0 else { return .portable }
        return features & CCPU_AVX512F != 0 ? .avx512 : .avx2
    }

    /// The level named `name` (`portable`, `avx2`, `avx512`, any case); `nil` for another name.
    public init?(name: String) {
        switch name.lowercased() {
        case "portable": self = .portable
        case "avx2": self = .avx2
        case "avx512": self = .avx512
        default: return nil
        }
    }
}

/// The level one family of kernels runs at: `processLevel` (at most `supported`), or for the
/// duration of `withLevel` another one (tests compare the levels this way).
public final class KernelLevelSetting: @unchecked Sendable {
    /// The widest level the CPU runs for this family.
    public let supported: KernelLevel
    /// The level used when no `withLevel` is running: `supported`, or less if capped.
    public let processLevel: KernelLevel
    private let lock = NSLock()
    private var override: KernelLevel?

    /// - Parameters:
    ///   - supported: the widest level the CPU runs (`KernelLevel.widest(requiringFMA:)`).
    ///   - cap: a level the process asks not to exceed (e.g. from an environment variable).
    public init(supported: KernelLevel, cap: KernelLevel? = nil) {
        self.supported = supported
        processLevel = cap.map { min($0, supported) } ?? supported
    }

    /// The widest level this CPU runs (`KernelLevel.widest(requiringFMA:)`), capped by the
    /// environment variable `capVariable` when it names a level (`portable`, `avx2`, `avx512`);
    /// any other value is ignored.
    public convenience init(requiringFMA: Bool, capVariable: String) {
        let cap = ProcessInfo.processInfo.environment[capVariable].flatMap(KernelLevel.init(name:))
        self.init(supported: .widest(requiringFMA: requiringFMA), cap: cap)
    }

    /// The level the kernels run at now.
    public var level: KernelLevel {
        lock.lock(); defer { lock.unlock() }
        return override ?? processLevel
    }

    /// Runs `body` with the kernels at `level` (capped by `supported`), then restores the level.
    public func withLevel<T>(_ level: KernelLevel, _ body: () throws -> T) rethrows -> T {
        lock.lock()
        let saved = override
        override = min(level, supported)
        lock.unlock()
        defer { lock.lock(); override = saved; lock.unlock() }
        return try body()
    }
}

/// A family of C kernels chosen at run time by its `KernelLevelSetting`: the family declares
/// only `setting` (the widest level it needs, and the environment variable that caps it), and
/// gets `supported`, `processLevel`, `level` and `withLevel(_:_:)` from it.
public protocol KernelFamily {
    /// The family's level setting (one per family, for the whole process).
    static var setting: KernelLevelSetting { get }
}

extension KernelFamily {
    public typealias Level = KernelLevel

    /// The widest level this CPU and OS run for the family.
    public static var supported: KernelLevel { setting.supported }

    /// `supported`, capped by the family's environment variable when set.
    public static var processLevel: KernelLevel { setting.processLevel }

    /// The level the kernels run at now: `withLevel`'s while it runs, else `processLevel`.
    public static var level: KernelLevel { setting.level }

    /// Runs `body` with the kernels at `level` (capped by `supported`), then restores the level.
    public static func withLevel<T>(_ level: KernelLevel, _ body: () throws -> T) rethrows -> T {
        try setting.withLevel(level, body)
    }
}
