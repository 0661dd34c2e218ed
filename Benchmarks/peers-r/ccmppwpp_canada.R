# The whole job a ccmppWPP user runs for Canada 1x1 (1950-2020): load the package and its
# shipped inputs (canada_wpp_1950_2020_ccmpp_inputs_1x1), validate them into its input list,
# project with project_ccmpp_loop_over_time, reshape to long tables and write the population
# as CSV. Timed from outside as a whole process by Benchmarks/peers-r/run.sh.
# Usage: Rscript ccmppwpp_canada.R OUT.csv
args <- commandArgs(trailingOnly = TRUE)
suppressMessages(library(ccmppWPP))
e <- new.env()
data("canada_wpp_1950_2020_ccmpp_inputs_1x1", package = "ccmppWPP", envir = e)
inputs <- as_ccmpp_input_list(e$canada_wpp_1950_2020_ccmpp_inputs_1x1)
projected <- project_ccmpp_loop_over_time(indata = inputs)
tables <- ccmppWPP:::data_reshape_ccmpp_output(ccmpp_output = projected)
write.csv(tables$pop_count_age_sex, args[1], row.names = FALSE)
