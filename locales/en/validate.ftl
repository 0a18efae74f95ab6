# casebook messages (English): validate
# Keys are shared with ../zh-CN/validate.ftl; each message uses the same $arguments there.


## Front matter of a document (src/validate)

# An example of what to write, on the lines after the words.
validate-for-example-block =
    for example:
    { $example }
validate-for-example = for example: { $example }
validate-extra-not-table = `extra` must be a table
validate-slug-invalid = slug "{ $slug }" is not a valid URL slug
validate-slug-rule = a slug uses lowercase ASCII letters, digits and single `-`
validate-slug-rule-example = a slug uses lowercase ASCII letters, digits and single `-`, e.g. slug = "{ $suggestion }"
validate-slug-from-file = cannot make a URL slug from the file name "{ $stem }"
validate-slug-from-file-hint = add a `slug` key, e.g. slug = "my-case", or rename the file
# $vocab is the vocabulary's name in casebook.toml ([vocab.levels]…);
# $field the key as written, e.g. approvals[1].level.
validate-unknown-vocab = unknown { $vocab ->
        [levels] level
        [honour_kinds] honour kind
        [reform_kinds] reform kind
        [pilot_status] pilot status
       *[other] { $vocab }
    } "{ $value }" in `{ $field }`
validate-pilot-needs-accepted-on = an accepted pilot needs `pilot.accepted_on`
validate-pilot-needs-accepted-on-hint = add the date of the evaluation and acceptance, e.g. accepted_on = 2023-06-30
validate-metric-target-not-positive = `target` must be greater than 0
validate-metric-target-hint = leave `target` out when there is none
validate-color-invalid = color "{ $color }" is not a #rrggbb colour
validate-unknown-media-kind = unknown media kind "{ $kind }"
# What a table of front matter is, in "unknown key `x` in a case".
validate-what = { $what ->
        [home] a home page
        [cases] a case
        [summaries] an achievement summary
        [brands] a brand
        [compilations] a compilation
        [approval] an approval
        [honour] an honour
        [pilot] a pilot
        [metric] a metric
        [milestone] a milestone
        [media] a media entry
        [photo] a gallery photo
        [chapter] a chapter
       *[pages] a page
    }

## Slugs and references between documents

validate-slug-taken = slug "{ $slug }" is already used by { $other }
validate-slug-taken-hint = two { $section ->
        [cases] cases
        [summaries] achievement summaries
        [brands] brands
        [compilations] compilations
       *[pages] pages
    } cannot share a URL: give one of them another `slug`
validate-slug-reserved = the page slug "{ $slug }" is reserved for a generated page
validate-slug-reserved-hint = give the page another `slug`
# $key is the front matter key (brands, compilations, chapters.cases).
validate-unknown-ref = `{ $key }` names the { $kind ->
        [brand] brand
        [compilation] compilation
       *[case] case
    } "{ $slug }", which does not exist
validate-did-you-mean = did you mean "{ $suggestion }"?
validate-ref-none-yet = the site has no { $kind ->
        [brand] brands
        [compilation] compilations
       *[case] cases
    } yet
validate-ref-known = known { $kind ->
        [brand] brands
        [compilation] compilations
       *[case] cases
    }: { $list }
validate-ref-check-slug = check the slug of the { $kind ->
        [brand] brand
        [compilation] compilation
       *[case] case
    } (its `slug`, or its file name)
validate-chapter-case-did-you-mean = did you mean "{ $suggestion }"? chapters name cases by slug
validate-chapter-case-hint = chapters name cases by slug: the `slug` key, the ASCII file name, or the pinyin of a Chinese file name
validate-logo-missing = logo file "{ $logo }" not found
validate-logo-missing-hint = put the image beside the brand's index.md (brands/<name>/index.md) or under static/, and give its path
validate-logo-outside = logo file "{ $logo }" resolves to { $target }, outside the site folder
validate-logo-outside-hint = files outside the site folder are never published; copy the image into the brand's folder or static/
validate-logo-unreadable = cannot read logo file "{ $logo }": { $error }
validate-check-permissions = check the file's permissions

## The linked site (src/model)

# $kind: brand, compilation or case.
model-draft-left-out = the { $kind ->
        [brand] brand
        [compilation] compilation
       *[case] case
    } "{ $slug }" is a draft and is left out
