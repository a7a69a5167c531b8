/// Decision-curve analysis (Vickers & Elkin 2006) of one model, as Python/R `dcurves`.
///
/// At each threshold probability t a patient is treated when risk ≥ t (dcurves' convention),
/// giving TP(t) and FP(t) counts among n patients, and with odds w = t / (1 − t):
/// - model: NB = TP/n − FP/n · w;
/// - treat all: NB_all = π − (1 − π) · w, π the prevalence; treat none: 0;
/// - net interventions avoided per `per` patients (dcurves `nper`, default 100):
///   NIA = (NB − NB_all) / w · per (0 for treat all, −NB_all / w · per for treat none).
/// Matches dcurves 1.1.7 `dca(...)` and the reference pipeline's `net_benefit` /
/// `net_benefit_all` to ~1e-16. The default grid is t = i/100, i = 1…99.
///
/// Cost: one O(n log n) sort, then O(log n) per threshold (binary search on the sorted risks).
public struct DecisionCurve: Codable, Sendable, Equatable {
    /// The curve at one threshold.
    public struct Point: Codable, Sendable, Equatable {
        /// Threshold probability t.
        public let threshold: Double
        /// Net benefit of treating patients with risk ≥ t.
        public let netBenefit: Double
        /// Net benefit of treating everyone.
        public let treatAll: Double
        /// Net benefit of treating no one (always 0).
        public let treatNone: Double
        /// Net interventions avoided by the model relative to treat-all, per `per` patients.
        public let netInterventionsAvoided: Double
        /// Events with risk ≥ t.
        public let truePositives: Int
        /// Non-events with risk ≥ t.
        public let falsePositives: Int

        public init(threshold: Double, netBenefit: Double, treatAll: Double, treatNone: Double,
                    netInterventionsAvoided: Double, truePositives: Int, falsePositives: Int) {
            self.threshold = threshold
            self.netBenefit = netBenefit
            self.treatAll = treatAll
            self.treatNone = treatNone
            self.netInterventionsAvoided = netInterventionsAvoided
            self.truePositives = truePositives
            self.falsePositives = falsePositives
        }
    }

    /// One point per threshold, in the order given.
    public let points: [Point]
    /// Patients.
    public let count: Int
    /// Events.
    public let events: Int
    /// The scale of `netInterventionsAvoided` (patients).
    public let per: Double

    public init(points: [Point], count: Int, events: Int, per: Double) {
        self.points = points
        self.count = count
        self.events = events
        self.per = per
    }

    /// t = i/100 for i = 1…99 (bit-identical to numpy `arange(1, 100) / 100`).
    public static let defaultThresholds: [Double] = (1...99).map { Double($0) / 100 }

    /// The thresholds of the curve.
    public var thresholds: [Double] { points.map(\.threshold) }
    /// The model's net benefit at each threshold.
    public var netBenefit: [Double] { points.map(\.netBenefit) }
    /// Treat-all net benefit at each threshold.
    public var treatAll: [Double] { points.map(\.treatAll) }
    /// Net interventions avoided at each threshold.
    public var netInterventionsAvoided: [Double] { points.map(\.netInterventionsAvoided) }

    /// Net interventions avoided by treating no one, per `per` patients: −NB_all / w · per.
    public var treatNoneInterventionsAvoided: [Double] {
        points.map { -$0.treatAll / ($0.threshold / (1 - $0.threshold)) * per }
    }

    /// Computes the decision curve.
    /// - Parameters:
    ///   - probabilities: predicted risks in [0, 1].
    ///   - labels: outcomes (`true` = event), one per prediction.
    ///   - thresholds: threshold probabilities, each in (0, 1) (default 0.01…0.99).
    ///   - per: scale of the net interventions avoided (default 100 patients).
    /// - Throws: `CalibrationError` for empty or mismatched input, a probability outside [0, 1],
    ///   a threshold outside (0, 1), or a non-positive `per`. A single outcome class is allowed
    ///   (all quantities stay defined).
    public static func compute(probabilities: [Double], labels: [Bool], thresholds: [Double] = defaultThresholds,
                               per: Double = 100) throws -> DecisionCurve {
        try compute(CalibrationInput(probabilities: probabilities, labels: labels), thresholds: thresholds, per: per)
    }

    static func compute(_ input: CalibrationInput, thresholds: [Double], per: Double) throws -> DecisionCurve {
        if let bad = thresholds.first(where: { !($0 > 0 && $0 < 1) }) {
            throw CalibrationError.invalidParameter(name: "threshold", value: bad, requirement: "strictly between 0 and 1")
        }
        guard per > 0, per.isFinite else {
            throw CalibrationError.invalidParameter(name: "per", value: per, requirement: "positive, e.g. 100")
        }
        let counts = SortedCounts(input)
        let n = Double(input.count)
        let prevalence = input.prevalence
        let points = thresholds.map { t -> Point in
            let (tp, fp) = counts.atOrAbove(t)
            let odds = t / (1 - t)
            let netBenefit = Double(tp) / n - Double(fp) / n * odds
            let treatAll = prevalence - (1 - prevalence) * odds
            return Point(threshold: t, netBenefit: netBenefit, treatAll: treatAll, treatNone: 0,
                         netInterventionsAvoided: (netBenefit - treatAll) / odds * per,
                         truePositives: tp, falsePositives: fp)
        }
        return DecisionCurve(points: points, count: input.count, events: input.events, per: per)
    }
}

extension DecisionCurve {
    /// Risks sorted ascending with suffix counts of events, for O(log n) queries of
    /// "events and non-events with risk ≥ t".
    struct SortedCounts {
        let risks: [Double]
        /// eventsFrom[k] = events among risks[k...].
        let eventsFrom: [Int]

        init(_ input: CalibrationInput) {
            let order = input.order
            risks = input.sortedProbabilities
            var suffix = [Int](repeating: 0, count: order.count + 1)
            for k in stride(from: order.count - 1, through: 0, by: -1) {
                suffix[k] = suffix[k + 1] + (input.labels[order[k]] ? 1 : 0)
            }
            eventsFrom = suffix
        }

        /// (true positives, false positives) when treating risk ≥ t.
        func atOrAbove(_ t: Double) -> (Int, Int) {
            var low = 0
            var high = risks.count
            while low < high {  // first index with risks[index] >= t
                let mid = (low + high) / 2
                if risks[mid] < t { low = mid + 1 } else { high = mid }
            }
            let treated = risks.count - low
            let tp = eventsFrom[low]
            return (tp, treated - tp)
        }
    }
}
