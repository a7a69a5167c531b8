#!/usr/bin/env Rscript
# Reference values for ROCCurve.auc / DeLong / DeLongComparison from pROC (1.18).
# Run: Rscript make_delong.R > delong.json
# Every roc() uses levels = c(0, 1) (1 = case) and direction = "<" (higher score = case),
# i.e. no direction guessing, as Sentinel.
suppressMessages(library(pROC))
options(warn = -1)
num <- function(x) {
  if (is.na(x)) return('"NA"')
  if (is.infinite(x)) return(if (x > 0) '"Inf"' else '"-Inf"')
  sprintf("%.17g", x)
}
vec <- function(x) paste0("[", paste(vapply(x, num, ""), collapse = ","), "]")

cases <- list()
add <- function(name, labels, models, level = 0.95) {
  cases[[length(cases) + 1]] <<- list(name = name, labels = as.integer(labels),
                                      models = models, level = level)
}
set.seed(20250909)
sim <- function(n, prev, shift, k = 2, rho = 0.5) {
  y <- rbinom(n, 1, prev)
  if (sum(y) < 2) y[1:2] <- 1
  if (sum(1 - y) < 2) y[3:4] <- 0
  common <- rnorm(n)
  ms <- lapply(seq_len(k), function(j) plogis(shift[j] * y + sqrt(rho) * common + sqrt(1 - rho) * rnorm(n) - 1))
  list(y = y, ms = ms)
}
add("tiny 2+2 distinct", c(0, 1, 0, 1), list(c(0.1, 0.4, 0.35, 0.8), c(0.2, 0.3, 0.5, 0.6)))
add("tiny 2+2 ties", c(1, 0, 1, 0), list(c(0.5, 0.5, 0.7, 0.2), c(0.3, 0.3, 0.3, 0.9)))
add("tiny 3+2", c(1, 1, 1, 0, 0), list(c(3, 2, 1, 2, 0), c(1, 5, 2, 4, 3)), 0.9)
add("10+10 distinct", rep(c(0, 1), 10), list(as.numeric(1:20), as.numeric(c(2:20, 1))))
s <- sim(5000, 0.3, c(1.2, 0.9)); add("n=5000 continuous", s$y, s$ms)
s <- sim(505, 0.01, c(2, 1)); s$y[] <- 0; s$y[1:5] <- 1
s$ms <- lapply(s$ms, function(m) m + 0.3 * s$y); add("imbalance 5 vs 500", s$y, s$ms, 0.99)
s <- sim(408, 0.98, c(1.5, 0.5)); s$y[] <- 1; s$y[1:8] <- 0; add("imbalance 400 vs 8", s$y, s$ms)
y <- rep(c(0, 1), c(30, 20)); a <- c(runif(30, 0, 0.4), runif(20, 0.6, 1)); b <- runif(50)
add("perfect separation vs noise", y, list(a, b))
add("both perfect", y, list(a, a^2 + 0.01))
add("constant vs informative", y, list(rep(0.3, 50), a + rnorm(50, 0, 0.3)))
add("both constant", y, list(rep(0.3, 50), rep(0.7, 50)))
add("perfect vs constant", y, list(a, rep(0.5, 50)))
s <- sim(200, 0.4, c(1, 0.6)); add("discrete 1-5", s$y, lapply(s$ms, function(m) as.numeric(cut(m, 5, labels = FALSE))))
s <- sim(150, 0.5, c(1, 0.6)); add("binary scores", s$y, lapply(s$ms, function(m) as.numeric(m > 0.4)), 0.9)
s <- sim(120, 0.35, c(1, 1)); add("identical models", s$y, list(s$ms[[1]], s$ms[[1]]))
s <- sim(180, 0.3, c(-1.5, 0.8)); add("worse than chance", s$y, s$ms)
add("perfect reversal", y, list(1 - a, b))
s <- sim(250, 0.3, c(1, 1)); add("near identical", s$y, list(s$ms[[1]], s$ms[[1]] + rnorm(250, 0, 2e-2)))
s <- sim(100, 0.4, c(1.5, 1, 0.5), k = 3); add("three models n=100", s$y, s$ms)
s <- sim(300, 0.3, c(1, 1.3)); add("rounded to 2 decimals", s$y, lapply(s$ms, function(m) round(m, 2)))
s <- sim(1000, 0.25, c(0.8, 0.8), rho = 0.9); add("n=1000 discrete ties", s$y, lapply(s$ms, function(m) round(m * 8)), 0.99)
y87 <- rep(c(1, 0), c(24, 63))
add("paper size 87/24", y87, lapply(c(2, 1.5, 1), function(sh) plogis(sh * y87 + rnorm(87) - 1)))
s <- sim(2000, 0.2, c(1.3, 1.4), rho = 0.2); add("n=2000 logistic", s$y, s$ms)
s <- sim(60, 0.5, c(3, 0.1)); add("strong vs weak n=60", s$y, s$ms)
add("tiny 2+3 reversed ties", c(1, 1, 0, 0, 0), list(c(0.1, 0.5, 0.5, 0.9, 0.9), c(0.4, 0.6, 0.5, 0.5, 0.1)), 0.8)

out <- character(0)
for (cs in cases) {
  y <- cs$labels
  rocs <- lapply(cs$models, function(m) roc(y, m, levels = c(0, 1), direction = "<", quiet = TRUE))
  K <- length(rocs)
  aucs <- vapply(rocs, function(r) as.numeric(auc(r)), 0)
  vars <- vapply(rocs, function(r) var(r, method = "delong"), 0)
  covm <- matrix(0, K, K)
  for (i in 1:K) for (j in 1:K) covm[i, j] <- if (i == j) vars[i] else cov(rocs[[i]], rocs[[j]], method = "delong")
  cis <- lapply(rocs, function(r) as.numeric(ci.auc(r, method = "delong", conf.level = cs$level)))
  tests <- character(0)
  for (i in 1:(K - 1)) for (j in (i + 1):K) {
    t <- roc.test(rocs[[i]], rocs[[j]], paired = TRUE, method = "delong", conf.level = cs$level)
    tests <- c(tests, sprintf('{"a":%d,"b":%d,"z":%s,"p":%s,"lower":%s,"upper":%s}', i - 1, j - 1,
                              num(unname(t$statistic)), num(t$p.value), num(t$conf.int[1]), num(t$conf.int[2])))
  }
  out <- c(out, sprintf(paste0('{"name":"%s","level":%s,"labels":[%s],"models":[%s],"aucs":%s,',
                               '"covariance":[%s],"ci_lower":%s,"ci_upper":%s,"tests":[%s]}'),
                        cs$name, num(cs$level), paste(y, collapse = ","),
                        paste(vapply(cs$models, vec, ""), collapse = ","), vec(aucs),
                        paste(apply(covm, 1, vec), collapse = ","),
                        vec(vapply(cis, function(c) c[1], 0)), vec(vapply(cis, function(c) c[3], 0)),
                        paste(tests, collapse = ",")))
}
cat(sprintf('{"reference":"R %s, pROC %s","cases":[\n%s\n]}\n', getRversion(), packageVersion("pROC"),
            paste(out, collapse = ",\n")))
