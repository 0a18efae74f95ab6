# casebook messages (English): content
# Keys are shared with ../zh-CN/content.ftl; each message uses the same $arguments there.


## Type names, put into other messages ("found a string")

load-type-null = nothing (null)
load-type-bool = a boolean
load-type-integer = an integer
load-type-float = a number
load-type-string = a string
load-type-date = a date
load-type-list = a list
load-type-table = a table

## What a key takes ("must be a whole number")

load-expect-text = text
load-expect-bool = true or false
load-expect-integer = a whole number
load-expect-number = a number
load-expect-date = a date YYYY-MM-DD
load-expect-text-list = a list of text entries
load-expect-table = a table
load-expect-table-list = a list of tables

## Reading front matter and casebook.toml values

load-missing-key = missing required key `{ $key }`
load-add-line = add a line such as: { $example }
load-for-example = for example: { $example }
# $example has several lines.
load-for-example-lines =
    for example:
    { $example }
load-wrong-type = `{ $key }` must be { $expected }, found { $found }
load-empty-value = `{ $key }` is empty
load-date-todo = `{ $key }` is still to fill in: casebook import did not find it in the Word file
load-date-todo-hint = write the date the case was reported, e.g. { $example }
# $why: load-date-shape or load-date-not-in-calendar.
load-date-invalid = `{ $key }` is not a valid date: { $why }
load-date-hint = write dates as YYYY-MM-DD, e.g. 2023-05-12
load-date-shape = "{ $value }" is not in the form YYYY-MM-DD
load-date-not-in-calendar = { $date } does not exist in the calendar
load-list-empty-entry = `{ $key }` has an empty entry
load-list-empty-entry-hint = remove the empty string from the list
load-list-twice = `{ $key }` lists "{ $value }" twice
load-list-twice-hint = remove the repeated entry
# $what names the table: casebook.toml, [markdown], a case, an approval…
# $extra is "yes" when the table has an `extra` key for free values.
load-unknown-key-near = unknown key `{ $key }` in { $what }, close to `{ $near }`
load-unknown-key-near-hint = did you mean `{ $near }`? As written, its value is used nowhere{ $extra ->
    [yes] ; free values go under `extra`
   *[no] {""}
}
load-unknown-key = unknown key `{ $key }` in { $what }
load-unknown-key-hint = known keys of { $what }: { $list }{ $extra ->
    [yes] ; free values go under `extra`
   *[no] {""}
}

## Front matter syntax

load-front-matter-unclosed = { $format } front matter opened here is never closed
load-front-matter-unclosed-hint = add a line with only `{ $delimiter }` after the last front matter line
load-front-matter-not-table = front matter must be a set of `key: value` pairs, found { $found }
load-front-matter-not-table-hint = write one `key: value` (YAML) or `key = value` (TOML) per line
load-toml-too-deep = TOML nests lists or tables deeper than 64 levels
load-toml-too-deep-hint = front matter does not need such depth; check for a stray `[` or `{"{"}`
# $detail is the TOML parser's own message (in English).
load-invalid-toml = invalid TOML: { $detail }
load-toml-hint-yaml = this looks like YAML: use `---` lines around YAML front matter, or write `key = value` for TOML
load-toml-hint-date = dates are written bare as YYYY-MM-DD and must exist in the calendar, e.g. date = 2023-05-01
load-toml-hint-quotes = TOML strings need quotes: title = "…"; dates are written bare: date = 2023-05-01
load-toml-hint-line = check the line for a missing quote, bracket or `=`
# $detail is the YAML parser's own message (in English).
load-invalid-yaml = invalid YAML: { $detail }
load-yaml-hint = YAML needs `key: value` with a space after the colon, and consistent indentation; quote values that contain `: ` or start with a special character
load-yaml-too-large = front matter is too large or expands too many aliases
load-yaml-two-documents = front matter holds more than one YAML document
load-yaml-unbalanced-list = unbalanced YAML list
load-yaml-unbalanced-mapping = unbalanced YAML mapping
load-yaml-too-deep = front matter nests deeper than 64 levels
load-yaml-too-many-aliases = front matter expands too many aliases
load-yaml-unknown-anchor = YAML alias to an unknown anchor
load-yaml-key-not-word = a YAML key must be a plain word, not a list or mapping
load-key-twice = key `{ $key }` is given twice
load-key-twice-hint = remove one of the two entries

