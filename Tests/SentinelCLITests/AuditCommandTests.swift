import Foundation
import XCTest

/// `sentinel audit` end to end: outputs, exit codes, and --results.
final class AuditCommandTests: CLITestCase {
    static let liuClaims = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("data/liu2025-claims.yaml")

    private func audit(_ folder: URL) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("audit.json"))) as? [String: Any] ?? [:]
    }

    private func verdict(_ json: [String: Any], _ id: String) -> String? {
        (json["claims"] as? [[String: Any]])?.first { $0["id"] as? String == id }?["verdict"] as? String
    }

    func testShippedClaimsFileDefaultOutputAndExitZero() throws {
        let dir = try temporaryDirectory()
        let claims = dir.appendingPathComponent("liu.yaml")
        try FileManager.default.copyItem(at: Self.liuClaims, to: claims)
        let run = try sentinel(["audit", claims.path])
        XCTAssertEqual(run.status, 0, run.stderr)   // failing claims are findings, not errors
        let out = dir.appendingPathComponent("audit")
        let json = try audit(out)
        XCTAssertEqual(json["schema"] as? String, "sentinel.audit/1")
        XCTAssertEqual(verdict(json, "T2/test/post_all"), "fail")
        XCTAssertEqual(verdict(json, "T2/train/clinical"), "pass")
        XCTAssertGreaterThan((json["summary"] as? [String: Int])?["fail"] ?? 0, 0)
        let html = try String(contentsOf: out.appendingPathComponent("audit.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("Claims audit"))
        XCTAssertTrue(html.contains("0.779"))
        XCTAssertFalse(html.contains("https://"))
        // Existing output needs --force; with it the output is identical.
        XCTAssertEqual(try sentinel(["audit", claims.path]).status, 73)
        let again = try sentinel(["audit", claims.path, "--force"])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(try audit(out) as NSDictionary, json as NSDictionary)
    }

    func testMalformedClaimsIs65NamingLineAndMissingIs66() throws {
        let dir = try temporaryDirectory()
        let bad = dir.appendingPathComponent("bad.yaml")
        try write("schema: sentinel.claims/1\ncohorts:\n  - {id: a, n: ten}\n", to: bad)
        let run = try sentinel(["audit", bad.path, "--out", dir.appendingPathComponent("o").path])
        XCTAssertEqual(run.status, 65)
        XCTAssertTrue(run.stderr.contains("line 3") && run.stderr.contains("\"n\""), run.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("o").path))
        XCTAssertEqual(try sentinel(["audit", dir.appendingPathComponent("none.yaml").path]).status, 66)
        let good = dir.appendingPathComponent("good.yaml")
        try write("schema: sentinel.claims/1\n", to: good)
        XCTAssertEqual(try sentinel(["audit", good.path, "--results", dir.appendingPathComponent("none.json").path]).status, 66)
    }

    /// Claims written from a results.json (as a paper would print them) pass against it.
    func testClaimsFromResultsPass() throws {
        let dir = try temporaryDirectory()
        let input = dir.appendingPathComponent("pred.csv")
        try write(predictionsCSV(rows: 120), to: input)
        let evaluate = try sentinel(["evaluate", input.path, "--out", dir.appendingPathComponent("eval").path, "--bootstrap", "50", "--results-only", "--quiet"])
        XCTAssertEqual(evaluate.status, 0, evaluate.stderr)
        let resultsURL = dir.appendingPathComponent("eval/results.json")
        let results = try JSONSerialization.jsonObject(with: Data(contentsOf: resultsURL)) as? [String: Any]
        let f = { (x: Any?) in String(format: "%.3f", (x as? Double) ?? .nan) }
        var yaml = "schema: sentinel.claims/1\ncohorts:\n"
        var performance = "performance:\n"
        for cohort in results?["cohorts"] as? [[String: Any]] ?? [] {
            let name = cohort["name"] as? String ?? "", n = cohort["n"] as? Int ?? 0, cases = cohort["positives"] as? Int ?? 0
            yaml += "  - {id: \(name), n: \(n), cases: \(cases), controls: \(n - cases)}\n"
            for (index, model) in (cohort["models"] as? [[String: Any]] ?? []).enumerated() {
                let ci = model["auc_ci"] as? [Double] ?? []
                performance += "  - {cohort: \(name), model: m\(index), auc: \(f(model["auc"])), ci: [\(f(ci.first)), \(f(ci.last))], ci_method: delong, accuracy: \(f(model["accuracy"])), sensitivity: \(f(model["sensitivity"])), specificity: \(f(model["specificity"]))}\n"
            }
        }
        yaml += "models:\n  - {id: m0, results_name: Model A}\n  - {id: m1, results_name: \"Model, B\"}\n" + performance
        let claims = dir.appendingPathComponent("claims.yaml")
        try write(yaml, to: claims)
        let run = try sentinel(["audit", claims.path, "--results", resultsURL.path, "--out", dir.appendingPathComponent("audit").path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let json = try audit(dir.appendingPathComponent("audit"))
        XCTAssertEqual((json["summary"] as? [String: Int])?["fail"], 0, "\(json["claims"] ?? "")")
        XCTAssertEqual((json["summary"] as? [String: Int])?["pass"], 6)
        XCTAssertEqual(json["results_file"] as? String, "results.json")
        // The evaluate output folder stands for its results.json (it was "not a Sentinel results.json").
        let byFolder = try sentinel(["audit", claims.path, "--results", dir.appendingPathComponent("eval").path,
                                     "--out", dir.appendingPathComponent("audit2").path])
        XCTAssertEqual(byFolder.status, 0, byFolder.stderr)
        XCTAssertEqual((try audit(dir.appendingPathComponent("audit2"))["summary"] as? [String: Int])?["pass"], 6)
    }
}
