# Writes the golden .rds files of RdsWriterTest (R 4.2.2, in a UTF-8 locale): Rscript make-golden.R
saveRDS(c("a", NA, "\u00e9", "", "\u4e2d\U0001F600"), "strings.rds", compress = FALSE, version = 2)
m <- matrix(c("1.0", NA, "x", "\u00e9t\u00e9"), 2, 2, dimnames = list(c("a", "b"), c("Version", "Note")))
saveRDS(m, "matrix.rds", compress = FALSE, version = 2)
ct <- function(x) structure(x, class = c("POSIXct", "POSIXt"))
df <- data.frame(size = c(1234, NA), isdir = c(FALSE, NA), mode = c(420L, NA),
  mtime = ct(c(1600000000.5, NA)), ctime = ct(c(1600000001, 1)), atime = ct(c(1600000002, 2)),
  uid = c(1000L, NA), gid = c(1000L, 0L), uname = c("cran", NA), grname = c("cran", "root"),
  row.names = c("A3/A3_0.9.1.tar.gz", "A3/A3_0.9.2.tar.gz"))
class(df$mode) <- "octmode"
x <- list(A3 = df, abc = df[0, ])
saveRDS(x, "archive.rds", compress = FALSE, version = 2)
saveRDS(list(NULL, TRUE, c(1.5, -Inf, NaN), 1:3), "misc.rds", compress = FALSE, version = 2)
# RdsReaderTest: the same archive as saveRDS writes it by default (gzip, version 3), and R's
# compact forms (an ALTREP integer sequence, automatic row names c(NA, -n)).
saveRDS(x, "archive-v3.rds")
saveRDS(list(seq = 1:5, df = data.frame(a = c(1.5, 2), b = c("x", "y")), lat = iconv("caf\u00e9", "UTF-8", "latin1")), "compact-v3.rds")
