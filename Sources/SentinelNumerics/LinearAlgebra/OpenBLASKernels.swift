#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Makes a dynamically-dispatching OpenBLAS use the kernels the CPU supports.
///
/// OpenBLAS picks its kernels once, at load, from the CPU model number. Releases older than
/// the CPU (e.g. Debian 12's 0.3.21 on Emerald/Granite Rapids) fall back to the SSE3
/// "Prescott" kernels, about 4x slower than the AVX-512 "SkylakeX" ones on the same core. When
/// the loaded BLAS is OpenBLAS, `OPENBLAS_CORETYPE` is unset, the selected core is one of
/// those generic fallbacks and /proc/cpuinfo reports AVX-512 (or AVX2 + FMA), this re-runs
/// OpenBLAS's own selection (`gotoblas_dynamic_quit` / `gotoblas_dynamic_init`, its exported
/// entry points) with `OPENBLAS_CORETYPE` naming the matching core, exactly as if the user had
/// set the variable before starting the process. Results stay within SGEMM rounding.
/// With any other BLAS, or when the user chose a core, nothing changes.
public enum OpenBLASKernels {
    /// What was done, for logs: e.g. "OpenBLAS core Prescott → SkylakeX", "OpenBLAS core SkylakeX", "not OpenBLAS".
    /// Evaluated once, on first use, before the first SGEMM of the deep-feature code.
    public static let selection: String = select()

    /// Call before concurrent BLAS work starts (ResNet18 does so when built).
    @discardableResult
    public static func ensureSelected() -> String { selection }

    /// Runs `body` with OpenBLAS's own threading off, for code that already splits its SGEMM
    /// calls over all cores (nested threading oversubscribes the cores and serialises on
    /// OpenBLAS's server lock). The previous thread count is restored when the last
    /// concurrent caller leaves. No effect with other BLAS libraries.
    public static func withSingleThreadedBLAS<T>(_ body: () throws -> T) rethrows -> T {
        guard let threads = threadControl else { return try body() }
        threads.enter()
        defer { threads.leave() }
        return try body()
    }

    private static let threadControl: ThreadControl? = ThreadControl()

    private final class ThreadControl: @unchecked Sendable {
        typealias GetFunction = @convention(c) () -> Int32
        typealias SetFunction = @convention(c) (Int32) -> Void
        private let get: GetFunction
        private let set: SetFunction
        private let lock = NSLock()
        private var depth = 0
        private var saved: Int32 = 1

        init?() {
            #if os(Linux)
            guard let process = dlopen(nil, RTLD_NOW),
                  let getSymbol = dlsym(process, "openblas_get_num_threads"),
                  let setSymbol = dlsym(process, "openblas_set_num_threads") else { return nil }
            get = unsafeBitCast(getSymbol, to: GetFunction.self)
            set = unsafeBitCast(setSymbol, to: SetFunction.self)
            #else
            return nil
            #endif
        }

        func enter() {
            lock.lock()
            defer { lock.unlock() }
            if depth == 0 {
                saved = get()
                if saved != 1 { set(1) }
            }
            depth += 1
        }

        func leave() {
            lock.lock()
            defer { lock.unlock() }
            depth -= 1
            if depth == 0 && saved != 1 { set(saved) }
        }
    }

    private static let fallbackCores: Set<String> = [
        "Unknown", "Katmai", "Coppermine", "Northwood", "Prescott", "Banias", "Atom", "Core2", "Penryn",
        "Dunnington", "Nehalem", "Athlon", "Opteron", "Opteron_SSE3", "Barcelona", "Nano", "Sandybridge",
    ]

    private static func select() -> String {
        #if os(Linux)
        typealias NameFunction = @convention(c) () -> UnsafeMutablePointer<CChar>?
        typealias VoidFunction = @convention(c) () -> Void
        guard let process = dlopen(nil, RTLD_NOW),
              let nameSymbol = dlsym(process, "openblas_get_corename"),
              let quitSymbol = dlsym(process, "gotoblas_dynamic_quit"),
              let initSymbol = dlsym(process, "gotoblas_dynamic_init") else { return "not a dynamic OpenBLAS" }
        let coreName = unsafeBitCast(nameSymbol, to: NameFunction.self)
        func current() -> String { coreName().map { String(cString: $0) } ?? "Unknown" }
        let before = current()
        guard getenv("OPENBLAS_CORETYPE") == nil, fallbackCores.contains(before),
              let target = preferredCore() else { return "OpenBLAS core \(before)" }
        setenv("OPENBLAS_CORETYPE", target, 1)
        unsafeBitCast(quitSymbol, to: VoidFunction.self)()
        unsafeBitCast(initSymbol, to: VoidFunction.self)()
        unsetenv("OPENBLAS_CORETYPE")
        return "OpenBLAS core \(before) → \(current())"
        #else
        return "not Linux"
        #endif
    }

    /// The OpenBLAS core name matching the CPU flags the kernel reports, if better than SSE3.
    private static func preferredCore() -> String? {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return nil }
        let flags = Set(line.split(separator: " ").map(String.init))
        if flags.isSuperset(of: ["avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512cd", "fma"]) { return "SkylakeX" }
        if flags.isSuperset(of: ["avx2", "fma"]) { return "Haswell" }
        return nil
    }
}
