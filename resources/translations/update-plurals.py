#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The Coffer authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Keeps coffer_en.ts, the English plural forms, in step with the code.

Every tr() with %n and "(s)" in its source ("%n error(s)") needs an English entry, or users
read "1 error(s)". This runs lupdate over app/, models/ and views/, keeps the numerus messages,
and writes each one's English forms: the ones already in the file as they are (so a hand-made
"Every day" stays), new ones by the "(s)" rule ("%n error" / "%n errors"). Entries whose source
is no longer in the code are dropped.

    resources/translations/update-plurals.py          # rewrite coffer_en.ts
    resources/translations/update-plurals.py --check  # exit 1, listing what is missing or stale

lupdate does not always see a class's namespace; the context is completed from the
`namespace coffer::x {` line of the file the message is in, which is what tr() uses at run time.
"""

import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TS = os.path.join(HERE, "coffer_en.ts")
LUPDATE = os.environ.get("LUPDATE", "/usr/lib/qt6/bin/lupdate")

HEADER = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- English plural forms for strings that count, written by update-plurals.py (run it after
     adding a tr() with %n; the forms of entries already here may be edited by hand). -->
<TS version="2.1" language="en_US">
"""


def file_namespace(path, cache={}):
    """The first named namespace a source file opens: "coffer::content" or "coffer"."""
    if path not in cache:
        names = []
        with open(path, encoding="utf-8") as source:
            for line in source:
                match = re.match(r"namespace ([A-Za-z_:]+) \{", line)
                if match:
                    names.append(match.group(1))
                    # "namespace coffer {" then "namespace aws {": nested
                    if "::" in match.group(1) or len(names) > 1:
                        break
                elif names and line.startswith("class "):
                    break
        cache[path] = "::".join(names)
    return cache[path]


def code_messages():
    """[(context, source)] of every numerus message in the code, in lupdate's order."""
    with tempfile.TemporaryDirectory() as folder:
        ts = os.path.join(folder, "all.ts")
        subprocess.run([LUPDATE, "-silent", "app", "models", "views", "-ts", ts], cwd=ROOT,
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        tree = ET.parse(ts)
    found = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            if message.get("numerus") != "yes":
                continue
            source = message.findtext("source")
            full = name
            if "::" not in name:
                location = message.find("location")
                # relative to the .ts file
                path = os.path.normpath(os.path.join(folder, location.get("filename")))
                namespace = file_namespace(path)
                full = f"{namespace}::{name}" if namespace else name
            if (full, source) not in found:
                found.append((full, source))
    return found


def existing():
    """{(context, source): [forms]} of coffer_en.ts."""
    forms = {}
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            forms[(name, message.findtext("source"))] = [f.text or "" for f in translation.iter("numerusform")]
    return forms


def english(source):
    return [source.replace("(s)", ""), source.replace("(s)", "s")]


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def main():
    check = "--check" in sys.argv[1:]
    have = existing()
    wanted = [(c, s) for c, s in code_messages() if "(s)" in s or (c, s) in have]
    missing = [key for key in wanted if key not in have]
    stale = [key for key in have if key not in wanted]
    if check:
        for context, source in missing:
            print(f"coffer_en.ts: no English plural for {context}: {source!r}")
        for context, source in stale:
            print(f"coffer_en.ts: {context}: {source!r} is no longer in the code")
        if missing or stale:
            print("Run resources/translations/update-plurals.py to update it.")
            return 1
        return 0

    out = [HEADER]
    contexts = []
    for context, _ in wanted:
        if context not in contexts:
            contexts.append(context)
    for context in contexts:
        out.append(f"<context>\n    <name>{escape(context)}</name>\n")
        for name, source in wanted:
            if name != context:
                continue
            forms = have.get((name, source)) or english(source)
            out.append('    <message numerus="yes">\n')
            out.append(f"        <source>{escape(source)}</source>\n        <translation>\n")
            for form in forms:
                out.append(f"            <numerusform>{escape(form)}</numerusform>\n")
            out.append("        </translation>\n    </message>\n")
        out.append("</context>\n")
    out.append("</TS>\n")
    with open(TS, "w", encoding="utf-8") as ts:
        ts.write("".join(out))
    print(f"coffer_en.ts: {len(wanted)} messages, {len(missing)} new, {len(stale)} dropped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
