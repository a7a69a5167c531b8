import SentinelTestSupport

/// The committed calibration fixtures (Tests/Fixtures/stats-calib/): inputs from make_cases.py,
/// R values from make_r.R, Python values from make_python.py.
enum CalibrationFixtures {
    struct Case: Decodable {
        let name: String
        let note: String
        let p: [Double]
        let y: [Int]
        var labels: [Bool] { y.map { $0 == 1 } }
    }

    struct SmoothInput: Decodable {
        let name: String
        let x: [Double]
        let y: [Double]
    }

    struct Inputs: Decodable {
        let cases: [Case]
        let smooth: [SmoothInput]
    }

    struct LowessEntry: Decodable {
        let f: Double
        let iter: Int
        let delta: Double
        let index: [Int]
        let x: [Double]
        let y: [Double]
    }

    struct ValProb: Decodable {
        let brier: Double?
        let intercept: Double?
        let slope: Double?
        let emax: Double?
        let e90: Double?
        let eavg: Double?
        let sz: Double?
        let sp: Double?
        enum CodingKeys: String, CodingKey {
            case brier = "Brier", intercept = "Intercept", slope = "Slope", emax = "Emax", e90 = "E90", eavg = "Eavg"
            case sz = "S:z", sp = "S:p"
        }
    }

    struct SmoothedErrors: Decodable { let eavg: Double; let e50: Double; let e90: Double; let emax: Double }
    struct HosmerLemeshow: Decodable { let statistic: Double; let df: Int; let p: Double; let groups: Int }

    struct RCase: Decodable {
        let name: String
        let val_prob: ValProb?
        let smoothed_errors: SmoothedErrors
        let hosmer_lemeshow: HosmerLemeshow?
        let lowess_iter3: LowessEntry
        let lowess_iter0: LowessEntry
    }

    struct RSmooth: Decodable { let name: String; let fits: [LowessEntry] }
    struct RFile: Decodable { let cases: [RCase]; let smooth: [RSmooth] }

    struct GLM: Decodable { let params: [Double]; let bse: [Double]; let ci: [[Double]]; let deviance: Double }

    struct Logistic: Decodable {
        let citl: GLM
        /// nil when statsmodels' slope is marked "not_estimable" (separation or constant p).
        let slope: GLM?
        enum CodingKeys: String, CodingKey { case citl, slope }
        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            citl = try c.decode(GLM.self, forKey: .citl)
            slope = try? c.decode(GLM.self, forKey: .slope)
        }
    }

    struct Bins: Decodable {
        let edges: [Double]
        let count: [Int]
        let events: [Int]
        let wilson: [[Double]?]
        let nonempty_bin: [Int]
        let mean_pred: [Double]
        let frac_pos: [Double]
    }

    struct Curve: Decodable { let net_benefit: [Double]; let net_intervention_avoided: [Double] }
    struct DCA: Decodable {
        let thresholds: [Double]
        let model: Curve
        let all: Curve
        let none: Curve
        let pipeline_model: [Double]
        let pipeline_all: [Double]
    }

    struct PyCase: Decodable {
        let name: String
        let brier: Double
        let scaled_brier: Double?
        let logistic: Logistic?
        let bins: Bins
        let dca: DCA
        let dca_custom: DCA?
    }

    struct Regression: Decodable {
        let name: String
        let columns: [[Double]]
        let y: [Int]
        let intercept: Bool
        let offset: [Double]?
        let fit: GLM
    }

    struct PyFile: Decodable { let cases: [PyCase]; let regressions: [Regression]; let chi2_sf: [[Double]] }

    static let inputs: Inputs = load("stats-calib/cases.json")
    static let r: RFile = load("stats-calib/r.json")
    static let python: PyFile = load("stats-calib/python.json")

    /// Input case, R values and Python values, matched by name.
    static var triples: [(Case, RCase, PyCase)] {
        inputs.cases.map { c in
            (c, r.cases.first { $0.name == c.name }!, python.cases.first { $0.name == c.name }!)
        }
    }

    private static func load<T: Decodable>(_ path: String) -> T {
        do { return try Fixtures.load(T.self, path) } catch { fatalError("cannot load fixture \(path): \(error)") }
    }
}