model-draft-left-out-hint = publish it (remove `draft = true`) or build with --drafts
model-term-slug-clash = the { $taxonomy ->
        [regions] region
        [fields] field
        [tags] tag
       *[years] year
    } "{ $name }" and "{ $other }" would share the URL slug "{ $slug }"
model-term-slug-clash-hint = use one spelling for both, or rename one of them

## Links, images and headings in a body (src/markdown)

# $what: link, image, video, audio or file (raw HTML).
md-bad-host = { $what ->
        [image] image
        [video] video
        [audio] audio
        [file] file
       *[link] link
    } to "{ $dest }", an address with no valid host, is left out
md-bad-host-hint = write the whole address, such as https://www.gov.cn/
md-no-route = { $what ->
        [image] image
        [video] video
        [audio] audio
        [file] file
       *[link] link
    } to "{ $dest }", which the site does not have
md-no-route-hint = root-relative links name a page of the site (/about/) or a file under static/
md-draft-link = { $what ->
        [image] image
        [video] video
        [audio] audio
        [file] file
       *[link] link
    } to "{ $dest }", a draft that is not published
md-draft-link-hint = the link text is shown without a link until the draft is published
md-missing = { $what ->
        [image] image
        [video] video
        [audio] audio
        [file] file
       *[link] link
    } to "{ $dest }", which does not exist
md-not-a-document = the file is not a casebook document (documents live under content/<section>/)
md-relative-path-hint = check the path: it is relative to this file's folder
md-missing-file-hint = check the path: it is relative to this file's folder; put images beside index.md in a document folder
md-outside = { $what ->
        [image] image
        [video] video
        [audio] audio
        [file] file
       *[link] link
    } to "{ $dest }" resolves to { $target }, outside the site folder
md-outside-hint = files outside the site folder are never published; copy the file into the site
md-unreadable = { $what ->
        [image] image
        [video] video
        [audio] audio
        [file] file
       *[link] link
    } to "{ $dest }": cannot read the file: { $error }
md-script-url = { $what ->
        [image] image
        [video] video
        [audio] audio
        [file] file
       *[link] link
    } to a script address, which is removed
md-script-url-hint = javascript:, vbscript: and data:text/html addresses are never published; link to a page or a file instead
md-img-no-alt = image with no description (alt)
md-img-no-alt-hint = add alt="…" describing the image for readers who cannot see it, or alt="" if it is only decoration
md-id-taken = id "{ $id }" is already used on this page, so it is left out
md-id-taken-hint = a heading, other HTML of the body or the page itself has this id; choose another one
md-link-empty = link with no text and no address is left out
md-link-no-text-shown = link to "{ $dest }" has no text; it is shown as its address
md-link-no-text-dropped = link to "{ $dest }" has no text; it is left out
md-link-no-text-hint = write what the link leads to between [ and ], or describe its image
md-heading-skip-title = level-{ $level } heading right after the page title (level 1) skips a level
md-heading-skip = level-{ $level } heading right after a level-{ $before } heading skips a level
# $hashes is the Markdown for the level, e.g. ###.
md-heading-skip-hint = it is shown as level { $shown }; write { $hashes } for it (one # more than the heading above)
md-footnote-undefined = footnote [{ $label }] is used but never defined
md-footnote-undefined-hint = add a line `[{ $label }]: …` below the text
md-fragment-missing = link to #{ $fragment }, but the document has no heading with that id
md-no-headings = the document has no headings
md-heading-ids = headings give ids like { $list }

## Galleries (picture albums)
validate-photo-missing = gallery photo "{ $src }" not found beside this document
validate-photo-missing-hint = put the photo in the document's own folder (for a case: cases/<name>/index.md and its photos side by side) and write its file name
validate-photo-outside = gallery photo "{ $src }" resolves to { $target }, outside the site folder
validate-photo-outside-hint = files outside the site folder are never published; copy the photo into the document's folder
validate-photo-unreadable = cannot read gallery photo "{ $src }": { $error }
validate-photo-not-raster = gallery photo "{ $src }" is not a photo
validate-photo-not-raster-hint = a gallery takes JPEG, PNG, GIF or WebP pictures; show drawings (SVG) in the text instead
