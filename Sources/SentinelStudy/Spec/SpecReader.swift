import Yams

/// Walks the YAML node tree of a study file, turning shape problems into `StudySpecError`s
/// that name the key path and line.
struct SpecReader {
    let file: String

    func line(_ node: Node) -> Int? { node.mark?.line }

    /// A mapping with only `allowed` keys, as key → value node (keys in YAML order are not needed).
    func mapping(_ node: Node, key: String, allowed: [String]) throws -> [String: Node] {
        guard case let .mapping(map) = node else {
            throw StudySpecError.wrongType(file: file, key: key, line: line(node), expected: "a mapping of keys to values")
        }
        var result = [String: Node]()
        for (k, value) in map {
            let name = k.string ?? ""
            let path = key == "(top level)" ? name : "\(key).\(name)"
            guard allowed.contains(name) else {
                throw StudySpecError.unknownKey(file: file, key: path, line: line(k), allowed: allowed)
            }
            result[name] = value
        }
        return result
    }

    func require(_ map: [String: Node], _ key: String, prefix: String = "") throws -> Node {
        guard let node = map[key] else { throw StudySpecError.missingKey(file: file, key: prefix + key) }
        return node
    }

    /// A non-empty text scalar.
    func text(_ node: Node, key: String) throws -> String {
        guard case let .scalar(scalar) = node, !scalar.string.isEmpty else {
            throw StudySpecError.wrongType(file: file, key: key, line: line(node), expected: "non-empty text")
        }
        return scalar.string
    }

    /// One text or a list of texts.
    func texts(_ node: Node, key: String) throws -> [String] {
        switch node {
        case .scalar:
            return [try text(node, key: key)]
        case let .sequence(items):
            return try items.enumerated().map { try text($0.element, key: "\(key)[\($0.offset)]") }
        case .mapping:
            throw StudySpecError.wrongType(file: file, key: key, line: line(node), expected: "a name or a list of names")
        }
    }

    func number(_ node: Node, key: String, expected: String) throws -> Double {
        guard case let .scalar(scalar) = node, let value = CSVTable.parseNumber(scalar.string) else {
            throw StudySpecError.invalidValue(file: file, key: key, line: line(node), value: node.string ?? "(not a number)", expected: expected)
        }
        return value
    }

    func integer(_ node: Node, key: String, range: ClosedRange<Int>, expected: String) throws -> Int {
        guard case let .scalar(scalar) = node, let value = Int(scalar.string.trimmingSpaces()), range.contains(value) else {
            throw StudySpecError.invalidValue(file: file, key: key, line: line(node), value: node.string ?? "(not a number)", expected: expected)
        }
        return value
    }

    func seed(_ node: Node) throws -> UInt64 {
        guard case let .scalar(scalar) = node, let value = UInt64(scalar.string.trimmingSpaces()) else {
            throw StudySpecError.invalidValue(file: file, key: "seed", line: line(node), value: node.string ?? "(not a number)",
                                              expected: "a whole number from 0 to 18446744073709551615")
        }
        return value
    }

    func cohortColumn(_ node: Node) throws -> StudySpec.CohortColumn {
        let map = try mapping(node, key: "cohort", allowed: ["column", "training"])
        return StudySpec.CohortColumn(
            column: try text(require(map, "column", prefix: "cohort."), key: "cohort.column"),
            training: try text(require(map, "training", prefix: "cohort."), key: "cohort.training"))
    }

    func selection(_ node: Node) throws -> StudySpec.Selection {
        let map = try mapping(node, key: "selection", allowed: ["p", "correlation", "lasso_folds"])
        var selection = StudySpec.Selection()
        if let p = map["p"] {
            selection.p = try number(p, key: "selection.p", expected: "a p-value threshold between 0 and 1, e.g. 0.05")
            guard selection.p > 0 && selection.p <= 1 else {
                throw StudySpecError.invalidValue(file: file, key: "selection.p", line: line(p), value: "\(selection.p)",
                                                  expected: "a p-value threshold between 0 and 1, e.g. 0.05")
            }
        }
        if let r = map["correlation"] {
            selection.correlation = try number(r, key: "selection.correlation", expected: "a threshold on |r| in (0, 1], e.g. 0.75")
            guard selection.correlation > 0 && selection.correlation <= 1 else {
                throw StudySpecError.invalidValue(file: file, key: "selection.correlation", line: line(r),
                                                  value: "\(selection.correlation)", expected: "a threshold on |r| in (0, 1], e.g. 0.75")
            }
        }
        if let folds = map["lasso_folds"] {
            selection.lassoFolds = try integer(folds, key: "selection.lasso_folds", range: 2 ... 100,
                                               expected: "a whole number of folds from 2 to 100, e.g. 5")
        }
        return selection
    }

    func modalities(_ node: Node) throws -> [StudySpec.Modality] {
        guard case let .sequence(items) = node, !items.isEmpty else {
            throw StudySpecError.wrongType(file: file, key: "modalities", line: line(node), expected: "a list of modalities (name plus columns)")
        }
        var result = [StudySpec.Modality]()
        for (i, item) in items.enumerated() {
            let key = "modalities[\(i)]"
            let map = try mapping(item, key: key, allowed: ["name", "continuous", "categorical", "columns"])
            let name = try text(require(map, "name", prefix: key + "."), key: key + ".name")
            if result.contains(where: { $0.name == name }) {
                throw StudySpecError.duplicateModality(file: file, key: key + ".name", name: name)
            }
            let modality = StudySpec.Modality(
                name: name,
                continuous: try map["continuous"].map { try texts($0, key: key + ".continuous") } ?? [],
                categorical: try map["categorical"].map { try texts($0, key: key + ".categorical") } ?? [],
                columns: try map["columns"].map { try texts($0, key: key + ".columns") } ?? [])
            if modality.continuous.isEmpty && modality.categorical.isEmpty && modality.columns.isEmpty {
                throw StudySpecError.emptyModality(file: file, key: key, name: name)
            }
            result.append(modality)
        }
        return result
    }
}
