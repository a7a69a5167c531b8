import Dispatch
import SentinelNumerics
import SentinelStats

/// Times DeLong (two models, paired) and the stratified bootstrap at growing n, to show
/// their cost grows as n log n. Used by `make bench` through `sentinel bench-stats`.
public struct StatsScalingBenchmark: Sendable {
    public var sizes: [Int]
    public var replicates: Int

    public init(sizes: [Int], replicates: Int) {
        self.sizes = sizes
        self.replicates = replicates
    }

    /// One line per size: n, seconds for DeLong, seconds for the bootstrap, and each
    /// divided by n·log2(n) (flat when the cost is n log n).
    public func run() throws -> [String] {
        var lines = ["      n   delong_s  bootstrap_s  delong/(n log n) ns  bootstrap/(R n log n) ns"]
        for n in sizes {
            var g = SeededGenerator(seed: UInt64(n))
            let labels = (0..<n).map { _ in g.nextDouble() < 0.3 }
            let a = labels.map { ($0 ? 0.8 : 0.0) + g.nextGaussian() }
            let b = labels.map { ($0 ? 0.6 : 0.0) + g.nextGaussian() }
            let t0 = DispatchTime.now().uptimeNanoseconds
            let d = try DeLong.analyze(scores: [a, b], labels: labels)
            _ = try d.compare(0, 1)
            let t1 = DispatchTime.now().uptimeNanoseconds
            _ = try StratifiedBootstrap(replicates: replicates)
                .run(scores: [a, b], labels: labels, thresholds: [0.4, 0.3], generator: SeededGenerator(seed: 1))
            let t2 = DispatchTime.now().uptimeNanoseconds
            let nlogn = Double(n) * log2(Double(n))
            let ds = Double(t1 - t0) / 1e9, bs = Double(t2 - t1) / 1e9
            lines.append(pad(n, 7) + "  " + fmt(ds, 9) + "  " + fmt(bs, 11) + "  "
                + fmt(ds * 1e9 / nlogn, 19) + "  " + fmt(bs * 1e9 / (nlogn * Double(replicates)), 24))
        }
        return lines
    }

    private func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: " ", count: max(0, width - s.count)) + s
    }

    private func fmt(_ x: Double, _ width: Int) -> String {
        let s = x < 10 ? String(Double(Int(x * 1e4)) / 1e4) : String(Int(x))
        return String(repeating: " ", count: max(0, width - s.count)) + s
    }
}

#if canImport(Glibc)
import Glibc
#endif
