/// Table 1: clinical characteristics per cohort, split by outcome, with a test per variable.
public struct Table1Summary: Codable, Sendable, Equatable {
    public var outcomeName: String
    public var cohorts: [Table1Cohort]
    public init(outcomeName: String, cohorts: [Table1Cohort]) {
        self.outcomeName = outcomeName
        self.cohorts = cohorts
    }
    enum CodingKeys: String, CodingKey { case outcomeName = "outcome_name", cohorts }
}

/// One cohort's Table 1 columns: outcome-negative and outcome-positive patients.
public struct Table1Cohort: Codable, Sendable, Equatable {
    public var name: String
    public var negatives: Int
    public var positives: Int
    public var variables: [Table1Variable]
    public init(name: String, negatives: Int, positives: Int, variables: [Table1Variable]) {
        self.name = name; self.negatives = negatives; self.positives = positives; self.variables = variables
    }
}

/// One variable's summaries in the two outcome groups and its test.
public struct Table1Variable: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case continuous, categorical }
    public var name: String
    public var kind: Kind
    /// Category levels (categorical only), in display order.
    public var levels: [String]
    /// [outcome 0, outcome 1].
    public var groups: [Table1Group]
    public var p: Double?
    /// The test behind `p`, e.g. "Mann-Whitney U test".
    public var test: String?
    public init(name: String, kind: Kind, levels: [String] = [], groups: [Table1Group], p: Double?, test: String?) {
        self.name = name; self.kind = kind; self.levels = levels; self.groups = groups; self.p = p; self.test = test
    }
}

/// Summary of one variable in one outcome group.
public struct Table1Group: Codable, Sendable, Equatable {
    public var n: Int
    public var missing: Int
    public var median: Double?
    public var q1: Double?
    public var q3: Double?
    public var mean: Double?
    public var sd: Double?
    /// Counts per level (categorical only), aligned with `Table1Variable.levels`.
    public var counts: [Int]
    public init(n: Int, missing: Int, median: Double? = nil, q1: Double? = nil, q3: Double? = nil,
                mean: Double? = nil, sd: Double? = nil, counts: [Int] = []) {
        self.n = n; self.missing = missing; self.median = median; self.q1 = q1; self.q3 = q3
        self.mean = mean; self.sd = sd; self.counts = counts
    }
}
