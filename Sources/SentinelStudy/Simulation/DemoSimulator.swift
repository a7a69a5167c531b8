import Foundation
import SentinelNumerics

/// Simulates a cohort shaped like the paper's from a `DemoSpecification`, deterministically
/// from a seed (every part draws from its own `SeededGenerator.derived` stream).
///
/// 1. Outcome: each cohort gets exactly its `positives` SLN+ patients, in shuffled order.
/// 2. Clinical continuous variables: a two-piece normal per cohort and outcome whose median
///    and quartiles are the specification's (`median + z·(median − Q1)/0.6745` for z < 0,
///    `median + z·(Q3 − median)/0.6745` otherwise), clipped to the range and rounded.
/// 3. Clinical categorical variables: exactly the specification's counts per cohort and outcome
///    (rescaled to the group size by largest remainders where the table's column totals
///    differ), randomly assigned within the group.
/// 4. Radiomics (`views × per_view` columns `rad_<view>_b<block>_<item>`): blocks of correlated
///    features sharing a block factor; a few blocks load on a radiomic latent risk
///    (standardised `signal·y + N(0, 1)`); the two views share most of each block factor; a
///    per-feature scanner shift in the test cohort; then per feature an identity, log-normal
///    or softplus transform and a scale of 10^U(−2, 3) with an offset (PyRadiomics-like).
/// 5. Deep features (`dl_0000`...): channels driven by one main and 1–2 secondary factors of
///    `factors` latent factors (a few loading on a deep latent risk), ReLU'd and averaged over
///    `positions` pseudo-spatial positions, hence non-negative with exact zeros; a per-feature
///    intensity shift in the test cohort.
/// 6. Every radiomics and deep value is rounded to 6 significant digits (`ShortDecimal.rounded`:
///    the double nearest to the decimal, so the files' text reads back to exactly the values
///    held in memory), as an extraction table prints them; exact zeros stay zero.
/// The latents of the three modalities are independent given the outcome, so fusing them helps.
public struct DemoSimulator: Sendable {
    public let specification: DemoSpecification
    public let seed: UInt64
    /// Row blocks of the deep features simulated concurrently (any count gives the same values).
    var deepBlocks = 2

    public init(specification: DemoSpecification, seed: UInt64) {
        self.specification = specification
        self.seed = seed
    }

    /// Generates the cohort.
    public func simulate() -> DemoCohort {
        let root = SeededGenerator(seed: seed)
        let spec = specification
        var cohortOfRow = [Int](), outcome = [Int]()
        var labelStream = root.derived(1)
        for (c, cohort) in spec.cohorts.enumerated() {
            var labels = [Int](repeating: 1, count: cohort.positives) + [Int](repeating: 0, count: cohort.n - cohort.positives)
            labelStream.shuffle(&labels)
            outcome += labels
            cohortOfRow += [Int](repeating: c, count: cohort.n)
        }
        let width = max(4, String(outcome.count).count)
        let ids = outcome.indices.map { "SIM" + pad($0 + 1, width) }
        let isTest = cohortOfRow.map { spec.cohorts[$0].name == "test" }
        // The three parts draw from their own streams: simulated concurrently, same values. The
        // longest (deep features) comes first so that it starts at once.
        let outcomeOfRow = outcome, cohortIndex = cohortOfRow
        let parts = ConcurrentMap.values(3) { part -> SimulatedPart in
            switch part {
            case 0:
                let (names, values) = simulateDeep(outcome: outcomeOfRow, isTest: isTest, generator: root.derived(4))
                return .features(names, values)
            case 1:
                let (names, values) = simulateRadiomics(outcome: outcomeOfRow, isTest: isTest, generator: root.derived(3))
                return .features(names, values)
            default: return .clinical(simulateClinical(cohortOfRow: cohortIndex, outcome: outcomeOfRow, root: root))
            }
        }
        guard case let .features(dlNames, dl) = parts[0], case let .features(radNames, rad) = parts[1],
              case let .clinical(clinical) = parts[2] else { preconditionFailure("parts out of order") }
        return DemoCohort(specification: spec, seed: seed, ids: ids,
                          cohorts: cohortOfRow.map { spec.cohorts[$0].name }, outcome: outcome,
                          clinical: clinical, radiomicsNames: radNames, radiomics: rad,
                          deepNames: dlNames, deep: dl)
    }

