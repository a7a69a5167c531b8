import Foundation
import SentinelNumerics
import SentinelTestSupport
@testable import SentinelStudy
import XCTest

final class DemoSimulatorTests: XCTestCase {
    private struct QuantileCase: Decodable { let sample: [Double]; let q: [Double]; let expected: [Double] }

    private static let repository = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()

    /// The bundled specification with small imaging blocks (debug builds are slow).
    private func smallSpecification() throws -> DemoSpecification {
        var spec = try DemoSpecification.bundled()
        spec.radiomics.perView = 40
        spec.deep.count = 50
        return spec
    }

    func testBundledSpecificationIsTheDataFile() throws {
        let file = try String(contentsOf: DemoSimulatorTests.repository.appendingPathComponent("data/demo-cohort.yaml"), encoding: .utf8)
        XCTAssertEqual(DemoSpecification.bundledYAML, file, "run Tests/Fixtures/study/embed_demo_spec.py")
        let spec = try DemoSpecification.bundled()
        XCTAssertEqual(spec.cohorts.map(\.n), [203, 87, 82])
        XCTAssertEqual(spec.cohorts.map(\.positives), [56, 24, 23])
        XCTAssertEqual(spec.continuous.count + spec.categorical.count, 17)
        XCTAssertEqual(spec.radiomics.views.count * spec.radiomics.perView, 1726)
        XCTAssertEqual(spec.deep.count, 1024)
    }

    func testQuantileMatchesNumpy() throws {
        for item in try Fixtures.load([QuantileCase].self, "study/quantiles.json") {
            let sorted = item.sample.sorted()
            assertClose(item.q.map { DemoCohort.quantile(sorted: sorted, $0) }, item.expected, relative: 1e-12, absolute: 1e-12)
        }
    }

    func testRescaleByLargestRemainders() {
        XCTAssertEqual(DemoSimulator.rescale([28, 30], to: 59), [28, 31])
        XCTAssertEqual(DemoSimulator.rescale([12, 12], to: 23), [12, 11])
        XCTAssertEqual(DemoSimulator.rescale([6, 33, 19], to: 59), [6, 34, 19])
        XCTAssertEqual(DemoSimulator.rescale([75, 72], to: 147), [75, 72])
        XCTAssertEqual(DemoSimulator.rescale([2, 14, 8], to: 23).reduce(0, +), 23)
    }

    func testCohortShapeFollowsTableOne() throws {
        let spec = try smallSpecification()
        let demo = DemoSimulator(specification: spec, seed: 3).simulate()
        XCTAssertEqual(demo.ids.count, 372)
        XCTAssertEqual(Set(demo.ids).count, 372)
        for cohort in spec.cohorts {
            let rows = demo.ids.indices.filter { demo.cohorts[$0] == cohort.name }
            XCTAssertEqual(rows.count, cohort.n)
            XCTAssertEqual(rows.reduce(0) { $0 + demo.outcome[$1] }, cohort.positives)
            for variable in spec.categorical {
                for label in [0, 1] {
                    let table = variable.counts[cohort.name]?[label] ?? []
                    let expected = DemoSimulator.rescale(table, to: label == 1 ? cohort.positives : cohort.n - cohort.positives)
                    XCTAssertEqual(demo.counts(of: variable.name, levels: variable.levels, cohort: cohort.name, outcome: label), expected,
                                   "\(variable.name) \(cohort.name) \(label)")
                }
            }
            // Medians land near the table's (two-piece normal, rounded); loose because groups are small.
            for variable in spec.continuous {
                for label in [0, 1] {
                    guard let q = variable.quartiles[cohort.name]?[label],
                          let simulated = demo.quartiles(of: variable.name, cohort: cohort.name, outcome: label) else { return XCTFail() }
                    let iqr = max(q[2] - q[1], pow(10, -Double(variable.decimals)))
                    XCTAssertLessThan(abs(simulated[0] - q[0]), 0.75 * iqr, "\(variable.name) \(cohort.name) \(label)")
                }
            }
        }
        XCTAssertEqual(demo.radiomicsNames.count, 80)
        XCTAssertTrue(demo.deep.allSatisfy { $0 >= 0 })
        XCTAssertTrue(demo.deep.contains(0))
        XCTAssertTrue(demo.radiomics.allSatisfy(\.isFinite))
    }

    func testDeterministicAndSeedDependent() throws {
        let spec = try smallSpecification()
        let a = DemoSimulator(specification: spec, seed: 11).simulate()
        let b = DemoSimulator(specification: spec, seed: 11).simulate()
        let c = DemoSimulator(specification: spec, seed: 12).simulate()
        XCTAssertEqual(a.clinicalCSV(), b.clinicalCSV())
        XCTAssertEqual(a.radiomicsCSV(), b.radiomicsCSV())
        XCTAssertEqual(a.deepCSV(), b.deepCSV())
        XCTAssertNotEqual(a.radiomicsCSV(), c.radiomicsCSV())
        XCTAssertNotEqual(a.outcome, c.outcome)
    }

