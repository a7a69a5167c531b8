import Foundation
@testable import SentinelStudy
import XCTest

final class AuditRestatementTests: XCTestCase {
    func testPerformancePrintedTwiceMustAgree() throws {
        let yaml = """
        schema: sentinel.claims/1
        cohorts: [{id: a, n: 10, cases: 4, controls: 6}]
        models: [{id: m}]
        performance:
          - {id: table, cohort: a, model: m, auc: 0.80, sensitivity: 0.75}
          - {id: text, cohort: a, model: m, auc: 0.8, sensitivity: 0.50}
        """
        let verdicts = ClaimsAuditor(claims: try ClaimsFile.parse(yaml, file: "x")).audit()
        let table = verdicts.first { $0.id == "table" }
        XCTAssertEqual(table?.findings.first { $0.check == "restated" }?.verdict, .fail)
        XCTAssertTrue(table?.findings.first { $0.check == "restated" }?.reason.contains("sensitivity 0.75 here vs 0.50 there") ?? false)
        XCTAssertEqual(table?.findings.first { $0.check == "sensitivity-grim" }?.verdict, .pass)  // 3/4
    }

    /// The same comparison printed twice without `id:` was refused ("id ... is used twice", at
    /// "line 0"); now the repeats are numbered and the restatement is audited.
    func testRepeatedEntriesWithoutIDsAreNumberedAndCompared() throws {
        let yaml = """
        schema: sentinel.claims/1
        cohorts: [{id: a, n: 10, cases: 4, controls: 6}]
        models: [{id: m}, {id: n}]
        comparisons:
          - {cohort: a, models: [m, n], p: 0.03}
          - {cohort: a, models: [m, n], p: 0.6}
          - {cohort: a, models: [m, n], p: 0.03}
        """
        let claims = try ClaimsFile.parse(yaml, file: "x")
        XCTAssertEqual(claims.comparisons.map(\.id), ["comparison/a/m-vs-n", "comparison/a/m-vs-n#2", "comparison/a/m-vs-n#3"])
        let verdicts = ClaimsAuditor(claims: claims).audit()
        let second = verdicts.first { $0.id == "comparison/a/m-vs-n#2" }
        XCTAssertEqual(second?.findings.first { $0.check == "restated" }?.verdict, .fail)
        // Explicit ids must still be unique; the error names the line of the repeat.
        let twice = yaml.replacingOccurrences(of: "{cohort: a, models: [m, n], p: 0.6}", with: "{id: c, cohort: a, models: [m, n], p: 0.6}")
            .replacingOccurrences(of: "- {cohort: a, models: [m, n], p: 0.03}\n  ", with: "- {id: c, cohort: a, models: [m, n], p: 0.03}\n  ")
        XCTAssertThrowsError(try ClaimsFile.parse(twice, file: "x")) { error in
            guard case let .invalidValue(_, line, key, problem, _)? = error as? ClaimsError else { return XCTFail("\(error)") }
            XCTAssertEqual([String(line), key, problem], ["6", "id", "id \"c\" is used twice"])
        }
    }
}
