# casebook messages (English): commands
# Keys are shared with ../zh-CN/commands.ftl; each message uses the same $arguments there.


## Arguments and files
cmd-not-a-file-name = { $path } is not a file name
cmd-base-url-not-absolute = --base-url "{ $url }" is not an absolute http(s) address

## Progress bars
cmd-building = building
cmd-zipping = zipping
cmd-typesetting = typesetting

## build, check, bundle, pdf, docx: the closing line
cmd-built = built { $cases ->
        [one] { $cases } case
       *[other] { $cases } cases
    }, { $summaries ->
        [one] { $summaries } summary
       *[other] { $summaries } summaries
    }, { $brands ->
        [one] { $brands } brand
       *[other] { $brands } brands
    }, { $compilations ->
        [one] { $compilations } compilation
       *[other] { $compilations } compilations
    } into { $dest } in { $seconds } s
cmd-checked = checked { $cases ->
        [one] { $cases } case
       *[other] { $cases } cases
    }, { $summaries ->
        [one] { $summaries } summary
       *[other] { $summaries } summaries
    }, { $brands ->
        [one] { $brands } brand
       *[other] { $brands } brands
    }, { $compilations ->
        [one] { $compilations } compilation
       *[other] { $compilations } compilations
    }, { $pages ->
        [one] { $pages } page
       *[other] { $pages } pages
    }: no errors
cmd-bundled = bundled { $cases ->
        [one] { $cases } case
       *[other] { $cases } cases
    } ({ $files ->
        [one] { $files } file
       *[other] { $files } files
    }) into { $path } in { $seconds } s
cmd-typeset = typeset { $cases ->
        [one] { $cases } case
       *[other] { $cases } cases
    } ({ $pages ->
        [one] { $pages } page
       *[other] { $pages } pages
    }) into { $path } in { $seconds } s
cmd-docx-wrote = wrote { $cases ->
        [one] { $cases } case
       *[other] { $cases } cases
    } ({ $pictures ->
        [one] { $pictures } picture
       *[other] { $pictures } pictures
    }, { $footnotes ->
        [one] { $footnotes } footnote
       *[other] { $footnotes } footnotes
    }) into { $path } in { $seconds } s
# Hint of an output folder that may not be written, shown among content errors.
cmd-build-writes-nothing = the build writes nothing until this is fixed too

## pdf and docx: which compilation
cmd-no-such-compilation-none-yet = there is no compilation "{ $slug }": the site has no compilation yet (casebook new compilation TITLE)
cmd-no-such-compilation = there is no compilation "{ $slug }"; the compilations are: { $list }
cmd-no-compilation-yet = the site has no compilation yet (casebook new compilation TITLE)
cmd-which-compilation = the site has { $count } compilations: name one (casebook { $command } SLUG): { $list }
cmd-no-pdf-support = this casebook was built without PDF support (cargo feature "pdf"); install a build that has it

## init
cmd-init-not-a-folder = { $path } exists and is not a folder
cmd-init-not-empty = { $path } is not empty; choose an empty folder, or pass --force to add the example files to it (files of the same names are overwritten)

## new
cmd-new-empty-title = the title is empty
cmd-new-no-file-name = cannot make a file name from "{ $title }"; use a title with letters, digits or Chinese characters
cmd-new-no-archetype = the theme has no archetype for { $kind }
cmd-new-exists = { $path } already exists; casebook new never overwrites a file

## stats: the table's labels (in the site's language)
cmd-stats-cases = Cases
cmd-stats-summaries = Achievement summaries
cmd-stats-brands = Brands
cmd-stats-compilations = Compilations
cmd-stats-approvals = Approvals
cmd-stats-cases-with-approvals = Cases with approvals
cmd-stats-honours = Honours
cmd-stats-cases-with-honours = Cases with honours
cmd-stats-by-level = by level
cmd-stats-by-kind = by kind
cmd-stats-pilots = Pilots
cmd-stats-accepted-by-level = accepted, by level
cmd-stats-by-year = By year (cases / approvals / honours)
cmd-stats-by-region = By region
cmd-stats-by-field = By field
cmd-stats-by-reform-kind = By reform kind
