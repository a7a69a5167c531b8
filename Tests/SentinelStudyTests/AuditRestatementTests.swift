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
}
