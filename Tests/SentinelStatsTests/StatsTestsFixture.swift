import SentinelTestSupport
import XCTest

/// Tests/Fixtures/stats-tests/tests.json, written by make_tests.py (R stats + scipy.stats).
struct StatsTestsFixture: Decodable {
    struct TTestValues: Decodable { let t, p, df: Double }
    struct TwoSample: Decodable {
        let name: String
        let x, y: [Double]
        let mw_u, mw_p: Double
        let mw_exact: Bool
        let mw_p_scipy, mw_p_asymptotic_scipy: Double
        let student, welch: TTestValues?
        let shapiro_x, shapiro_y: Double?
        let continuous_uses_t: Bool
    }
    struct Shapiro: Decodable { let x: [Double]; let w, p, w_scipy, p_scipy: Double }
    struct Table: Decodable {
        let table: [[Int]]
        let chi2, chi2_df, chi2_p, fisher_p: Double
        let fisher_p_scipy: Double?
        let expected: [[Double]]
        let any_expected_below_5: Bool
    }
    struct Pair: Decodable { let name: String; let x, y: [Double]; let pearson, spearman, pearson_numpy: Double }
    struct Matrix: Decodable { let rows, columns: Int; let data, pearson, spearman: [Double] }
    struct Summary: Decodable {
        let x: [Double?]
        let n, missing: Int
        let mean: Double
        let sd: Double?
        let median, q1, q3, min, max: Double
    }
    struct Ranks: Decodable { let x, ranks: [Double] }

    let two_sample: [TwoSample]
    let shapiro: [Shapiro]
    let tables: [Table]
    let pairs: [Pair]
    let matrix: Matrix
    let summaries: [Summary]
    let ranks: [Ranks]

    private static let cached: StatsTestsFixture? = try? Fixtures.load(StatsTestsFixture.self, "stats-tests/tests.json")

    static func load() throws -> StatsTestsFixture {
        try XCTUnwrap(cached, "Tests/Fixtures/stats-tests/tests.json missing or malformed")
    }
}
