import Foundation
import Yams

extension ClaimsFile {
    /// Reads a claims file. Missing file: `DataError.fileNotFound` (exit 66); malformed content:
    /// `ClaimsError` naming the key and line (exit 65).
    public static func load(contentsOf url: URL) throws -> ClaimsFile {
        guard FileManager.default.fileExists(atPath: url.path) else { throw DataError.fileNotFound(file: url.path) }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw DataError.unreadableFile(file: url.path, reason: error.localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else { throw DataError.notUTF8(file: url.path) }
        return try parse(text, file: url.lastPathComponent)
    }

    /// Parses claims YAML text; `file` names the source in error messages.
    public static func parse(_ text: String, file: String) throws -> ClaimsFile {
        try ClaimsParser(file: file).parse(text)
    }
}

/// Walks the composed YAML node tree so that every error names its key and line.
struct ClaimsParser {
    let file: String

    func parse(_ text: String) throws -> ClaimsFile {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw ClaimsError.invalidValue(file: file, line: 1, key: "schema", problem: "the file is empty",
                                               fix: "start with `schema: \(ClaimsFile.schemaIdentifier)`")
            }
            root = node
        } catch let error as ClaimsError {
            throw error
        } catch {
            throw ClaimsError.invalidYAML(file: file, detail: "\(error)")
        }
        let top = try mapping(root, key: "(top level)")
        try allowOnly(top, ["schema", "source", "settings", "cohorts", "models", "performance", "comparisons", "table1"])
        let schema = try string(top, "schema")
        guard schema == ClaimsFile.schemaIdentifier else {
            throw ClaimsError.invalidValue(file: file, line: line(top["schema"] ?? root), key: "schema",
                                           problem: schema == nil ? "missing" : "\"\(schema!)\" is not supported",
                                           fix: "write `schema: \(ClaimsFile.schemaIdentifier)`")
        }
        var claims = ClaimsFile(source: try string(top, "source"))
        if let node = top["settings"] { claims.settings = try settings(node) }
        claims.cohorts = try list(top, "cohorts").map(cohort)
        claims.models = try list(top, "models").map(model)
        let cohortIDs = claims.cohorts.map(\.id), modelIDs = claims.models.map(\.id)
        try unique(top, "cohorts", cohortIDs)
        try unique(top, "models", modelIDs)
        claims.performance = try list(top, "performance").map { try performance($0, cohorts: cohortIDs, models: modelIDs) }
        claims.comparisons = try list(top, "comparisons").map { try comparison($0, cohorts: cohortIDs, models: modelIDs) }
        claims.table1 = try list(top, "table1").map { try table1($0, claims: claims) }
        var generated: [String: Int] = [:]
        numberGeneratedIDs(&claims.performance, \.id, section: "performance", in: top, counts: &generated)
        numberGeneratedIDs(&claims.comparisons, \.id, section: "comparisons", in: top, counts: &generated)
        numberGeneratedIDs(&claims.table1, \.id, section: "table1", in: top, counts: &generated)
        var seen = Set<String>()
        for id in claims.performance.map(\.id) + claims.comparisons.map(\.id) + claims.table1.map(\.id)
        where !seen.insert(id).inserted {
            let entries = ["performance", "comparisons", "table1"].flatMap { top[$0]?.sequence ?? [] }
            let second = entries.last { $0.mapping?["id"]?.string == id }
            throw ClaimsError.invalidValue(file: file, line: second.map(line) ?? line(root), key: "id",
                                           problem: "id \"\(id)\" is used twice", fix: "give every entry a unique id")
        }
        return claims
    }

    /// Entries written without `id:` get a generated one (`comparison/train/a-vs-b`); when the
    /// same claim is printed twice (a table and the Results text) the later ones are numbered
    /// `…#2`, `…#3` in file order, so they are audited (and `restated` compared) rather than
    /// refused as duplicates.
    private func numberGeneratedIDs<Claim>(_ claims: inout [Claim], _ id: WritableKeyPath<Claim, String>, section: String,
                                           in top: Node.Mapping, counts: inout [String: Int]) {
        let entries = top[section]?.sequence ?? []
        for k in claims.indices where k < entries.count && entries[k].mapping?["id"] == nil {
            let base = claims[k][keyPath: id]
            counts[base, default: 0] += 1
            if let n = counts[base], n > 1 { claims[k][keyPath: id] = "\(base)#\(n)" }
        }
    }

    // MARK: Sections

    private func settings(_ node: Node) throws -> AuditSettings {
        let map = try mapping(node, key: "settings")
        try allowOnly(map, ["ci_symmetry_tolerance", "correlation", "results_tolerance", "p_value_tolerance"])
        var settings = AuditSettings()
        if let value = try double(map, "ci_symmetry_tolerance") { settings.ciSymmetryTolerance = value }
        if let value = try double(map, "results_tolerance") { settings.resultsTolerance = value }
        if let value = try double(map, "p_value_tolerance") { settings.pValueTolerance = value }
        if let node = map["correlation"] {
            let values = try numbers(node, key: "correlation").map(\.value)
            guard values.count == 2, values[0] <= values[1], values[0] >= -1, values[1] < 1 else {
                throw invalid(node, "correlation", "needs [low, high] with -1 ≤ low ≤ high < 1", "write e.g. `correlation: [0, 0.9]`")
            }
            settings.correlationRange = values
        }
        return settings
    }

    private func cohort(_ node: Node) throws -> CohortClaim {
        let map = try mapping(node, key: "cohorts")
        try allowOnly(map, ["id", "label", "results_name", "n", "cases", "controls", "where"])
        guard let id = try string(map, "id") else { throw missing(node, "id", "give every cohort an id") }
        return CohortClaim(id: id, label: try string(map, "label"), resultsName: try string(map, "results_name"),
                           n: try count(map, "n"), cases: try count(map, "cases"), controls: try count(map, "controls"),
                           location: try string(map, "where"))
    }

    private func model(_ node: Node) throws -> ModelAlias {
        let map = try mapping(node, key: "models")
        try allowOnly(map, ["id", "label", "results_name"])
        guard let id = try string(map, "id") else { throw missing(node, "id", "give every model an id") }
        return ModelAlias(id: id, label: try string(map, "label"), resultsName: try string(map, "results_name"))
    }

    private func performance(_ node: Node, cohorts: [String], models: [String]) throws -> PerformanceClaim {
        let map = try mapping(node, key: "performance")
        try allowOnly(map, ["id", "cohort", "model", "auc", "ci", "ci_method", "accuracy", "sensitivity", "specificity", "where"])
        let cohort = try reference(map, "cohort", known: cohorts, node: node)
        let model = try reference(map, "model", known: models, node: node)
        var ci: [ReportedNumber]?
        if let ciNode = map["ci"] {
            let bounds = try numbers(ciNode, key: "ci")
            guard bounds.count == 2 else { throw invalid(ciNode, "ci", "needs two bounds", "write `ci: [0.741, 0.852]`") }
            ci = bounds
        }
        let claim = PerformanceClaim(
            id: try string(map, "id") ?? "performance/\(cohort)/\(model)", cohort: cohort, model: model,
            auc: try number(map, "auc"), ci: ci, ciMethod: try string(map, "ci_method")?.lowercased(),
            accuracy: try number(map, "accuracy"), sensitivity: try number(map, "sensitivity"),
            specificity: try number(map, "specificity"), location: try string(map, "where"))
        if claim.ci != nil && claim.auc == nil { throw missing(node, "auc", "a CI needs its AUC") }
        return claim
    }

    private func comparison(_ node: Node, cohorts: [String], models: [String]) throws -> ComparisonClaim {
        let map = try mapping(node, key: "comparisons")
        try allowOnly(map, ["id", "cohort", "models", "p", "method", "where"])
        let cohort = try reference(map, "cohort", known: cohorts, node: node)
        guard let pair = map["models"], let items = pair.sequence, items.count == 2,
              let a = items[0].string, let b = items[1].string else {
            throw invalid(map["models"] ?? node, "models", "needs two model ids", "write `models: [clinical, post_all]`")
        }
        for id in [a, b] where !models.contains(id) {
            throw ClaimsError.unknownReference(file: file, line: line(pair), key: "models", value: id, known: models)
        }
        guard let p = try number(map, "p") else { throw missing(node, "p", "give the printed p-value, e.g. `p: 0.032` or `p: \"<0.001\"`") }
        guard (0...1).contains(p.value) else { throw invalid(map["p"] ?? node, "p", "\(p) is not a probability", "give a value in [0, 1]") }
        return ComparisonClaim(id: try string(map, "id") ?? "comparison/\(cohort)/\(a)-vs-\(b)", cohort: cohort,
                               modelA: a, modelB: b, p: p, method: try string(map, "method")?.lowercased() ?? "delong",
                               location: try string(map, "where"))
    }

    private func table1(_ node: Node, claims: ClaimsFile) throws -> Table1Claim {
        let map = try mapping(node, key: "table1")
        try allowOnly(map, ["id", "variable", "levels", "cells", "where"])
        guard let variable = try string(map, "variable") else { throw missing(node, "variable", "name the Table 1 variable") }
        guard let levelsNode = map["levels"], let levelItems = levelsNode.sequence, !levelItems.isEmpty else {
            throw missing(node, "levels", "list the variable's levels, e.g. `levels: [Negative, Positive]`")
        }
        let levels = try levelItems.map { item -> String in
            guard let s = item.string else { throw invalid(item, "levels", "a level must be text", "quote the level name") }
            return s
        }
        guard let cellsNode = map["cells"] else { throw missing(node, "cells", "give `cells: {cohort: {controls: [...], cases: [...]}}`") }
        let byCohort = try mapping(cellsNode, key: "cells")
        var cells: [Table1Cells] = []
        for (cohortKey, groupsNode) in byCohort {
            let cohort = cohortKey.string ?? ""
            guard claims.cohort(cohort) != nil else {
                throw ClaimsError.unknownReference(file: file, line: line(cohortKey), key: "cells", value: cohort, known: claims.cohorts.map(\.id))
            }
            let groups = try mapping(groupsNode, key: "cells.\(cohort)")
            try allowOnly(groups, Table1Cells.Group.allCases.map(\.rawValue))
            for (groupKey, listNode) in groups {
                guard let group = Table1Cells.Group(rawValue: groupKey.string ?? "") else { continue }
                let key = "cells.\(cohort).\(group.rawValue)"
                guard let items = listNode.sequence, items.count == levels.count else {
                    throw invalid(listNode, key, "needs one cell per level (\(levels.count))", "list \"count (percent%)\" for each of \(levels.joined(separator: ", "))")
                }
                var counts: [Int] = [], percents: [ReportedNumber] = [], texts: [String] = []
                for item in items {
                    guard let text = item.string, let parsed = Table1Cells.parseCell(text), parsed.count <= 10_000_000 else {
                        throw invalid(item, key, "\"\(item.string ?? "?")\" is not a \"count (percent%)\" cell", "write cells as \"75 (51%)\"")
                    }
                    counts.append(parsed.count); percents.append(parsed.percent); texts.append(text)
                }
                cells.append(Table1Cells(cohort: cohort, group: group, counts: counts, percents: percents, texts: texts))
            }
        }
        let slug = variable.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
        return Table1Claim(id: try string(map, "id") ?? "table1/\(String(slug))", variable: variable, levels: levels,
                           cells: cells, location: try string(map, "where"))
    }

    // MARK: Typed accessors

    private func mapping(_ node: Node, key: String) throws -> Node.Mapping {
        guard let map = node.mapping else { throw invalid(node, key, "expected a mapping (key: value lines)", "indent the entries under \"\(key)\"") }
        return map
    }

    private func list(_ map: Node.Mapping, _ key: String) throws -> [Node] {
        guard let node = map[key] else { return [] }
        guard let items = node.sequence else { throw invalid(node, key, "expected a list", "start each entry with \"- \"") }
        return Array(items)
    }

    private func string(_ map: Node.Mapping, _ key: String) throws -> String? {
        guard let node = map[key] else { return nil }
        guard let scalar = node.scalar else { throw invalid(node, key, "expected a single value", "write `\(key): text`") }
        return scalar.string
    }

    private func double(_ map: Node.Mapping, _ key: String) throws -> Double? {
        try number(map, key).map(\.value)
    }

    private func number(_ map: Node.Mapping, _ key: String) throws -> ReportedNumber? {
        guard let node = map[key] else { return nil }
        guard let text = node.scalar?.string, let number = ReportedNumber(text) else {
            throw invalid(node, key, "\"\(node.string ?? "?")\" is not a number", "write the number as printed, e.g. 0.779 or \"<0.001\"")
        }
        return number
    }

    private func numbers(_ node: Node, key: String) throws -> [ReportedNumber] {
        if let items = node.sequence {
            return try items.map { item in
                guard let text = item.string, let n = ReportedNumber(text) else {
                    throw invalid(item, key, "\"\(item.string ?? "?")\" is not a number", "write plain numbers such as 0.741")
                }
                return n
            }
        }
        if let text = node.string {   // "0.741-0.852"
            let parts = text.split(separator: "-").compactMap { ReportedNumber(String($0)) }
            if parts.count == 2 { return parts }
        }
        throw invalid(node, key, "expected [lower, upper]", "write `\(key): [0.741, 0.852]`")
    }

    private func count(_ map: Node.Mapping, _ key: String) throws -> Int? {
        guard let node = map[key] else { return nil }
        guard let text = node.string, let value = Int(text), (0...10_000_000).contains(value) else {
            throw invalid(node, key, "\"\(node.string ?? "?")\" is not a whole number in 0...10,000,000", "write a patient count such as 203")
        }
        return value
    }

    private func reference(_ map: Node.Mapping, _ key: String, known: [String], node: Node) throws -> String {
        guard let value = try string(map, key) else { throw missing(node, key, "name one of: \(known.joined(separator: ", "))") }
        guard known.contains(value) else {
            throw ClaimsError.unknownReference(file: file, line: line(map[key] ?? node), key: key, value: value, known: known)
        }
        return value
    }

    private func allowOnly(_ map: Node.Mapping, _ allowed: [String]) throws {
        for (key, _) in map where !allowed.contains(key.string ?? "") {
            throw ClaimsError.unknownKey(file: file, line: line(key), key: key.string ?? "?", allowed: allowed)
        }
    }

    private func unique(_ map: Node.Mapping, _ what: String, _ ids: [String]) throws {
        var seen = Set<String>()
        for id in ids where !seen.insert(id).inserted {
            throw ClaimsError.invalidValue(file: file, line: line(map[what] ?? Node("")), key: what,
                                           problem: "id \"\(id)\" is used twice", fix: "give every entry a unique id")
        }
    }

    private func line(_ node: Node) -> Int { node.mark?.line ?? 0 }

    private func invalid(_ node: Node, _ key: String, _ problem: String, _ fix: String) -> ClaimsError {
        .invalidValue(file: file, line: line(node), key: key, problem: problem, fix: fix)
    }

    private func missing(_ node: Node, _ key: String, _ fix: String) -> ClaimsError {
        .invalidValue(file: file, line: line(node), key: key, problem: "required key is missing", fix: fix)
    }
}
