#!/usr/bin/env python3
"""Publishes the static-host forwarder with the app: dist/static-host/ gets the CloudFormation
template, the function's code, and index.html, which is the README's "Static hosting" section
as a page (the Submit section links to it when a page has no way through to SageMaker).

    python3 scripts/static_host_guide.py dist

The README stays the one text: this reads the little Markdown that section uses (paragraphs,
numbered and bulleted lists, fenced code, `code`, **bold**, *emphasis* and links).
"""
import html
import os
import re
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SECTION = "## Static hosting"


def inline(text):
    parts = re.split(r"(`[^`]*`)", text)
    out = []
    for part in parts:
        if part.startswith("`") and part.endswith("`") and len(part) > 1:
            out.append(f"<code>{html.escape(part[1:-1])}</code>")
            continue
        part = html.escape(part, quote=False)
        part = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", part)
        part = re.sub(r"\*(.+?)\*", r"<em>\1</em>", part)
        # Links into the repository or the README become plain text: the page has neither.
        part = re.sub(r"\[([^\]]+)\]\((https?://[^)]+)\)", r'<a href="\2">\1</a>', part)
        part = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", part)
        out.append(part)
    return "".join(out)


def to_html(markdown):
    """The HTML of the Markdown subset described above."""
    out, paragraph, lists, code = [], [], [], None

    def flush():
        if paragraph:
            out.append(f"<p>{inline(' '.join(paragraph))}</p>")
            paragraph.clear()

    for line in markdown.splitlines():
        stripped = line.strip()
        if code is not None:
            if stripped.startswith("```"):
                out.append(f"<pre><code>{html.escape(chr(10).join(code))}</code></pre>")
                code = None
            else:
                # The fence's own indent (inside a list item) is not part of the code.
                code.append(line[min(len(line) - len(line.lstrip()), code_indent):])
            continue
        if stripped.startswith("```"):
            flush()
            code, code_indent = [], len(line) - len(line.lstrip())
            continue
        item = re.match(r"^(\d+\.|-) (.*)$", line)
        if item:
            flush()
            kind = "ol" if item.group(1)[0].isdigit() else "ul"
            if not lists:
                out.append(f"<{kind}>")
                lists.append(kind)
            else:
                out.append("</li>")
            out.append("<li>")
            paragraph.append(item.group(2))
            continue
        if not stripped:
            flush()
            continue
        if lists and not line.startswith(" "):
            flush()
            out.append(f"</li></{lists.pop()}>")
        if stripped.startswith("#"):
            flush()
            level = len(stripped) - len(stripped.lstrip("#"))
            out.append(f"<h{level}>{inline(stripped.lstrip('#').strip())}</h{level}>")
            continue
        paragraph.append(stripped)
    flush()
    while lists:
        out.append(f"</li></{lists.pop()}>")
    return "\n".join(out)


def section(readme):
    start = readme.index(SECTION + "\n")
    end = readme.find("\n## ", start + len(SECTION))
    return readme[start:end if end >= 0 else len(readme)]


def main(dist):
    with open(os.path.join(ROOT, "README.md")) as f:
        text = section(f.read())
    folder = os.path.join(dist, "static-host")
    os.makedirs(folder, exist_ok=True)
    for name in ["template.yaml", "forwarder.py"]:
        shutil.copy(os.path.join(ROOT, "deploy", "static-host", name), os.path.join(folder, name))
    body = to_html(text.replace(SECTION, "# Training Job Studio on a static host", 1))
    page = ('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            "<title>Training Job Studio on a static host</title>\n"
            '<link rel="stylesheet" href="guide.css">\n</head>\n<body>\n'
            f'{body}\n<p>Files: <a href="template.yaml">template.yaml</a> (the CloudFormation template), '
            '<a href="forwarder.py">forwarder.py</a> (the function\'s code, already inside the template). '
            '<a href="../index.html">Back to the app</a>.</p>\n</body>\n</html>\n')
    with open(os.path.join(folder, "index.html"), "w") as f:
        f.write(page)
    # A file of its own: the nginx recipe's Content-Security-Policy allows no inline style.
    with open(os.path.join(folder, "guide.css"), "w") as f:
        f.write("body{max-width:48rem;margin:2rem auto;padding:0 1rem;font:16px/1.5 system-ui,sans-serif}"
                "pre{overflow-x:auto;background:#f3f4f6;padding:.75rem}code{font-size:.9em}\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "dist"))
