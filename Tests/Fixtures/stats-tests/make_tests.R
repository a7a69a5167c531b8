# R reference values for SentinelStats hypothesis tests; called by make_tests.py:
#   Rscript make_tests.R inputs.json outputs.json
# Uses only base R `stats` (wilcox.test, t.test, shapiro.test, chisq.test, fisher.test).
suppressMessages(library(jsonlite))
args <- commandArgs(trailingOnly = TRUE)
inp <- fromJSON(args[1], simplifyVector = FALSE)
num <- function(v) as.numeric(unlist(v))
# jsonlite prints at most 15 significant digits: pass numbers as "%.17g" strings instead.
s17 <- function(v) if (is.null(v) || length(v) == 0 || is.na(v)) NA else sprintf("%.17g", unname(v))
two <- lapply(inp$two_sample, function(case) {
  x <- num(case$x); y <- num(case$y)
  w <- suppressWarnings(wilcox.test(x, y))
  exact <- length(x) < 50 && length(y) < 50 && length(unique(c(x, y))) == length(c(x, y))
  st <- tryCatch({ r <- t.test(x, y, var.equal = TRUE); list(t = s17(r$statistic), p = s17(r$p.value), df = s17(r$parameter)) },
                 error = function(e) NULL)
  we <- tryCatch({ r <- t.test(x, y); list(t = s17(r$statistic), p = s17(r$p.value), df = s17(r$parameter)) },
                 error = function(e) NULL)
  sx <- tryCatch(s17(shapiro.test(x)$p.value), error = function(e) NA)
  sy <- tryCatch(s17(shapiro.test(y)$p.value), error = function(e) NA)
  list(mw_w = s17(w$statistic), mw_p = s17(w$p.value), mw_exact = exact,
       student = st, welch = we, shapiro_x = sx, shapiro_y = sy)
})
sw <- lapply(inp$shapiro, function(x) { r <- shapiro.test(num(x)); list(w = s17(r$statistic), p = s17(r$p.value)) })
tables <- lapply(inp$tables, function(t) {
  m <- do.call(rbind, lapply(t, num))
  keep_r <- rowSums(m) > 0; keep_c <- colSums(m) > 0
  m <- m[keep_r, keep_c, drop = FALSE]
  cs <- suppressWarnings(chisq.test(m, correct = FALSE))
  fe <- fisher.test(m, workspace = 2e8)
  list(chi2 = s17(cs$statistic), chi2_df = s17(cs$parameter), chi2_p = s17(cs$p.value), fisher_p = s17(fe$p.value))
})
write(toJSON(list(two_sample = two, shapiro = sw, tables = tables), auto_unbox = TRUE, null = "null", na = "null"), args[2])
