# DemoTools (lt_single_mx): the single-year life tables of every year and sex of a tidy mx
# file (year,sex,age,open_age,value), written as one CSV. Timed from outside as a whole
# process by Benchmarks/peers-r/run.sh, against `popproj lifetable --mx FILE --out OUT`.
# Usage: Rscript demotools_lifetables.R MX.csv OUT.csv
args <- commandArgs(trailingOnly = TRUE)
suppressMessages(library(DemoTools))
mx <- read.csv(args[1])
tables <- list()
for (y in sort(unique(mx$year))) for (s in c("female", "male")) {
  rows <- mx[mx$year == y & mx$sex == s, ]
  rows <- rows[order(rows$age), ]
  lt <- lt_single_mx(nMx = rows$value, Age = rows$age, Sex = substr(s, 1, 1), a0rule = "ak", OAnew = max(rows$age))
  lt$year <- y; lt$sex <- s
  tables[[length(tables) + 1]] <- lt
}
write.csv(do.call(rbind, tables), args[2], row.names = FALSE)
