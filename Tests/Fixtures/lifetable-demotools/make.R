# Reference outputs of DemoTools for Tests/DemographyTests/LifeTable/DemoToolsLifeTableTests.swift.
# Run from this folder: R_LIBS=<library with DemoTools 01.13.77> Rscript make.R
suppressMessages(library(DemoTools))
fx <- "../"
lt <- read.csv(file.path(fx, "lifetables/mx.csv"))
de <- read.csv(file.path(fx, "lifetables/deaths_exposures.csv"))
ca <- read.csv(file.path(fx, "canada1x1/mx.csv"))
cp <- read.csv(file.path(fx, "canada1x1/pop_base.csv"))
un <- lt[lt$case == "un1982_p34_male", ]
mp <- lt[lt$case == "mortpak1988_p82_female", ]
Age_un <- un$age; Age_mp <- mp$age
f <- function(x) trimws(formatC(x, digits = 17, format = "g"))
out <- NULL
add <- function(name, tab) {
  cols <- c("nMx", "nAx", "nqx", "lx", "ndx", "nLx", "Tx", "ex")
  for (cl in cols) out <<- rbind(out, data.frame(case = name, column = cl, age = tab$Age, value = f(tab[[cl]])))
}
add("un1982_pas", lt_abridged(nMx = un$value, Age = Age_un, axmethod = "pas", Sex = "m"))
add("un1982_un", lt_abridged(nMx = un$value, Age = Age_un, axmethod = "un", Sex = "m", mod = TRUE))
add("un1982_un_mod_false", lt_abridged(nMx = un$value, Age = Age_un, axmethod = "un", Sex = "m", mod = FALSE))
add("un1982_un_both_sexes", lt_abridged(nMx = un$value, Age = Age_un, axmethod = "un", Sex = "b", SRB = 1.05))
add("un1982_pas_kannisto_130", lt_abridged(nMx = un$value, Age = Age_un, axmethod = "pas", Sex = "m",
                                           extrapLaw = "kannisto", OAnew = 130))
add("mortpak1988_un_100", lt_abridged(nMx = mp$value, Age = Age_mp, axmethod = "un", Sex = "f", mod = FALSE, OAnew = 100))
add("mortpak1988_pas_gompertz_110", lt_abridged(nMx = mp$value, Age = Age_mp, axmethod = "pas", Sex = "f",
                                                extrapLaw = "gompertz", OAnew = 110))
add("pas_deaths_exposures", lt_abridged(Deaths = de$deaths, Exposures = de$exposures, Age = de$age,
                                        axmethod = "pas", IMR = 0.1, region = "n", Sex = "m", a0rule = "cd"))
# Single years: Canada 2019 females (UN WPP 2019 inputs), 100+, extended to 110 by Kannisto fitted at 80-99.
cf <- ca[ca$year == 2019 & ca$sex == "female", ]
add("canada2019_female_single_kannisto_110", lt_single_mx(nMx = cf$value, Age = cf$age, Sex = "f",
                                                          extrapLaw = "kannisto", extrapFit = 80:99, OAnew = 110))
# Both sexes from sex-specific rates weighted by population (Canada 1950 rates and population).
m50 <- ca[ca$year == 1950, ]; p50 <- cp[cp$year == 1950, ]
mf <- m50$value[m50$sex == "female"]; mm <- m50$value[m50$sex == "male"]
pf <- p50$value[p50$sex == "female"]; pm <- p50$value[p50$sex == "male"]
mb <- (mf * pf + mm * pm) / (pf + pm)
add("canada1950_both_sexes_single", lt_single_mx(nMx = mb, Age = 0:100, Sex = "b", SRB = 1.05,
                                                 extrapLaw = "kannisto", extrapFit = 80:99))
write.csv(out, "tables.csv", row.names = FALSE, quote = FALSE)
# Rates extrapolated by each law (lt_rule_m_extrapolate): Canada 2019 females fitted at 80-99, 100..130;
# UN 1982 males fitted at 60-80, 85..130 by 5.
ex <- NULL
for (law in c("kannisto", "kannisto_makeham", "gompertz", "makeham", "ggompertz", "beard", "beard_makeham", "quadratic")) {
  r <- suppressWarnings(lt_rule_m_extrapolate(cf$value, cf$age, x_fit = 80:99, x_extr = 100:130, law = law))
  v <- r$values
  ex <- rbind(ex, data.frame(case = "canada2019_female", law = law, age = names2age(v), value = f(as.numeric(v)),
                             fitted_law = r$fitted.model$info$model.info$CODE[1]))
  r <- suppressWarnings(lt_rule_m_extrapolate(un$value, Age_un, x_fit = seq(60, 80, 5), x_extr = seq(85, 130, 5), law = law))
  v <- r$values
  ex <- rbind(ex, data.frame(case = "un1982_male", law = law, age = names2age(v), value = f(as.numeric(v)),
                             fitted_law = r$fitted.model$info$model.info$CODE[1]))
}
write.csv(ex, "extrapolated.csv", row.names = FALSE, quote = FALSE)
