# casebook messages (English): outputs
# Keys are shared with ../zh-CN/outputs.ftl; each message uses the same $arguments there.


## The website (src/html)

# A link to a `#fragment` of another document that has no such heading.
html-missing-fragment = link to #{ $fragment } in { $target }, which has no heading with that id
# A mistake in a theme template; $cause is the template engine's words.
html-template-error = template error: { $cause }
html-template-vars-hint = see the theme guide (docs/theme.md) for the variables of each page
html-template-filters-hint = see the theme guide (docs/theme.md) for the filters, functions and variables
# A theme file that is a link leading out of its folder.
html-theme-file-outside = resolves outside the allowed folder (to { $target })
html-theme-file-unreadable = cannot read: { $cause }
html-translation-not-text = translation `{ $key }` must be text
html-translation-not-text-hint = translation files hold lines like: cases = "典型案例"
html-theme-no-templates = theme "{ $theme }" has no templates
html-theme-no-templates-hint = a theme keeps its templates in themes/<name>/templates/
# A page that could not be written into the output.
html-page-cannot-write = cannot write: { $cause }

## The typeset PDF (src/pdf)

pdf-no-cjk-font =
    no font that can set Chinese text was found
    {"  "}hint: install a Chinese font: on Debian or Ubuntu `apt install fonts-noto-cjk`, on Fedora `dnf install google-noto-serif-cjk-fonts google-noto-sans-cjk-fonts`; on Windows the 仿宋, 黑体 and 楷体 fonts come with the system; or put .otf/.ttf files in a folder of the site and name it in `[pdf] font_dirs`
# $role is a key of [pdf.fonts] (body, heading, …).
pdf-font-substituted = PDF font for { $role }: "{ $wanted }" is not installed, "{ $used }" is used instead
pdf-font-substituted-hint = install "{ $wanted }", or name an installed family in [pdf.fonts] { $role } = [...]
# A warning of the typesetter (Typst), in its words.
pdf-typesetting-warning = typesetting: { $message }
pdf-cannot-typeset = cannot typeset the volume: { $message }
# Hints of a typesetting error: the typesetter's own ($hint), the line of
# the generated source, or both.
pdf-typst-hint = { $hint }
pdf-typeset-hint-line = at line { $line } of the generated volume; if a picture is named, check that it opens
pdf-typst-hint-at-line = { $hint }; at line { $line } of the generated volume; if a picture is named, check that it opens
# $code is the character's number in hexadecimal (20000 for U+20000).
pdf-missing-glyph = no installed font has the character "{ $char }" (U+{ $code })
pdf-missing-glyph-hint = install a font that has it and name it in [pdf.fonts], or write the character another way; the PDF would show an empty box

## The Word document (src/docx)

docx-picture-unsupported = Word cannot show the picture "{ $picture }": its description and address are written instead
docx-picture-unsupported-hint = Word shows JPEG, PNG, GIF and BMP pictures; save it in one of them

## Output folders and the offline bundle (src/output)

out-unsafe-path = unsafe output path { $path }
out-cannot-lock = cannot lock { $path }: { $cause }
out-cannot-create = cannot create { $path }: { $cause }
out-cannot-read = cannot read { $path }: { $cause }
out-cannot-write = cannot write { $path }: { $cause }
out-cannot-move-into-place = cannot move { $path } into place: { $cause }
out-no-working-folder = cannot find the current folder: { $cause }
out-no-parent = the output folder has no parent folder
out-cannot-write-marker = cannot write the output marker: { $cause }
out-cannot-move-old = cannot move the old output aside: { $cause }
out-cannot-move-new = cannot move the new output into place: { $cause }
out-refuse-holds-site = refusing to write the site into { $path }: it holds the site's own files
# $folder is content, static, templates, themes or i18n.
out-refuse-inside-source = refusing to write the site into { $path }: it is inside the site's { $folder }/ folder
out-is-a-file = { $path } is a file, not a folder
out-refuse-not-ours = refusing to replace { $path }: it is not empty and was not made by casebook (no { $marker } file); choose another --output or empty it
# Site files whose names a zip cannot hold safely: $list has one
# out-zip-entry per line, each indented.
out-zip-unsafe-names =
    these files cannot be put in a zip safely; rename their sources and bundle again:
    { $list }
out-zip-entry = { $name }: { $why }
out-zip-backslash = a backslash would be read as a folder separator
out-zip-absolute = an absolute path
out-zip-colon = a colon (a drive letter on Windows)
out-zip-dot-segment = an empty, `.` or `..` path segment
out-zip-windows-char = a character Windows cannot use in file names

## Images (the image stage)
img-heic = { $file } is a HEIC photo (the iPhone's own format), which browsers cannot show
img-heic-hint = export it as JPEG and refer to the .jpg file: on the iPhone, share the photo and choose to save it as JPEG, or set Settings › Camera › Formats to "Most Compatible" before taking photos
img-unsupported = { $file } is a { $format } image, which casebook does not publish
img-unsupported-hint = save it as JPEG (photos) or PNG (drawings and screenshots) and refer to that file
img-corrupt = { $file } cannot be read as an image: it is damaged or not an image{ $detail ->
    [none] {""}
   *[other] {" "}({ $detail })
}
img-truncated = { $file } is cut off: the file ends before the picture does
img-copy-again-hint = open it in an image viewer; if it does not show in full, copy it again from where it came from
img-too-large = { $file } is { $width } × { $height } pixels (about { $megapixels } megapixels), more than images.max_pixels = { $max }
img-too-large-hint = make it smaller before adding it (4000 pixels across is plenty for any page), or raise max_pixels under [images] in casebook.toml if such an image is really meant
img-unreadable = { $file } cannot be read: { $cause }
