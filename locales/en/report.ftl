# casebook messages (English): report
# Keys are shared with ../zh-CN/report.ftl; each message uses the same $arguments there.

## How diagnostics are shown

severity-error = error
severity-warning = warning
severity-help = help
# The closing count line of a report.
summary-errors = { $errors ->
    [one] 1 error found
   *[other] { $errors } errors found
}
summary-warnings = { $warnings ->
    [one] 1 warning
   *[other] { $warnings } warnings
}
summary-errors-warnings = { $errors ->
    [one] 1 error
   *[other] { $errors } errors
} and { $warnings ->
    [one] 1 warning
   *[other] { $warnings } warnings
} found
# Before a one-line error that is not about a place in the site.
error-line = error: { $message }
# `path:line:col: error: cause (hint: …)`, in logs and tests.
one-line-error = { $location }: error: { $message }
one-line-warning = { $location }: warning: { $message }
one-line-hint = { $line } (hint: { $hint })
# Hints that list allowed values.
allowed-values = allowed values: { $list }
did-you-mean-allowed = did you mean { $suggestion }? allowed values: { $list }
list-separator = ,{" "}
# A file or folder that could not be read or written.
io-error = { $doing } { $path }: { $cause }

## What was being done when a file or folder failed ($doing of io-error)
io-cannot-read = cannot read
io-cannot-write = cannot write
io-cannot-create = cannot create
io-cannot-read-theme-file = cannot read theme file

## Why a file or folder failed ($cause of io-error), by the kind of failure
io-not-found = no such file or folder
io-permission-denied = permission denied
io-already-exists = it already exists
io-invalid-data = its content is not valid (a text file must be UTF-8)
io-storage-full = the disk is full
io-read-only = the disk is read-only
io-is-a-folder = it is a folder, not a file
io-not-a-folder = a part of the path is a file, not a folder
io-folder-not-empty = the folder is not empty
io-file-too-large = the file is too large
io-invalid-filename = the file name is not valid (too long, or a character the system does not allow)
io-busy = another program is using it; close that program and try again
io-timed-out = the disk or network did not answer in time
io-unexpected-eof = the file ends too early (was it cut short?)
io-out-of-memory = not enough memory
io-unsupported = the system does not support this
# Any other failure: the system's own words.
io-other = { $text }

## Errors of the site as a whole (exit status 2)
err-root-unusable = --root { $path }: { $cause }
err-root-not-a-site = { $path } holds no { $file }; run `casebook init` to make a new site
err-no-working-folder = cannot read the current folder: { $cause }
err-no-site-here = no { $file } here or in any parent folder; run `casebook init` or pass --root
err-theme-not-found = theme "{ $theme }" not found in themes/
err-theme-not-found-hint = create themes/<name>/templates/, or remove `theme` to use the built-in default theme
