"""The docsite's guides, generated from their one source: docs/<name>.md -> docs/docsite/rst/<name>.rst.

antsibull-docs takes extra docs only as RST under docs/docsite/rst/; the guides are Markdown in docs/
(Galaxy shows those, and they read well on GitHub). Every string entry of docs/docsite/extra-docs.yml's
toctrees names a guide; this converts it with pandoc (pypandoc-binary), adds the label antsibull-docs
requires and turns links between guides into :ref: links. `--check` fails if a committed RST file
differs from what the Markdown gives (make docs-lint), so the two never drift.

Usage: .ci/md2rst.py [--check]   (run with the Python of .venv-docs)
"""

import pathlib
import re
import sys

import pypandoc
import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
DOCSITE = ROOT / "docs" / "docsite"
PREFIX = "ansible_collections.cxops.digital_channels.docsite."
LINK = re.compile(r"`([^`<]+?)\s*<([A-Za-z0-9_-]+)\.md>`_{1,2}")


def guides():
    index = yaml.safe_load((DOCSITE / "extra-docs.yml").read_text(encoding="utf-8"))
    for section in index["sections"]:
        for entry in section["toctree"]:
            if isinstance(entry, str):
                yield entry


def render(name, names):
    source = ROOT / "docs" / (name + ".md")
    body = pypandoc.convert_file(str(source), "rst", format="gfm-gfm_auto_identifiers", extra_args=["--wrap=preserve"])

    def link(match):
        target = match.group(2)
        if target not in names:
            sys.exit("docs/%s.md links to %s.md, which is not a guide in extra-docs.yml" % (name, target))
        return ":ref:`%s <%s%s>`" % (match.group(1), PREFIX, target)

    body = LINK.sub(link, body)
    header = (
        "..\n   Generated from docs/%s.md by .ci/md2rst.py (make docs-rst): edit the Markdown, not this file.\n\n"
        ".. _%s%s:\n\n" % (name, PREFIX, name)
    )
    return header + body.rstrip("\n") + "\n"


def main(argv):
    check = "--check" in argv
    names = list(guides())
    out = DOCSITE / "rst"
    out.mkdir(exist_ok=True)
    stale = []
    for name in names:
        target = out / (name + ".rst")
        text = render(name, set(names))
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current == text:
            continue
        if check:
            stale.append(str(target.relative_to(ROOT)))
        else:
            target.write_text(text, encoding="utf-8")
            print("wrote %s" % target.relative_to(ROOT))
    extra = sorted(p.stem for p in out.glob("*.rst") if p.stem not in names)
    if extra:
        stale += ["docs/docsite/rst/%s.rst (no guide in extra-docs.yml)" % e for e in extra]
        if not check:
            for e in extra:
                (out / (e + ".rst")).unlink()
            stale = []
    if stale:
        sys.exit("out of date with docs/*.md, run make docs-rst: " + ", ".join(stale))


if __name__ == "__main__":
    main(sys.argv[1:])
