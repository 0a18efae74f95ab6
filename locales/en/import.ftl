# casebook messages (English): import
# Keys are shared with ../zh-CN/import.ftl; each message uses the same $arguments there.


## Files that are not a .docx to import (after "cannot import: ")
import-encrypted = an encrypted (password-protected) Word document; open it in Word or WPS, remove the password (文件 → 信息 → 保护文档), save it and import it again
import-legacy-doc = a Word 97–2003 document (.doc), not .docx; open it in Word or WPS and save it as a Word document (.docx)
import-rtf = an RTF file, not .docx; open it in Word or WPS and save it as a Word document (.docx)
import-pdf = a PDF, not a Word document; ask for the .docx it was made from
import-damaged-zip = a damaged or incomplete .docx (the zip cannot be read: was the copy or download cut short?)
import-empty-file = an empty file
import-not-word = not a Word document (.docx)
import-too-large = too large to import ({ $size } MiB; the limit is { $limit } MiB)
import-xlsx = an Excel workbook (.xlsx), not a Word document
import-pptx = a PowerPoint presentation (.pptx), not a Word document
import-odt = an OpenDocument file (.odt), not .docx; save it as a Word document (.docx)
import-plain-zip = a zip archive, not a Word document (it has no word/document.xml)
import-no-document-xml = a damaged .docx (no word/document.xml)
import-broken-xml = a damaged .docx: word/document.xml is not well-formed (at byte { $byte }: { $reason })
import-part-unreadable = a damaged .docx: its part { $part } cannot be read ({ $cause })
import-refused-part-size = refused: its part { $part } is { $size } MiB; the limit is { $limit } MiB (a zip bomb or an oversized part)
import-refused-part-ratio = refused: its part { $part } expands { $ratio }-fold; the limit is { $limit }-fold (a zip bomb or an oversized part)
import-refused-part-larger = refused: its part { $part } is larger than { $limit } MiB (a zip bomb or an oversized part)
import-refused-parts-total = refused: the parts add up to more than { $limit } MiB (a zip bomb or an oversized part)

## Errors naming the file that could not be imported
import-cannot-read-file = cannot read the file: { $cause }
import-file-too-large = cannot import: too large ({ $size } MiB; the limit is { $limit } MiB)
import-cannot-import = cannot import: { $reason }
import-clash = cannot import: { $path } already exists; casebook import never overwrites (rename or move it, or import into another folder with --into)
import-folder-has-no-docx = { $path } has no .docx file to import
import-nothing-named = name a .docx file or a folder of them to import

## The report of each file
import-imported-file = imported { $file } → { $path }
import-would-write-file = would write { $file } → { $path }
import-mapped = mapped: { $list }
# Between the parts of the "mapped:" line.
import-mapped-separator = ;{" "}
import-title-from-style = title from the Title style
import-title-from-heading = title from the first heading
import-title-from-line = title from the first line
import-title-from-nowhere = title from nowhere (the document has no text)
# $fields: front matter fields (unit, region, date), as a list.
import-from-opening-lines = { $fields } from the opening lines
import-kept-as-comments = { $count ->
        [one] { $count } other opening line
       *[other] { $count } other opening lines
    } kept as comments in the front matter
import-body = body: { $list }
import-headings = { $count ->
        [one] { $count } heading
       *[other] { $count } headings
    }
import-numbered-headings = { $count } from numbered lines (一、/（一）…)
import-tables = { $count ->
        [one] { $count } table
       *[other] { $count } tables
    }
import-merged-tables = merged cells flattened in { $count ->
        [one] { $count } table
       *[other] { $count } tables
    }
import-lists = { $count ->
        [one] { $count } list
       *[other] { $count } lists
    }
import-footnotes = { $count ->
        [one] { $count } footnote
       *[other] { $count } footnotes
    }
import-pictures = { $count ->
        [one] { $count } picture
       *[other] { $count } pictures
    }
import-links = { $count ->
        [one] { $count } link
       *[other] { $count } links
    }
import-dropped = dropped: { $list }
import-page-breaks = { $count ->
        [one] { $count } page break
       *[other] { $count } page breaks
    }
import-headers-footers = { $count ->
        [one] { $count } header or footer
       *[other] { $count } headers and footers
    }
import-comments = { $count ->
        [one] { $count } comment
       *[other] { $count } comments
    }
import-tracked-changes = { $count ->
        [one] { $count } tracked change (the accepted text is kept)
       *[other] { $count } tracked changes (the accepted text is kept)
    }
import-text-boxes = { $count ->
        [one] { $count } text box
       *[other] { $count } text boxes
    }
import-contents-lines = { $count ->
        [one] { $count } contents line
       *[other] { $count } contents lines
    }
# $fields: required fields (title, date) written as TODO.
import-to-fill = to fill: { $fields } (left as TODO; casebook check reports it until filled)
import-warning-line = warning: { $message }

## Findings of the report (after "warning: ")
import-spelled-as-site = { $field } "{ $value }" written as "{ $site }", as the site's other cases have it
import-region-new = region "{ $value }" is new to this site (its cases use { $known }): check the spelling
import-picture-missing = the picture { $target } is missing from the package
import-picture-metafile = picture { $number } is a Windows metafile (.{ $ext }), which browsers do not show: save it as PNG in Word and replace the file

## After the files
import-check-no-errors = casebook check: no errors
import-check-problems = casebook check: { $count ->
        [one] { $count } problem
       *[other] { $count } problems
    } to fix before the site builds (below)
import-imported-count = imported { $done } of { $total ->
        [one] { $total } file
       *[other] { $total } files
    }
import-would-import-count = would import { $done } of { $total ->
        [one] { $total } file
       *[other] { $total } files
    }