    /// One concurrently simulated part of the cohort.
    private enum SimulatedPart: Sendable {
        case clinical([DemoCohort.Column])
        case features([String], [Double])
    }

    // MARK: Clinical

    private func simulateClinical(cohortOfRow: [Int], outcome: [Int], root: SeededGenerator) -> [DemoCohort.Column] {
        let spec = specification
        let n = outcome.count
        var columns = [DemoCohort.Column]()
        let stream = root.derived(2)
        for (v, variable) in spec.continuous.enumerated() {
            var g = stream.derived(UInt64(v))
            let values = (0 ..< n).map { row -> Double in
                let cohort = spec.cohorts[cohortOfRow[row]].name
                let q = variable.quartiles[cohort]?[outcome[row]] ?? [0, 0, 0]
                let z = g.nextGaussian()
                let spread = z < 0 ? q[0] - q[1] : q[2] - q[0]
                let x = min(max(q[0] + z * spread / 0.674_489_750_196_081_7, variable.range[0]), variable.range[1])
                return rounded(x, decimals: variable.decimals)
            }
            columns.append(.init(name: variable.name, cells: values.map { format($0, decimals: variable.decimals) }))
        }
        for (v, variable) in spec.categorical.enumerated() {
            var g = stream.derived(UInt64(1000 + v))
            var cells = [String](repeating: "", count: n)
            for (c, cohort) in spec.cohorts.enumerated() {
                for label in [0, 1] {
                    let rows = (0 ..< n).filter { cohortOfRow[$0] == c && outcome[$0] == label }
                    let counts = DemoSimulator.rescale(variable.counts[cohort.name]?[label] ?? [], to: rows.count)
                    var levels = zip(variable.levels, counts).flatMap { [String](repeating: $0.0, count: $0.1) }
                    g.shuffle(&levels)
                    for (row, level) in zip(rows, levels) { cells[row] = level }
                }
            }
            columns.append(.init(name: variable.name, cells: cells))
        }
        return columns
    }

    /// Counts scaled to sum to `total` by largest remainders (ties to the earlier level);
    /// unchanged when they already sum to `total`.
    static func rescale(_ counts: [Int], to total: Int) -> [Int] {
        let sum = counts.reduce(0, +)
        guard sum != total, sum > 0 else { return counts }
        let exact = counts.map { Double($0) * Double(total) / Double(sum) }
        var result = exact.map { Int($0.rounded(.down)) }
        let order = exact.indices.sorted { a, b in
            let ra = exact[a] - Double(result[a]), rb = exact[b] - Double(result[b])
            return ra != rb ? ra > rb : a < b
        }
        for i in order.prefix(total - result.reduce(0, +)) { result[i] += 1 }
        return result
    }

    // MARK: Imaging

    /// Standardised latent risk: (signal·y + N(0,1)) / sqrt(1 + signal²·p(1−p)).
    private func latent(outcome: [Int], signal: Double, generator: inout SeededGenerator) -> [Double] {
        let p = Double(outcome.reduce(0, +)) / Double(max(outcome.count, 1))
        let scale = 1 / (1 + signal * signal * p * (1 - p)).squareRoot()
        return outcome.map { (signal * (Double($0) - p) + generator.nextGaussian()) * scale }
    }

