import SentinelStats
import SentinelTestSupport
import XCTest

/// Descriptive summaries and midranks against numpy (`mean`, `std(ddof=1)`,
/// `percentile` = R type 7) and scipy `rankdata`.
final class SummaryTests: XCTestCase {
    func testSummariesMatchNumpy() throws {
        let f = try StatsTestsFixture.load()
        XCTAssertGreaterThanOrEqual(f.summaries.count, 20)
        for c in f.summaries {
            let s = try Summary(c.x.map { $0 ?? .nan })
            XCTAssertEqual(s.count, c.n)
            XCTAssertEqual(s.missing, c.missing)
            assertClose(s.mean, c.mean, relative: 1e-12, absolute: 1e-300)
            if let sd = c.sd { assertClose(s.standardDeviation ?? .nan, sd, relative: 1e-10, absolute: 1e-300) } else { XCTAssertNil(s.standardDeviation) }
            assertClose(s.median, c.median, relative: 1e-12, absolute: 1e-300)
            assertClose(s.firstQuartile, c.q1, relative: 1e-12, absolute: 1e-300)
            assertClose(s.thirdQuartile, c.q3, relative: 1e-12, absolute: 1e-300)
            XCTAssertEqual(s.minimum, c.min)
            XCTAssertEqual(s.maximum, c.max)
        }
    }

    func testMidranksMatchScipy() throws {
        for c in try StatsTestsFixture.load().ranks {
            assertClose(Ranking.midranks(c.x), c.ranks, relative: 0)
        }
    }

    func testBadSamplesThrow() {
        XCTAssertThrowsError(try Summary([])) { XCTAssertEqual($0 as? DescriptiveError, .noObservations) }
        XCTAssertThrowsError(try Summary([.nan, .nan]))
        XCTAssertThrowsError(try Summary([1, .infinity])) { XCTAssertEqual($0 as? DescriptiveError, .infiniteValue(index: 1)) }
    }

    func testFrequencyTable() throws {
        let t = try FrequencyTable(["b", "a", nil, "b", "c", "b"])
        XCTAssertEqual(t.levels.map(\.level), ["a", "b", "c"])
        XCTAssertEqual(t.levels.map(\.count), [1, 3, 1])
        assertClose(t.levels.map(\.percent), [20, 60, 20], relative: 1e-15)
        XCTAssertEqual(t.missing, 1)
        XCTAssertEqual(t.nonMissing, 5)
        let ordered = try FrequencyTable(["low", "high"], levels: ["high", "mid", "low"])
        XCTAssertEqual(ordered.levels.map(\.count), [1, 0, 1])
        XCTAssertThrowsError(try FrequencyTable(["x"], levels: ["a"]))
        let empty = try FrequencyTable([nil, nil], levels: ["a"])
        XCTAssertEqual(empty.levels.first?.percent, 0)
    }
}

final class CrossTableTests: XCTestCase {
    func testCrossTabulation() throws {
        let t = try CrossTable(rows: ["a", "b", "a", nil, "c", "a"], columns: ["1", "0", "0", "1", "1", nil])
        XCTAssertEqual(t.rowLevels, ["a", "b", "c"])
        XCTAssertEqual(t.columnLevels, ["0", "1"])
        XCTAssertEqual(t.counts, [[1, 1], [1, 0], [0, 1]])
        XCTAssertEqual(t.missing, 2)
        let declared = try CrossTable(rows: ["x"], columns: ["1"], rowLevels: ["y", "x"], columnLevels: ["0", "1"])
        XCTAssertEqual(declared.counts, [[0, 0], [0, 1]])
        XCTAssertThrowsError(try CrossTable(rows: ["z"], columns: ["1"], rowLevels: ["x"]))
        XCTAssertThrowsError(try CrossTable(rows: ["z"], columns: [])) { XCTAssertEqual($0 as? DescriptiveError, .lengthMismatch(1, 0)) }
    }
}
