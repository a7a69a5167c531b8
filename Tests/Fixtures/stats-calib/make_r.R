#!/usr/bin/env Rscript
# R reference values for Sentinel calibration: stats::lowess, rms::val.prob and the
# Hosmer-Lemeshow test of ResourceSelection::hoslem.test (written out below with base R,
# since that package is not installed). Reads cases.json, writes r.json.
# R 4.2.2, rms 6.5.0.  Run: Rscript make_r.R
suppressPackageStartupMessages({ library(jsonlite); library(rms) })
input <- fromJSON("cases.json", simplifyVector = TRUE)
cases <- input$cases
smooth <- input$smooth

# Keep every fitted value for n <= 600, else a deterministic subsample of sorted positions.
keep <- function(n) if (n <= 600) seq_len(n) else unique(c(seq(1, n, by = 23), n))

lowess_entry <- function(x, y, f = 2/3, iter = 3L, delta = 0.01 * diff(range(x))) {
  fit <- lowess(x, y, f = f, iter = iter, delta = delta)
  k <- keep(length(x))
  list(f = f, iter = iter, delta = delta, index = I(k - 1L), x = I(fit$x[k]), y = I(fit$y[k]))
}

# val.prob's smoothed-calibration errors, replicated step by step (plus E50, Austin & Steyerberg).
smoothed_errors <- function(p, y) {
  Sm <- lowess(p, y, iter = 0)
  # approx() needs two distinct x; with constant p every smoothed value is the same.
  cal <- if (length(unique(p)) == 1) rep(Sm$y[1], length(p)) else approx(Sm, xout = p, ties = mean)$y
  er <- abs(p - cal)
  list(eavg = mean(er), e50 = median(er), e90 = unname(quantile(er, 0.9)), emax = max(er))
}

# ResourceSelection::hoslem.test(x = y, y = p, g): quantile breaks (type 7, de-duplicated),
# cut(include.lowest = TRUE), chi-square over both outcome columns, df = g - 2.
# One deliberate difference: groups with no patients (only when n is small relative to g)
# are skipped; hoslem.test itself returns NaN then (0/0). `hoslem_nan` records that case.
hoslem <- function(y, p, g = 10) {
  qq <- unique(quantile(p, probs = seq(0, 1, 1 / g)))
  if (length(qq) < 2) return(NULL)
  cutp <- cut(p, breaks = qq, include.lowest = TRUE)
  obs <- xtabs(cbind(1 - y, y) ~ cutp)
  expd <- xtabs(cbind(1 - p, p) ~ cutp)
  full <- sum((obs - expd)^2 / expd)
  used <- rowSums(obs) > 0
  chisq <- sum(((obs - expd)^2 / expd)[used, ])
  list(statistic = chisq, df = g - 2, p = 1 - pchisq(chisq, g - 2), groups = sum(used),
       hoslem_nan = !is.finite(full))
}

out_cases <- lapply(seq_len(nrow(cases)), function(i) {
  p <- cases$p[[i]]; y <- cases$y[[i]]
  vp <- tryCatch(suppressWarnings(val.prob(p, y, pl = FALSE)), error = function(e) NULL)
  # rms 6.5.0's constant-prediction branch returns 19 values for 18 names (shifted): unusable.
  if (length(unique(p)) == 1) vp <- NULL
  se <- smoothed_errors(p, y)
  if (!is.null(vp)) stopifnot(abs(se$eavg - vp[["Eavg"]]) < 1e-12, abs(se$emax - vp[["Emax"]]) < 1e-12,
                              abs(se$e90 - vp[["E90"]]) < 1e-12)
  hl <- tryCatch(hoslem(y, p, 10), error = function(e) NULL)
  if (!is.null(hl) && !is.finite(hl$statistic)) hl <- NULL
  list(name = cases$name[i],
       val_prob = if (is.null(vp)) NULL else as.list(vp[c("Brier", "Intercept", "Slope", "Emax", "E90", "Eavg", "S:z", "S:p")]),
       smoothed_errors = se,
       hosmer_lemeshow = hl,
       lowess_iter3 = lowess_entry(p, y),
       lowess_iter0 = lowess_entry(p, y, iter = 0L))
})

out_smooth <- lapply(seq_len(nrow(smooth)), function(i) {
  x <- smooth$x[[i]]; y <- smooth$y[[i]]
  r <- if (length(x) > 1) diff(range(x)) else 0
  list(name = smooth$name[i], fits = list(
    lowess_entry(x, y),
    lowess_entry(x, y, f = 0.3, iter = 0L),
    lowess_entry(x, y, f = 1, iter = 4L, delta = 0),
    lowess_entry(x, y, f = 0.1, iter = 3L, delta = 0.05 * r),
    lowess_entry(x, y, f = 0.5, iter = 2L, delta = 0)))
})

write_json(list(r_version = R.version.string, rms_version = as.character(packageVersion("rms")),
                cases = out_cases, smooth = out_smooth),
           "r.json", digits = NA, auto_unbox = TRUE, null = "null", na = "null")
cat("wrote r.json\n")
