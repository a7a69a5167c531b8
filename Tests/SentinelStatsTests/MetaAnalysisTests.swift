import SentinelStats
import SentinelTestSupport
import XCTest

/// DerSimonian–Laird pooling against R metafor `rma(yi, sei=, method="DL")`
/// (Tests/Fixtures/validation/make_meta.R).
final class MetaAnalysisTests: XCTestCase {
    struct Case: Decodable {
        var name: String
        var aucs: [Double]
        var auc_se: [Double]
        var yi: [Double]
        var sei: [Double]
        var estimate, se, lower, upper, tau2, i2, h2, q, q_p: Double
        var pooled_auc, pooled_lower, pooled_upper: Double
    }

    func cases() throws -> [Case] {
        try Fixtures.load([Case].self, "validation/meta_dl.json")
    }

    func testDerSimonianLairdMatchesMetafor() throws {
        for c in try cases() {
            let r = try RandomEffectsMeta.derSimonianLaird(estimates: c.yi, standardErrors: c.sei)
            for (actual, expected, what) in [(r.estimate, c.estimate, "estimate"), (r.standardError, c.se, "se"),
                                             (r.lower, c.lower, "lower"), (r.upper, c.upper, "upper"),
                                             (r.tau2, c.tau2, "tau2"), (r.i2, c.i2, "I2"), (r.h2, c.h2, "H2"),
                                             (r.q, c.q, "Q")] {
                XCTAssertEqual(actual, expected, accuracy: 1e-9, "\(c.name) \(what)")
            }
            XCTAssertEqual(r.qP, c.q_p, accuracy: 1e-9 + 1e-7 * c.q_p, "\(c.name) Q p")
            XCTAssertEqual(r.studies, c.yi.count)
        }
    }

    func testPooledAUCMatchesMetaforOnLogitScale() throws {
        for c in try cases() {
            let r = try PooledAUC.pool(aucs: c.aucs, standardErrors: c.auc_se)
            XCTAssertEqual(r.auc, c.pooled_auc, accuracy: 1e-9, c.name)
            XCTAssertEqual(r.lower, c.pooled_lower, accuracy: 1e-9, c.name)
            XCTAssertEqual(r.upper, c.pooled_upper, accuracy: 1e-9, c.name)
            XCTAssertEqual(r.logit.i2, c.i2, accuracy: 1e-9, c.name)
            XCTAssertEqual(r.logit.tau2, c.tau2, accuracy: 1e-9, c.name)
        }
    }

    func testDegenerateInputsThrow() {
        XCTAssertThrowsError(try RandomEffectsMeta.derSimonianLaird(estimates: [], standardErrors: []))
        XCTAssertThrowsError(try RandomEffectsMeta.derSimonianLaird(estimates: [1, 2], standardErrors: [0.1]))
        XCTAssertThrowsError(try RandomEffectsMeta.derSimonianLaird(estimates: [1, 2], standardErrors: [0.1, 0]))
        XCTAssertThrowsError(try RandomEffectsMeta.derSimonianLaird(estimates: [.nan, 2], standardErrors: [0.1, 0.2]))
        XCTAssertThrowsError(try PooledAUC.pool(aucs: [1.0, 0.8], standardErrors: [0.01, 0.02]))
        XCTAssertThrowsError(try PooledAUC.pool(aucs: [0.7, 0.8], standardErrors: [0.01, 0.02], level: 1))
    }
}
