import Foundation
import SentinelTestSupport
@testable import SentinelStudy
import XCTest

/// The shipped Liu et al. 2025 claims file and the claims-file parser.
final class AuditClaimsFileTests: XCTestCase {
    static let liuURL = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("data/liu2025-claims.yaml")

    private func liuAudit() throws -> [String: ClaimVerdict] {
        let claims = try ClaimsFile.load(contentsOf: Self.liuURL)
        return Dictionary(uniqueKeysWithValues: ClaimsAuditor(claims: claims).audit().map { ($0.id, $0) })
    }

    private func finding(_ claim: ClaimVerdict?, _ check: String) -> AuditFinding? {
        claim?.findings.first { $0.check == check }
    }

    func testLiuTranscription() throws {
        let claims = try ClaimsFile.load(contentsOf: Self.liuURL)
        XCTAssertEqual(claims.cohorts.map(\.n), [203, 87, 82])
        XCTAssertEqual(claims.performance.filter { $0.location == "Table 2" }.count, 15)
        XCTAssertEqual(claims.comparisons.filter { $0.location == "Table 3" }.count, 6)
        XCTAssertEqual(claims.table1.count, 11)
        XCTAssertEqual(claims.performance.first { $0.id == "T2/train/pre_clin_rad" }?.sensitivity?.decimals, 2)  // "0.75"
    }

    func testLiuTestSetRowFails() throws {
        let verdicts = try liuAudit()
        let test = verdicts["T2/test/post_all"]
        XCTAssertEqual(test?.verdict, .fail)
        XCTAssertEqual(finding(test, "ci-symmetry")?.verdict, .fail)      // 0.825 (0.812-0.932)
        XCTAssertEqual(finding(test, "estimate-in-ci")?.verdict, .pass)
        XCTAssertEqual(finding(test, "sensitivity-grim")?.verdict, .fail) // 0.779 with 23 cases
        XCTAssertEqual(finding(test, "specificity-grim")?.verdict, .fail) // 0.883 with 59 controls
        XCTAssertEqual(finding(test, "accuracy-grim")?.verdict, .fail)    // 0.862 with 82 patients
        XCTAssertEqual(finding(test, "accuracy-weighted")?.verdict, .fail)
    }

    func testLiuConsistentRowsPass() throws {
        let verdicts = try liuAudit()
        for id in ["T2/train/clinical", "T2/train/pre_clin_rad", "T2/train/pre_all", "T2/train/post_all",
                   "T2/validation/clinical", "T2/validation/post_all", "T2/validation/post_clin_dl"] {
            XCTAssertEqual(verdicts[id]?.verdict, .pass, id)
            XCTAssertTrue(verdicts[id]?.findings.allSatisfy { $0.verdict == .pass } ?? false, id)
        }
        for id in ["cohort/train", "cohort/validation", "cohort/test"] { XCTAssertEqual(verdicts[id]?.verdict, .pass, id) }
        // Validation pre-fusion Clinical+Rad+DL: sensitivity 0.791 is 19/24 truncated, not rounded.
        let pre = verdicts["T2/validation/pre_all"]
        XCTAssertEqual(finding(pre, "sensitivity-grim")?.verdict, .fail)
        XCTAssertEqual(finding(pre, "accuracy-weighted")?.verdict, .pass)
        XCTAssertEqual(verdicts["text/train/rad"]?.verdict, .cannotCheck)
        XCTAssertEqual(verdicts["text/train/rad"]?.findings.count, 1)
        // The Results text and Discussion restate Table 2 compatibly.
        for id in ["text/train/pre_all", "text/test/post_all", "discussion/validation/post_all"] {
            XCTAssertEqual(finding(verdicts[id], "restated")?.verdict, .pass, id)
        }
    }

    func testLiuTable3() throws {
        let verdicts = try liuAudit()
        XCTAssertEqual(verdicts["T3/train/clinical-vs-pre_all"]?.verdict, .pass)
        XCTAssertEqual(finding(verdicts["T3/train/clinical-vs-post_all"], "delong-p")?.verdict, .fail)   // 0.044 > 0.0235
        XCTAssertEqual(finding(verdicts["T3/train/clinical-vs-post_all"], "restated")?.verdict, .fail)   // text: p < 0.001
        XCTAssertEqual(finding(verdicts["text/train/clinical-vs-post_all"], "delong-p")?.verdict, .pass)
        XCTAssertEqual(finding(verdicts["T3/train/pre_all-vs-post_all"], "delong-p")?.verdict, .fail)    // 0.03 vs ≥ 0.38
        XCTAssertEqual(finding(verdicts["T3/validation/clinical-vs-pre_all"], "delong-p")?.verdict, .fail) // 0.78 vs ≤ 0.51
        XCTAssertEqual(verdicts["T3/validation/clinical-vs-post_all"]?.verdict, .pass)
        XCTAssertEqual(finding(verdicts["T3/validation/pre_all-vs-post_all"], "delong-p")?.verdict, .pass)
        XCTAssertEqual(finding(verdicts["T3/validation/pre_all-vs-post_all"], "restated")?.verdict, .fail) // 0.027 vs 0.04
    }

