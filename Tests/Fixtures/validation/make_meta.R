# Reference DerSimonian-Laird pooling for RandomEffectsMeta / PooledAUC tests.
# Run: Rscript make_meta.R > meta_dl.json  (from Tests/Fixtures/validation)   (R metafor::rma(yi, sei=, method="DL"))
suppressMessages(library(metafor))
cases <- list(
  list(name = "heterogeneous_aucs", aucs = c(0.82, 0.71, 0.90, 0.65, 0.78), se = c(0.03, 0.05, 0.02, 0.06, 0.04)),
  list(name = "homogeneous_tau_zero", aucs = c(0.80, 0.81, 0.79), se = c(0.05, 0.06, 0.04)),
  list(name = "two_sites", aucs = c(0.70, 0.88), se = c(0.04, 0.03)),
  list(name = "one_site", aucs = c(0.75), se = c(0.05)),
  list(name = "eight_unequal", aucs = c(0.55, 0.62, 0.93, 0.77, 0.81, 0.68, 0.99, 0.72),
       se = c(0.08, 0.02, 0.01, 0.05, 0.03, 0.07, 0.005, 0.04)),
  list(name = "identical", aucs = c(0.8, 0.8, 0.8, 0.8), se = c(0.05, 0.05, 0.05, 0.05))
)
out <- lapply(cases, function(c) {
  yi <- qlogis(c$aucs); sei <- c$se / (c$aucs * (1 - c$aucs))
  r <- rma(yi, sei = sei, method = "DL")
  list(name = c$name, aucs = I(c$aucs), auc_se = I(c$se), yi = I(yi), sei = I(sei),
       estimate = as.numeric(r$b), se = r$se, lower = r$ci.lb, upper = r$ci.ub,
       tau2 = r$tau2, i2 = r$I2 / 100, h2 = r$H2, q = r$QE, q_p = r$QEp,
       pooled_auc = plogis(as.numeric(r$b)), pooled_lower = plogis(r$ci.lb), pooled_upper = plogis(r$ci.ub))
})
cat(jsonlite::toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE))
