# casebook messages (English): config
# Keys are shared with ../zh-CN/config.ftl; each message uses the same $arguments there.


## casebook.toml

cfg-cannot-read = cannot read { $file }: { $error }
cfg-unsupported-language = unsupported language "{ $value }"
cfg-theme-not-folder = theme "{ $value }" is not a folder name
cfg-theme-not-folder-hint = name a folder under themes/, for example: theme = "default"
cfg-paginate-range = paginate must be between 1 and 10000, found { $value }
cfg-accent-color-invalid = accent_color "{ $value }" is not a #rrggbb colour
cfg-base-url-invalid = base_url "{ $value }" is not an absolute http(s) address
cfg-unknown-highlight-theme = unknown highlight theme "{ $value }"
cfg-extra-not-table = `extra` must be a table
# Names of the tables of casebook.toml in "unknown key `x` in …" and
# "known keys of …" (load-unknown-key).
cfg-in-config = casebook.toml
cfg-in-table = { $table }

## [pdf]

cfg-unknown-pdf-layout = unknown PDF layout "{ $value }"
cfg-unknown-paper = unknown paper size "{ $value }"
cfg-paper-gbt9704 = GB/T 9704 is set on A4: `paper` is used only by layout = "book"
cfg-paper-gbt9704-hint = remove `paper`, or set layout = "book"

## [vocab.*]

cfg-unknown-vocab = unknown vocabulary `vocab.{ $name }`
cfg-vocab-not-table = `vocab.{ $name }` must be a table of id = "label"
cfg-vocab-bad-id = vocabulary id `{ $id }` must be lowercase ASCII letters, digits, `_` or `-`
cfg-vocab-bad-id-hint = ids are used in front matter; labels can be any text: ministerial = "部级"
# $found: one of the load-type-* names.
cfg-vocab-label-not-text = the label of `{ $id }` must be text, found { $found }
# $table: [vocab.levels] and so on.
cfg-vocab-label-is-id = the label "{ $label }" of `{ $id }` is the id of `{ $other }` in { $table }
cfg-vocab-label-twice = the label "{ $label }" names both `{ $other }` and `{ $id }` in { $table }
cfg-vocab-label-clash-hint = front matter may write a label instead of an id, so each label must name one value: give `{ $id }` another label
cfg-images-widths = images.widths must be a list of whole numbers from 16 to { $max }, found { $found }
cfg-images-quality-range = images.quality must be between 1 and 100, found { $value }
cfg-images-max-pixels-range = images.max_pixels must be at least 1000000 (one megapixel), found { $value }