    func testLiuTable1() throws {
        let verdicts = try liuAudit()
        for (id, verdict) in verdicts where id.hasPrefix("table1/") {
            // Training and validation columns add up and match their percentages …
            for f in verdict.findings where !f.reason.hasPrefix("Test set") { XCTAssertEqual(f.verdict, .pass, "\(id): \(f.reason)") }
            // … the test-set columns add to 58 / 24 instead of 59 / 23.
            XCTAssertEqual(verdict.verdict, .fail, id)
        }
        let er = verdicts["table1/er"]?.findings.first { $0.check == "counts-sum" && $0.reason.hasPrefix("Test set cases") }
        XCTAssertTrue(er?.reason.contains("4 + 170 = 174") ?? false, er?.reason ?? "")
        let shape = verdicts["table1/shape"]?.findings.first { $0.check == "percent-grim" && $0.reason.hasPrefix("Test set controls") }
        XCTAssertTrue(shape?.reason.contains("n = 58") ?? false, shape?.reason ?? "")
    }

    // MARK: Parser errors

    private func parseError(_ yaml: String) -> ClaimsError? {
        do { _ = try ClaimsFile.parse(yaml, file: "c.yaml"); return nil } catch { return error as? ClaimsError }
    }

    func testMalformedFilesNameKeyAndLine() {
        let header = "schema: sentinel.claims/1\ncohorts:\n  - {id: a, n: 10, cases: 4, controls: 6}\nmodels:\n  - {id: m}\n"
        XCTAssertNil(parseError(header))
        XCTAssertEqual(parseError("schema: other/1\n"), .invalidValue(file: "c.yaml", line: 1, key: "schema",
                                                                      problem: "\"other/1\" is not supported", fix: "write `schema: sentinel.claims/1`"))
        guard case let .unknownKey(_, line, key, _)? = parseError(header + "performnce: []\n") else { return XCTFail() }
        XCTAssertEqual(line, 6); XCTAssertEqual(key, "performnce")
        guard case let .invalidValue(_, line2, key2, _, _)? = parseError(header + "performance:\n  - {cohort: a, model: m, auc: high}\n") else { return XCTFail() }
        XCTAssertEqual(line2, 7); XCTAssertEqual(key2, "auc")
        guard case let .unknownReference(_, line3, key3, value, _)? = parseError(header + "performance:\n  - {cohort: b, model: m}\n") else { return XCTFail() }
        XCTAssertEqual(line3, 7); XCTAssertEqual(key3, "cohort"); XCTAssertEqual(value, "b")
        guard case .invalidValue(_, _, "cells.a.cases", _, _)? = parseError(header + "table1:\n  - {variable: v, levels: [x, y], cells: {a: {cases: [\"1 (25%)\"]}}}\n") else { return XCTFail() }
        guard case .invalidYAML? = parseError("schema: [unclosed\n") else { return XCTFail() }
        guard case .invalidValue(_, _, "n", _, _)? = parseError("schema: sentinel.claims/1\ncohorts:\n  - {id: a, n: -3}\n") else { return XCTFail() }
        XCTAssertEqual(parseError("schema: sentinel.claims/1\ncohorts:\n  - {id: a, n: -3}\n")?.exitCode, 65)
    }

    func testMissingFileIsExit66() {
        XCTAssertThrowsError(try ClaimsFile.load(contentsOf: URL(fileURLWithPath: "/nonexistent/claims.yaml"))) { error in
            XCTAssertEqual((error as? ExitStatusError)?.exitCode, 66)
        }
    }

    func testTable1CellParsing() {
        XCTAssertEqual(Table1Cells.parseCell("75 (51%)")?.count, 75)
        XCTAssertEqual(Table1Cells.parseCell("12(50.0%)")?.percent.text, "50.0")
        XCTAssertNil(Table1Cells.parseCell("75"))
        XCTAssertNil(Table1Cells.parseCell("x (5%)"))
    }
}