## Mistakes of a Chinese input method in front matter and casebook.toml

load-ime-switch = switch the input method to English punctuation (中/英 key or Shift) and type it again
load-ime-wide-bracket = full-width bracket `［` in a table header
load-ime-wide-bracket-hint = write [[honours]] or [extra] with the English brackets [ ]; { load-ime-switch }
load-ime-wide-separator = full-width `{ $separator }` between `{ $key }` and its value
load-ime-wide-separator-hint = write `{ $example }` with the English `{ $ascii }`; { load-ime-switch }
load-ime-date = date written as { $value }
# $format is "toml" or "yaml".
load-ime-date-hint = write { $example }: dates are YYYY-MM-DD, in English digits joined by -, with two-digit month and day{ $format ->
    [toml] , without quotes
   *[yaml] {""}
}
load-ime-chinese-quotes = the value of `{ $key }` is in Chinese quotation marks “…”, which TOML does not read as quotes
load-ime-chinese-quotes-hint = write { $example } with the English quotes " around the value; { load-ime-switch }
load-ime-wide-in-value = full-width `{ $character }` in the value of `{ $key }`
load-ime-wide-in-value-hint = lists are written ["甲", "乙"] with English quotes and commas; { load-ime-switch }
load-ime-wide-digits = full-width digits `{ $digits }`
load-ime-wide-digits-hint = write { $ascii } with English digits; { load-ime-switch }

## Finding and reading the site's files

# Section nouns, put into other messages ("the case file is empty").
load-section-home = home page
load-section-case = case
load-section-summary = achievement summary
load-section-brand = brand
load-section-compilation = compilation
load-section-page = page
load-cannot-read = cannot read: { $error }
load-unreadable-hint = check the folder's permissions (or that the network drive is connected); nothing is published while part of the site cannot be read
# $inside: load-inside-site or load-inside-theme.
load-inside-site = the site folder
load-inside-theme = the theme's folder
load-link-hint = copy the file into the site instead of linking to it, or remove the link
load-link-to-nothing = symbolic link points to nothing; skipped
load-link-outside = symbolic link points outside { $inside } (to { $target }); nothing from it is published
load-link-unreadable = symbolic link cannot be followed: { $error }
load-link-loop = symbolic link loop; the folder is skipped
load-vanished-during-walk = the file disappeared while the site was being read; skipped
load-vanished-during-read = the file disappeared while it was being read; skipped
load-no-content = the site has no content/ folder
load-no-content-hint = create content/cases/ and put case files there, or run `casebook init`
load-no-section = a document directly in content/ belongs to no section
load-no-section-hint = documents go into content/cases/, summaries/, brands/, compilations/ or pages/
load-unknown-section = unknown content section `{ $folder }`
load-section-index = section index files are not used by casebook; ignored
load-section-index-hint = list pages are generated; put site-wide text in content/_index.md
load-cannot-read-file = cannot read the file: { $error }
# $noun: one of the load-section-* nouns.
load-empty-file = the { $noun } file is empty
load-empty-file-hint =
    start it with front matter, e.g.
    +++
    title = "…"
    +++
load-no-front-matter = the { $noun } has no front matter
load-no-front-matter-hint = begin the file with a `+++` (TOML) or `---` (YAML) line, then `title = "…"`, then the same delimiter line
load-resave-utf8 = re-save the file as UTF-8 (Notepad: 另存为 → 编码 UTF-8; VS Code: 通过编码保存 → UTF-8)
load-utf16 = the file is UTF-16 encoded, not UTF-8
load-binary = the file is binary data, not Markdown text
load-binary-hint = only Markdown (.md) text files are documents; put images and PDFs beside index.md in a document folder
load-gbk = the file is not UTF-8: it looks like GBK/GB18030 (a Chinese Windows encoding)
load-not-utf8 = the file is not valid UTF-8 text
load-changed-after-check = { $path } now resolves to { $now }; it changed after it was checked, so it is not read