    func testWrittenStudyLoadsAndEncodes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let demo = DemoSimulator(specification: try smallSpecification(), seed: 5).simulate()
        let studyURL = try demo.write(to: folder)
        let spec = try StudySpec.load(contentsOf: studyURL)
        XCTAssertEqual(spec.seed, 5)
        let cohort = try Cohort.load(spec: spec)
        XCTAssertEqual(cohort.cohortNames, ["train", "validation", "test"])
        XCTAssertEqual(cohort.modalities.map(\.name), ["Clinical", "Rad", "DL"])
        XCTAssertEqual(cohort.modalities.map(\.features.count), [17, 80, 50])
        let matrices = try Preprocessor.fit(cohort).transform(cohort.data)
        // 6 continuous + 10 binary + grade (3 levels -> 2 indicators).
        XCTAssertEqual(matrices[0].columnCount, 18)
        XCTAssertTrue(matrices[0].names.contains("grade=III"))
        // Numbers survive the CSV round trip exactly.
        XCTAssertEqual(matrices[1].columns[7], demo.ids.indices.map { demo.radiomics[$0 * 80 + 7] })
    }

    func testInMemoryTablesAreTheWrittenFilesRead() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let demo = DemoSimulator(specification: try smallSpecification(), seed: 7).simulate()
        try demo.write(to: folder)
        let memory = try demo.tables()
        let files = [DemoCohort.clinicalFile, DemoCohort.radiomicsFile, DemoCohort.deepFile]
        XCTAssertEqual(memory.map(\.source), files)
        for (table, file) in zip(memory, files) {
            let read = try CSVTable.read(contentsOf: folder.appendingPathComponent(file), name: file)
            XCTAssertEqual(table, read, file)
            for column in 1 ..< read.columnCount where file != DemoCohort.clinicalFile {
                let inMemory = try table.optionalNumbers(column: column).map { $0?.bitPattern }
                XCTAssertEqual(inMemory, try read.optionalNumbers(column: column).map { $0?.bitPattern }, "\(file) \(read.header[column])")
            }
        }
        // The numbers are the simulated ones, not a copy through text.
        XCTAssertEqual(try memory[1].numbers(column: 8).map(\.bitPattern), demo.ids.indices.map { demo.radiomics[$0 * 80 + 7].bitPattern })
    }

    /// The deep features are simulated in concurrent row blocks, each starting from the
    /// Gaussian stream advanced past the rows before it: any number of blocks gives the
    /// values of one sequential pass, bit for bit.
    func testDeepFeaturesDoNotDependOnRowBlocks() throws {
        var spec = try smallSpecification()
        spec.deep.count = 7  // odd: rows draw an even number of deviates, the set-up an odd one
        var simulator = DemoSimulator(specification: spec, seed: 3)
        simulator.deepBlocks = 1
        let sequential = simulator.simulate()
        for blocks in [2, 3, 8, 1000] {
            simulator.deepBlocks = blocks
            let blocked = simulator.simulate()
            XCTAssertEqual(blocked.deep.map(\.bitPattern), sequential.deep.map(\.bitPattern), "\(blocks) blocks")
            XCTAssertEqual(blocked.radiomics.map(\.bitPattern), sequential.radiomics.map(\.bitPattern))
        }
    }

    /// `GaussianSource.fill` gives the deviates of as many `next()` calls and `skip` leaves the
    /// state they leave, from either parity (with or without a spare value pending).
    func testGaussianFillAndSkipMatchNext() {
        for pending in [false, true] {
            for count in [0, 1, 2, 3, 10, 101] {
                var reference = GaussianSource(generator: SeededGenerator(seed: 99))
                if pending { _ = reference.next() }
                var filled = reference, skipped = reference
                let expected = (0 ..< count).map { _ in reference.next() }
                var buffer = [Double](repeating: .nan, count: count)
                buffer.withUnsafeMutableBufferPointer { filled.fill($0) }
                XCTAssertEqual(buffer.map(\.bitPattern), expected.map(\.bitPattern), "fill \(count) pending \(pending)")
                skipped.skip(count)
                let after = (0 ..< 5).map { _ in reference.next().bitPattern }
                XCTAssertEqual((0 ..< 5).map { _ in filled.next().bitPattern }, after, "after fill \(count)")
                XCTAssertEqual((0 ..< 5).map { _ in skipped.next().bitPattern }, after, "after skip \(count)")
            }
        }
    }
}
