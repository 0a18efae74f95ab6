#!/usr/bin/env python3
"""Reads an exported .docx with python-docx (a reader that is not ours) and
the PDF LibreOffice made of it (pdftotext), and checks they agree:

    python3 .ci/docx-check.py FILE.docx FILE.pdf CASES

CASES is the number of cases `casebook docx` said it wrote. Checks: the
document opens; it has CASES paragraphs in style "heading 2" (the case
titles); the page is A4 with the GB/T 9704 margins; every case title is in
the PDF's text; the PDF's page count is plausible (at least cover, preface
or contents, and one page per case; at most 12 pages per case). Exit 1 on
the first failure, with what was found.
"""
import subprocess
import sys

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


if __name__ == "__main__":
    main()