    private func simulateRadiomics(outcome: [Int], isTest: [Bool], generator: SeededGenerator) -> ([String], [Double]) {
        let spec = specification.radiomics
        var g = generator
        let n = outcome.count
        let lat = latent(outcome: outcome, signal: spec.signal, generator: &g)
        var sizes = [Int]()
        while sizes.reduce(0, +) < spec.perView {
            sizes.append(spec.blockSize[0] + g.nextInt(below: spec.blockSize[1] - spec.blockSize[0] + 1))
        }
        sizes[sizes.count - 1] -= sizes.reduce(0, +) - spec.perView
        let blocks = sizes.count
        var blockIndex = Array(0 ..< blocks)
        g.shuffle(&blockIndex)
        var loading = [Double](repeating: 0, count: blocks)
        for b in blockIndex.prefix(min(spec.informativeBlocks, blocks)) {
            loading[b] = uniform(&g, spec.blockLoading)
        }
        var gauss = GaussianSource(generator: g.derived(7))
        // Block factors, row-major n × blocks.
        var factor = [Double](repeating: 0, count: n * blocks)
        for i in 0 ..< n {
            for b in 0 ..< blocks {
                let rho = loading[b]
                factor[i * blocks + b] = rho * lat[i] + (1 - rho * rho).squareRoot() * gauss.next()
            }
        }
        let columns = spec.views.count * spec.perView
        var names = [String]()
        names.reserveCapacity(columns)
        var values = [Double](repeating: 0, count: n * columns)
        let agree = spec.viewAgreement.squareRoot(), own = (1 - spec.viewAgreement).squareRoot()
        var column = 0
        var draws = [Double](repeating: 0, count: n)
        for view in spec.views {
            var viewFactor = factor
            for k in viewFactor.indices { viewFactor[k] = agree * factor[k] + own * gauss.next() }
            for (b, size) in sizes.enumerated() {
                for item in 0 ..< size {
                    let lam = uniform(&g, spec.itemLoading), rest = (1 - lam * lam).squareRoot()
                    let shift = spec.testShift * gauss.next()
                    let kind = g.nextInt(below: 3)
                    let scale = pow(10, -2 + 5 * g.nextDouble())
                    let offset = gauss.next() * scale
                    draws.withUnsafeMutableBufferPointer { gauss.fill($0) }  // the column's n deviates, in row order
                    for i in 0 ..< n {
                        var x = lam * viewFactor[i * blocks + b] + rest * draws[i]
                        if isTest[i] { x += shift }
                        switch kind {
                        case 1: x = exp(spec.skew * x)
                        case 2: x = log1p(exp(1.5 * x))
                        default: break
                        }
                        values[i * columns + column] = ShortDecimal.rounded(x * scale + offset)
                    }
                    names.append("rad_\(view)_b\(pad(b, 3))_\(pad(item, 2))")
                    column += 1
                }
            }
        }
        return (names, values)
    }

    private func simulateDeep(outcome: [Int], isTest: [Bool], generator: SeededGenerator) -> ([String], [Double]) {
        let spec = specification.deep
        var g = generator
        let n = outcome.count, k = spec.factors, m = spec.count
        let lat = latent(outcome: outcome, signal: spec.signal, generator: &g)
        var gauss = GaussianSource(generator: g.derived(7))
        var factors = [Double](repeating: 0, count: n * k)
        let rhos = (0 ..< spec.informativeFactors).map { _ in uniform(&g, spec.factorLoading) }
        for i in 0 ..< n {
            for f in 0 ..< k {
                let rho = f < rhos.count ? rhos[f] : 0
                factors[i * k + f] = rho * lat[i] + (1 - rho * rho).squareRoot() * gauss.next()
            }
        }
        // Loadings k × m: one main factor per channel plus 1–2 secondary ones.
        var loadings = [Double](repeating: 0, count: k * m)
        for j in 0 ..< m {
            let main = g.nextInt(below: k)
            let sign: Double = g.nextInt(below: 2) == 0 ? -1 : 1
            loadings[main * m + j] = (0.8 + 0.7 * g.nextDouble()) * sign
            var pool = Array(0 ..< k)
            for s in 0 ..< 1 + g.nextInt(below: 2) {
                let pick = s + g.nextInt(below: k - s)
                pool.swapAt(s, pick)
                loadings[pool[s] * m + j] += spec.secondary * gauss.next()
            }
        }
        let mu = (0 ..< m).map { _ in -0.2 + 0.6 * gauss.next() }
        let testScale = (0 ..< m).map { _ in exp(spec.testShift * gauss.next()) }
        // Each row draws `perRow` deviates from `gauss`: m for the channels, then `positions`
        // per channel. The rows are simulated in blocks, concurrently: a block's source is the
        // stream advanced past the rows before it (`GaussianSource.skip`, which draws the same
        // uniforms without the logarithms; done by the block's own task), so every row gets the
        // deviates a single sequential pass would give it, in the same order, and the same
        // arithmetic.
        let perRow = m * (1 + spec.positions)
        let blockRows = (n + max(1, deepBlocks) - 1) / max(1, deepBlocks)
        let blockCount = blockRows > 0 ? (n + blockRows - 1) / blockRows : 0
        var values = [Double](repeating: 0, count: n * m)
        guard !values.isEmpty else { return ((0 ..< m).map { "dl_\(pad($0, 4))" }, values) }
        let factorValues = factors, loadingValues = loadings
        let positions = spec.positions, noise = spec.noise, spatialNoise = spec.spatialNoise
        let inverseS = 1 / Double(spec.positions)
        let start = gauss
        values.withUnsafeMutableBufferPointer { out in
            let target = RowsTarget(base: out.baseAddress!)
            _ = ConcurrentMap.values(blockCount) { b -> Bool in
                // A block advances its own copy of the stream, so the first block starts at once.
                var gauss = start
                gauss.skip(b * blockRows * perRow)
                var draws = [Double](repeating: 0, count: perRow)
                var pre = [Double](repeating: 0, count: m)
                draws.withUnsafeMutableBufferPointer { z in
                    pre.withUnsafeMutableBufferPointer { pre in
                        loadingValues.withUnsafeBufferPointer { loadings in
                            for i in b * blockRows ..< min(n, (b + 1) * blockRows) {
                                gauss.fill(z)
                                for j in 0 ..< m { pre[j] = mu[j] + noise * z[j] }
                                for f in 0 ..< k {
                                    let a = factorValues[i * k + f]
                                    let row = loadings.baseAddress! + f * m
                                    for j in 0 ..< m { pre[j] += a * row[j] }
                                }
                                let row = target.base + i * m
                                var t = m
                                for j in 0 ..< m {
                                    var sum = 0.0
                                    for _ in 0 ..< positions {
                                        sum += max(pre[j] + spatialNoise * z[t], 0)
                                        t += 1
                                    }
                                    row[j] = ShortDecimal.rounded(sum * inverseS * (isTest[i] ? testScale[j] : 1))
                                }
                            }
                        }
                    }
                }
                return true
            }
        }
        return ((0 ..< m).map { "dl_\(pad($0, 4))" }, values)
    }

