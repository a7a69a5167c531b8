import SentinelStats
import SentinelTestSupport
import XCTest

/// Student t, chi-square, F, hypergeometric and the special functions against scipy
/// (Tests/Fixtures/stats-tests/make_distributions.py), to 1e-12 relative in both tails.
final class DistributionTests: XCTestCase {
    private struct File: Decodable {
        let t_cdf, t_pdf, t_ppf, chi2_cdf, chi2_pdf, chi2_ppf: [[Double]]
        let gammainc, betainc, gammaln, betaln, f_cdf, hypergeom: [[Double]]
    }

    private static let file: File? = try? Fixtures.load(File.self, "stats-tests/distributions.json")

    private func load() throws -> File {
        try XCTUnwrap(Self.file, "stats-tests/distributions.json missing or malformed")
    }

    private let rel = 1e-12
    private let floor = 1e-300

    func testStudentTCDFAndSurvival() throws {
        for r in try load().t_cdf {
            assertClose(StudentT.cdf(r[0], degreesOfFreedom: r[1]), r[2], relative: rel, absolute: floor, "t.cdf(\(r[0]), \(r[1]))")
            assertClose(StudentT.survival(r[0], degreesOfFreedom: r[1]), r[3], relative: rel, absolute: floor, "t.sf(\(r[0]), \(r[1]))")
            assertClose(StudentT.twoSidedP(r[0], degreesOfFreedom: r[1]), min(1, 2 * min(r[2], r[3])),
                        relative: rel, absolute: floor, "2-sided(\(r[0]), \(r[1]))")
        }
    }

    func testStudentTDensity() throws {
        for r in try load().t_pdf {
            assertClose(StudentT.pdf(r[0], degreesOfFreedom: r[1]), r[2], relative: rel, absolute: floor, "t.pdf(\(r[0]), \(r[1]))")
        }
    }

    func testStudentTQuantile() throws {
        for r in try load().t_ppf {
            assertClose(StudentT.quantile(r[0], degreesOfFreedom: r[1]), r[2], relative: rel, absolute: 1e-300, "t.ppf(\(r[0]), \(r[1]))")
        }
    }

    func testChiSquareCDFAndSurvival() throws {
        for r in try load().chi2_cdf {
            assertClose(ChiSquared.cdf(r[0], degreesOfFreedom: r[1]), r[2], relative: rel, absolute: floor, "chi2.cdf(\(r[0]), \(r[1]))")
            assertClose(ChiSquared.survival(r[0], degreesOfFreedom: r[1]), r[3], relative: rel, absolute: floor, "chi2.sf(\(r[0]), \(r[1]))")
        }
    }

    func testChiSquareDensityAndQuantile() throws {
        let f = try load()
        for r in f.chi2_pdf {
            assertClose(ChiSquared.pdf(r[0], degreesOfFreedom: r[1]), r[2], relative: rel, absolute: floor, "chi2.pdf(\(r[0]), \(r[1]))")
        }
        for r in f.chi2_ppf {
            assertClose(ChiSquared.quantile(r[0], degreesOfFreedom: r[1]), r[2], relative: rel, absolute: floor, "chi2.ppf(\(r[0]), \(r[1]))")
        }
    }

    func testIncompleteGammaAndBeta() throws {
        let f = try load()
        for r in f.gammainc {
            let g = SpecialFunctions.regularizedGamma(r[0], r[1])
            assertClose(g.lower, r[2], relative: rel, absolute: floor, "P(\(r[0]), \(r[1]))")
            assertClose(g.upper, r[3], relative: rel, absolute: floor, "Q(\(r[0]), \(r[1]))")
        }
        for r in f.betainc {
            let b = SpecialFunctions.regularizedBeta(r[0], r[1], r[2])
            assertClose(b.lower, r[3], relative: rel, absolute: floor, "I(\(r[0]), \(r[1]), \(r[2]))")
            assertClose(b.upper, r[4], relative: rel, absolute: floor, "1-I(\(r[0]), \(r[1]), \(r[2]))")
        }
        for r in f.gammaln {
            assertClose(SpecialFunctions.logGamma(r[0]), r[1], relative: rel, absolute: 1e-15, "lgamma(\(r[0]))")
        }
        for r in f.betaln {
            assertClose(SpecialFunctions.logBeta(r[0], r[1]), r[2], relative: rel, absolute: 1e-14, "lbeta(\(r[0]), \(r[1]))")
        }
    }

    func testFDistribution() throws {
        for r in try load().f_cdf {
            assertClose(FDistribution.cdf(r[0], numeratorDegreesOfFreedom: r[1], denominatorDegreesOfFreedom: r[2]), r[3],
                        relative: rel, absolute: floor, "f.cdf\(r[0...2])")
            assertClose(FDistribution.survival(r[0], numeratorDegreesOfFreedom: r[1], denominatorDegreesOfFreedom: r[2]), r[4],
                        relative: rel, absolute: floor, "f.sf\(r[0...2])")
        }
    }

    func testHypergeometric() throws {
        for r in try load().hypergeom {
            let k = Int(r[0]), m = Int(r[1]), n = Int(r[2]), d = Int(r[3])
            assertClose(Hypergeometric.pmf(k, population: m, successes: n, draws: d), r[4], relative: rel, absolute: floor, "pmf\(r[0...3])")
            assertClose(Hypergeometric.cdf(k, population: m, successes: n, draws: d), r[5], relative: rel, absolute: floor, "cdf\(r[0...3])")
            assertClose(Hypergeometric.survival(k, population: m, successes: n, draws: d), r[6], relative: rel, absolute: floor, "sf\(r[0...3])")
        }
    }

    func testInvalidArgumentsGiveNaNAndEndsAreExact() {
        XCTAssertTrue(StudentT.cdf(1, degreesOfFreedom: 0).isNaN)
        XCTAssertTrue(StudentT.cdf(.nan, degreesOfFreedom: 3).isNaN)
        XCTAssertTrue(ChiSquared.survival(1, degreesOfFreedom: -1).isNaN)
        XCTAssertTrue(ChiSquared.quantile(1.2, degreesOfFreedom: 3).isNaN)
        XCTAssertTrue(Hypergeometric.pmf(1, population: 5, successes: 6, draws: 2).isNaN)
        XCTAssertEqual(StudentT.quantile(0, degreesOfFreedom: 3), -.infinity)
        XCTAssertEqual(StudentT.quantile(0.5, degreesOfFreedom: 3), 0)
        XCTAssertEqual(ChiSquared.quantile(0, degreesOfFreedom: 3), 0)
        XCTAssertEqual(ChiSquared.quantile(1, degreesOfFreedom: 3), .infinity)
        XCTAssertEqual(StudentT.cdf(-.infinity, degreesOfFreedom: 2), 0)
        XCTAssertEqual(ChiSquared.cdf(0, degreesOfFreedom: 2), 0)
        assertClose(StudentT.cdf(1.3, degreesOfFreedom: .infinity), Normal.cdf(1.3), relative: 1e-15)
    }

    func testQuantileRoundTrips() {
        for df in [0.7, 3.0, 17.0, 250.0] {
            for p in [1e-12, 0.01, 0.2, 0.6, 0.95, 0.999999] {
                assertClose(StudentT.cdf(StudentT.quantile(p, degreesOfFreedom: df), degreesOfFreedom: df), p, relative: 1e-12)
                assertClose(ChiSquared.cdf(ChiSquared.quantile(p, degreesOfFreedom: df), degreesOfFreedom: df), p, relative: 1e-12)
            }
        }
    }
}
