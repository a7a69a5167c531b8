// SentinelLearn: selection and learners, scikit-learn shaped (configuration struct →
// `fit(...) throws -> Fitted`, `Fitted` plain Codable data). Inputs are `Matrix` (row-major
// Double, rows = samples) and 0/1 `[Int]` labels; all randomness comes from a caller-supplied
// `SeededGenerator`.
//
//   Preprocessing/  StandardScaler                     (sklearn StandardScaler)
//   Validation/     StratifiedKFold, FoldSplit         (seeded or explicit folds)
//   Linear/         Lasso, LassoCV                     (exact active-set path = sklearn's optimum; sklearn CD as .coordinateDescent)
//                   LogisticRegression                 (exact Newton, = sklearn LogisticRegression(C = 1/(αn)))
//                   SGDLogisticRegression(+CV)         (averaged variance-reduced SGD run to the optimum)
//   SVM/            SVC, PlattScaling                  (libsvm SMO WSS3 + shrinking, libsvm Platt)
//
// Every numerical result is pinned by scikit-learn fixtures in Tests/Fixtures/learn/.
