# Writes the golden PACKAGES and PACKAGES.rds of PackagesIndexTest as tools::write_PACKAGES
# would for these records (its .write_repository_package_db, but with saveRDS version 2 and no
# compression). Run with R 4.2.2 in a UTF-8 locale: Rscript make-golden.R
cols <- c(tools:::.get_standard_repository_db_fields("source"), "Title", "Author", "Path")
db <- matrix(NA_character_, 3, length(cols), dimnames = list(NULL, cols))
db[1, c("Package", "Version", "Depends", "Suggests", "License", "MD5sum", "NeedsCompilation", "Title")] <-
  c("A3", "1.0.0", "R (>= 2.15.0), xtable, pbapply", "randomForest, e1071", "GPL (>= 2)",
    "027ebdd8affce8f0effaecfcd5f5ade2", "no",
    "Accurate, Adaptable, and Accessible Error Metrics for Predictive Models")
db[2, c("Package", "Version", "Depends", "Imports", "Suggests", "License", "MD5sum", "NeedsCompilation", "Author", "Path")] <-
  c("aaSEA", "1.1.0", "R(>= 3.4.0)",
    "DT(>= 0.4), networkD3(>= 0.4), shiny(>= 1.0.5),\nshinydashboard(>= 0.7.0), magrittr(>= 1.5), Bios2cor(>= 2.0),\nseqinr(>= 3.4-5), plotly(>= 4.7.1), Hmisc(>= 4.1-1)",
    "", "GPL-3", "0f9aaefc1f1cf18b6167f85dab3180d8", "no", "G\u00e1bor Cs\u00e1rdi", "Older")
db[3, c("Package", "Version", "Priority", "Depends", "Imports", "LinkingTo", "License", "MD5sum", "NeedsCompilation", "Path")] <-
  c("survival", "3.2-13", "recommended", "R (>= 4.2)", "graphics, Matrix, methods, splines, stats, utils",
    "Rcpp", "LGPL (>= 2)", "376c8bed4f200aa4e82b1aa1dd82e864", "yes", "4.2.0/Recommended")
db[!is.na(db) & (db == "")] <- NA_character_
write.dcf(db, "PACKAGES")
rownames(db) <- db[, "Package"]
saveRDS(db, "PACKAGES.rds", compress = FALSE, version = 2)
