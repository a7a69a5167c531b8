import Foundation
import SentinelStudy

/// The machine-readable tables written beside a report (`tables/*.csv`), numbers kept as
/// numbers (full precision, empty cell for not available).
public enum ResultTables {
    /// Table 2: one row per cohort and model.
    public static func table2(_ results: StudyResults) -> Data {
        var csv = CSVBuilder(header: [
            "cohort", "model", "n", "positives", "auc", "auc_ci_lower", "auc_ci_upper", "auc_se",
            "auc_boot_lower", "auc_boot_upper", "threshold", "tp", "fp", "tn", "fn",
            "accuracy", "accuracy_ci_lower", "accuracy_ci_upper",
            "sensitivity", "sensitivity_ci_lower", "sensitivity_ci_upper",
            "specificity", "specificity_ci_lower", "specificity_ci_upper",
            "ppv", "ppv_ci_lower", "ppv_ci_upper", "npv", "npv_ci_lower", "npv_ci_upper",
            "brier", "scaled_brier", "calibration_intercept", "calibration_slope", "ici", "e50", "e90", "emax",
        ])
        for c in results.cohorts {
            for m in c.models {
                csv.appendField(c.name); csv.appendField(m.name)
                csv.appendField(c.n); csv.appendField(c.positives)
                add(&csv, m.auc); add(&csv, m.aucCI); add(&csv, m.aucSE); add(&csv, m.aucCIBootstrap)
                add(&csv, m.threshold)
                csv.appendField(m.tp); csv.appendField(m.fp); csv.appendField(m.tn); csv.appendField(m.fn)
                add(&csv, m.accuracy); add(&csv, m.accuracyCI)
                add(&csv, m.sensitivity); add(&csv, m.sensitivityCI)
                add(&csv, m.specificity); add(&csv, m.specificityCI)
                add(&csv, m.ppv); add(&csv, m.ppvCI)
                add(&csv, m.npv); add(&csv, m.npvCI)
                add(&csv, m.brier); add(&csv, m.scaledBrier)
                add(&csv, m.calibrationIntercept); add(&csv, m.calibrationSlope)
                add(&csv, m.ici); add(&csv, m.e50); add(&csv, m.e90); add(&csv, m.emax)
                csv.endRow()
            }
        }
        return csv.data
    }

    /// Table 3: one row per cohort and compared pair.
    public static func table3(_ results: StudyResults) -> Data {
        var csv = CSVBuilder(header: ["cohort", "model_a", "model_b", "method", "auc_difference",
                                      "difference_ci_lower", "difference_ci_upper", "z", "p"])
        for c in results.cohorts {
            for cmp in c.comparisons {
                csv.appendField(c.name); csv.appendField(cmp.a); csv.appendField(cmp.b); csv.appendField(cmp.method)
                add(&csv, cmp.aucDifference); add(&csv, cmp.differenceCI); add(&csv, cmp.z); add(&csv, cmp.p)
                csv.endRow()
            }
        }
        return csv.data
    }

    /// Table 1 in long form: cohort, variable, level, group statistics, p and test.
    public static func table1(_ t1: Table1Summary) -> Data {
        var csv = CSVBuilder(header: ["cohort", "variable", "level", "group", "n", "missing", "count",
                                      "median", "q1", "q3", "mean", "sd", "p", "test"])
        for c in t1.cohorts {
            for v in c.variables {
                for (g, group) in v.groups.enumerated() {
                    let levels = v.kind == .categorical ? Array(v.levels.enumerated()) : [(0, "")]
                    for (li, level) in levels {
                        csv.appendField(c.name); csv.appendField(v.name); csv.appendField(level)
                        csv.appendField("\(t1.outcomeName)=\(g)")
                        csv.appendField(group.n); csv.appendField(group.missing)
                        if v.kind == .categorical { csv.appendField(li < group.counts.count ? group.counts[li] : 0) } else { csv.appendField("") }
                        add(&csv, group.median); add(&csv, group.q1); add(&csv, group.q3); add(&csv, group.mean); add(&csv, group.sd)
                        add(&csv, v.p); csv.appendField(v.test ?? "")
                        csv.endRow()
                    }
                }
            }
        }
        return csv.data
    }

    private static func add(_ csv: inout CSVBuilder, _ value: Double?) {
        if let v = value, v.isFinite { csv.appendField(v) } else { csv.appendField("") }
    }

    private static func add(_ csv: inout CSVBuilder, _ pair: [Double]?) {
        add(&csv, pair.flatMap { $0.count == 2 ? $0[0] : nil })
        add(&csv, pair.flatMap { $0.count == 2 ? $0[1] : nil })
    }
}
