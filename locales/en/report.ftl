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
raw = { $text }