    private func uniform(_ g: inout SeededGenerator, _ range: [Double]) -> Double {
        range[0] + (range[1] - range[0]) * g.nextDouble()
    }
}

/// Standard normal deviates from the Marsaglia polar method, using both values of each pair.
struct GaussianSource: Sendable {
    private var generator: SeededGenerator
    private var spare: Double?

    init(generator: SeededGenerator) { self.generator = generator }

    mutating func next() -> Double {
        if let value = spare {
            spare = nil
            return value
        }
        while true {
            let u = 2 * generator.nextDouble() - 1
            let v = 2 * generator.nextDouble() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                let f = (-2 * log(s) / s).squareRoot()
                spare = v * f
                return u * f
            }
        }
    }

    /// Fills `buffer` with the next `buffer.count` deviates: the values that many calls of
    /// `next()` return, in order, leaving the same state.
    mutating func fill(_ buffer: UnsafeMutableBufferPointer<Double>) {
        let count = buffer.count
        var i = 0
        if count > 0, let value = spare {
            buffer[0] = value
            spare = nil
            i = 1
        }
        var g = generator
        while i < count {
            let u = 2 * g.nextDouble() - 1
            let v = 2 * g.nextDouble() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                let f = (-2 * log(s) / s).squareRoot()
                buffer[i] = u * f
                if i + 1 < count {
                    buffer[i + 1] = v * f
                } else {
                    spare = v * f
                }
                i += 2
            }
        }
        generator = g
    }

    /// Advances past the next `count` deviates: the state `count` calls of `next()` leave.
    /// Pairs whose values are skipped draw their uniforms and take the acceptance test only;
    /// a logarithm is taken only for a pair whose second value is kept as the spare.
    mutating func skip(_ count: Int) {
        guard count > 0 else { return }
        var remaining = count
        if spare != nil {
            spare = nil
            remaining -= 1
        }
        var g = generator
        var pairs = remaining / 2
        while pairs > 0 {
            let u = 2 * g.nextDouble() - 1
            let v = 2 * g.nextDouble() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 { pairs -= 1 }
        }
        generator = g
        if remaining % 2 == 1 { _ = next() }
    }
}

/// Where concurrent row blocks write their rows (disjoint rows of one buffer, valid while
/// the blocks run).
private struct RowsTarget: @unchecked Sendable {
    let base: UnsafeMutablePointer<Double>
}

private func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return String(repeating: "0", count: max(0, width - text.count)) + text
}

private func rounded(_ x: Double, decimals: Int) -> Double {
    let p = pow(10, Double(decimals))
    return (x * p).rounded() / p
}

private func format(_ x: Double, decimals: Int) -> String {
    String(format: "%.\(decimals)f", x)
}
