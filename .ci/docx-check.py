#!/usr/bin/env python3
"""Reads an exported .docx with python-docx (a reader that is not ours) and
the PDF LibreOffice made of it (pdftotext), and checks they agree:

    python3 .ci/docx-check.py FILE.docx FILE.pdf CASES
    python3 .ci/docx-check.py --imported FILE.docx IMPORTED.md

CASES is the number of cases `casebook docx` said it wrote. Checks: the
document opens; it has CASES paragraphs in style "heading 2" (the case
titles); the page is A4 with the GB/T 9704 margins; every case title is in
the PDF's text; the PDF's page count is plausible (at least cover, preface
or contents, and one page per case; at most 12 pages per case). Exit 1 on
the first failure, with what was found.

With --imported, FILE.docx is an export re-saved by LibreOffice (a writer
that is not ours) and IMPORTED.md what `casebook import --dry-run` made of
it: every case title (heading 2 in the file) must come back as a Markdown
heading, and the file's tables and footnotes as pipe tables and notes.
"""
import re
import subprocess
import sys
import zipfile

import docx  # python3-docx


def tight(s):
    return "".join(s.split())


def main():
    path, pdf, cases = sys.argv[1], sys.argv[2], int(sys.argv[3])
    d = docx.Document(path)
    titles = [p.text for p in d.paragraphs if p.style.name.lower() == "heading 2"]
    if len(titles) != cases:
        sys.exit(f"{path}: {len(titles)} case titles (heading 2), expected {cases}: {titles}")
    s = d.sections[0]
    got = [round(x.mm) for x in (s.page_width, s.page_height, s.top_margin,
                                 s.bottom_margin, s.left_margin, s.right_margin)]
    if got != [210, 297, 37, 35, 28, 26]:
        sys.exit(f"{path}: page and margins {got} mm, expected A4 with 37/35/28/26")
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    pages = int(next(l.split()[1] for l in info.splitlines() if l.startswith("Pages:")))
    if not (cases + 2 <= pages <= 12 * cases + 4):
        sys.exit(f"{pdf}: {pages} pages for {cases} cases is not plausible")
    text = tight(subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout)
    missing = [t for t in titles if tight(t) not in text]
    if missing:
        sys.exit(f"{pdf}: case titles not in LibreOffice's PDF: {missing}")
    print(f"{path}: {cases} cases, {len(d.paragraphs)} paragraphs, {len(d.tables)} tables; "
          f"LibreOffice: {pages} A4 pages with every title")


def imported(path, md_path):
    d = docx.Document(path)
    titles = [tight(p.text) for p in d.paragraphs if p.style.name.lower() == "heading 2"]
    md = open(md_path, encoding="utf-8").read()
    # Markdown escapes (\* \_ \<) stand for the characters themselves.
    headings = {tight(re.sub(r"\\(.)", r"\1", l.lstrip("#")))
                for l in md.splitlines() if l.startswith("#")}
    missing = [t for t in titles if t not in headings]
    if not titles or missing:
        sys.exit(f"{md_path}: case titles not imported as headings: {missing or 'no titles'}")
    tables = sum(1 for l in md.splitlines() if l.startswith("| --- |"))
    if tables < len(d.tables):
        sys.exit(f"{md_path}: {tables} tables imported of {len(d.tables)}")
    # Footnotes: python-docx does not read them; the part itself does
    # (separators carry a w:type, real notes do not).
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        part = z.read("word/footnotes.xml").decode() if "word/footnotes.xml" in names else ""
    in_file = len(re.findall(r"<w:footnote(?![^>]*w:type=)[ >]", part))
    notes = sum(1 for l in md.splitlines() if re.match(r"\[\^[^\]]+\]:", l))
    if notes < in_file:
        sys.exit(f"{md_path}: {notes} footnotes imported of {in_file}")
    print(f"{path}: {len(titles)} case titles, {tables} tables, {notes} notes imported back")


if __name__ == "__main__":
    if sys.argv[1] == "--imported":
        imported(sys.argv[2], sys.argv[3])
    else:
        main()
