# casebook messages (English): cli
# Keys are shared with ../zh-CN/cli.ftl; each message uses the same $arguments there.

## The command line: --help of every command, and usage errors

cli-about = Static site generator for typical reform case compilations (改革典型案例汇编)
cli-usage-heading = Usage:{" "}
cli-usage-options = [OPTIONS]
cli-value-command = COMMAND
cli-heading-commands = Commands
cli-heading-arguments = Arguments
cli-heading-options = Options
cli-help = Print help
cli-version = Print the version
cli-help-about = Print the help of casebook or of one of its commands
cli-help-usage = casebook help [COMMAND]
cli-more-help = For more information, try '--help'.
cli-unknown-lang = "{ $value }" is not a language casebook speaks: use zh-CN or en

cli-arg-root = Site folder (default: the nearest folder upwards holding casebook.toml)
cli-arg-quiet = Print only errors
cli-arg-verbose = Print more detail
cli-arg-lang = Language of messages and help: zh-CN or en (default: the site's language, else the system's; also CASEBOOK_LANG)

cli-build-about = Build the site into public/ (or --output)
cli-build-arg-output = Folder to write the site into (default: public/); replaced whole; also --output-dir
cli-build-arg-drafts = Include documents marked draft = true
cli-build-arg-base_url = Override base_url from casebook.toml
cli-build-arg-offline = Relative links naming index.html, for opening from file://

cli-serve-about = Build, serve on localhost, watch and reload the browser on every save (also: casebook server)
cli-serve-arg-port = Port [default: 1111, or the next free one if it is taken]; a port given here must be free; 0: any free port
cli-serve-arg-bind = Address to listen on (default: 127.0.0.1; other machines also need --allow-host)
cli-serve-arg-drafts = Include documents marked draft = true
cli-serve-arg-open = Open the site in the default browser
cli-serve-arg-allow_host = Also answer requests for this host name or address (NAME or NAME:PORT; repeatable), e.g. to reach the preview from another machine with --bind 0.0.0.0
cli-serve-arg-base_url = Address the preview's pages use for the site (default: http://127.0.0.1:PORT/), e.g. http://192.168.1.5:1111/ to open it from another machine; its host is then answered too

cli-bundle-about = Build for offline use (file://) and zip it, with a manifest of SHA-256 sums
cli-bundle-arg-output = Zip file to write (default: dist/<site-slug>.zip)

cli-pdf-about = Typeset a compilation as a print-ready PDF (编印; GB/T 9704 layout by default)
cli-pdf-arg-slug = The compilation's slug (may be left out when the site has only one)
cli-pdf-arg-output = PDF file to write (default: dist/<slug>.pdf); replaced whole
cli-pdf-arg-drafts = Include cases marked draft = true

cli-docx-about = Write a compilation as an editable Word document (.docx) in 公文 styles
cli-docx-arg-slug = The compilation's slug (may be left out when the site has only one)
cli-docx-arg-output = Word file to write (default: dist/<slug>.docx); replaced whole
cli-docx-arg-drafts = Include cases marked draft = true

cli-import-about = Import Word submissions (.docx) as new cases or summaries, with a report of each
cli-import-arg-inputs = .docx files, or folders whose .docx files are all imported
cli-import-arg-kind = What each file becomes: case (a case, under content/cases/<year>/; the default) or summary (an achievement summary, under content/summaries/<year>/)
cli-import-arg-into = Folder to write into (default: content/cases/<year>/ or content/summaries/<year>/)
cli-import-arg-dry_run = Print what would be written, write nothing

cli-check-about = Validate content, links and templates without writing anything
cli-check-arg-drafts = Also check documents marked draft = true

cli-stats-about = Print the figures of data/stats.json
cli-stats-arg-json = Print the JSON of data/stats.json

cli-export-about = Write the ledger (台账) as CSV for Excel
cli-export-arg-output = File to write (default: standard output)

cli-init-about = Create a new site with one example of each document type
cli-init-arg-dir = Folder to create the site in (default: the current folder; made if missing)
cli-init-arg-force = Add the example files to a non-empty folder

cli-new-about = Create a new document from the theme's archetype
cli-new-arg-kind = The kind of document: case (under content/cases/<year>/), summary (content/summaries/), brand (content/brands/), compilation (content/compilations/) or page (content/pages/)
cli-new-arg-title = The document's title (its file name is made from it)

cli-completions-about = Print a completion script for a shell (e.g. `casebook completions bash > /etc/bash_completion.d/casebook`)
cli-completions-arg-shell = The shell to complete in: bash, zsh, fish, powershell or elvish

cli-man-about = Print the manual page (roff), e.g. `casebook man > casebook.1`

## Usage errors (clap's, in our words)

cli-err-unknown-argument = unexpected argument '{ $arg }' found
cli-err-unknown-command = unrecognized subcommand '{ $name }'
cli-err-invalid-value = invalid value '{ $value }' for '{ $arg }'
cli-err-value-validation = invalid value '{ $value }' for '{ $arg }': { $cause }
cli-err-missing = the following required arguments were not provided: { $args }
cli-err-missing-command = a command is required
cli-err-conflict = the argument '{ $arg }' cannot be used with '{ $other }'
cli-err-no-equals = equal sign is needed when assigning values to '{ $arg }'
cli-err-too-many = unexpected value '{ $value }' for '{ $arg }' found; no more were expected
cli-err-other = { $text }
cli-tip-did-you-mean = tip: a similar one exists: { $suggestion }
cli-tip-possible-values = possible values: { $values }

## Lines the commands print

cli-export-wrote = wrote { $cases ->
    [one] 1 case
   *[other] { $cases } cases
} to { $path }
cli-init-created = created a casebook site in { $dir } ({ $files ->
    [one] 1 file
   *[other] { $files } files
}); next: cd into it and run `casebook build`; the editors' guide is its docs/content.md
cli-new-created = created { $path }
