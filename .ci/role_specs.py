"""make role-specs: every role's connection options, copied from their one source.

The source is roles/sms/meta/argument_specs.yml, the role every SMS role depends on for its connection
dicts (roles/sms/defaults/main.yml). Role argument specs cannot include each other, so the other roles
hold copies; this rewrites each copy of an option the source declares with the source's text, and with
--check fails, naming them, when a copy differs (tests/unit/roles/test_argument_specs.py runs the check).
Usage: python .ci/role_specs.py [--check] [ROOT]
"""

import os
import re
import sys

SOURCE_ROLE = "sms"
# The connection options: those of the source role whose name starts with one of the planes' prefixes.
PREFIXES = ("nexus_", "gax_", "gauth_", "gc_validate_certs", "gc_ca_path")
OPTION = re.compile(r"^      ([A-Za-z_][A-Za-z0-9_]*):\s*$")


def blocks(text):
    """Option name -> its lines (the key line and every more-indented or blank line after it)."""
    lines = text.splitlines(keepends=True)
    found = {}
    i = 0
    while i < len(lines):
        match = OPTION.match(lines[i])
        if not match:
            i += 1
            continue
        end = i + 1
        while end < len(lines) and (lines[end].strip() == "" or lines[end].startswith("       ")):
            end += 1
        while end > i + 1 and lines[end - 1].strip() == "":
            end -= 1
        found[match.group(1)] = (i, end, "".join(lines[i:end]))
        i = end
    return found


def connection_options(root):
    with open(os.path.join(root, "roles", SOURCE_ROLE, "meta", "argument_specs.yml"), encoding="utf-8") as handle:
        source = blocks(handle.read())
    return {name: block[2] for name, block in source.items() if name.startswith(PREFIXES)}


def synced(text, shared):
    """text with every copy of a shared option replaced by its source; and the names that differed."""
    lines = text.splitlines(keepends=True)
    differed = []
    for name, (start, end, block) in sorted(blocks(text).items(), key=lambda item: -item[1][0]):
        if name in shared and block != shared[name]:
            differed.append(name)
            lines[start:end] = [shared[name]]
    return "".join(lines), sorted(differed)


def main(argv):
    check = "--check" in argv
    args = [a for a in argv if a != "--check"]
    root = args[0] if args else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    shared = connection_options(root)
    stale = []
    for role in sorted(os.listdir(os.path.join(root, "roles"))):
        path = os.path.join(root, "roles", role, "meta", "argument_specs.yml")
        if role == SOURCE_ROLE or not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        new, differed = synced(text, shared)
        if differed:
            stale.append("%s: %s" % (os.path.relpath(path, root), ", ".join(differed)))
            if not check:
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(new)
    if stale and check:
        sys.exit("connection options differ from roles/%s/meta/argument_specs.yml (run make role-specs):\n  %s"
                 % (SOURCE_ROLE, "\n  ".join(stale)))
    for line in stale:
        print("updated " + line)


if __name__ == "__main__":
    main(sys.argv[1:])
