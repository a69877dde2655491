"""Doxygen INPUT_FILTER for the Markdown pages (docs/reference/Doxyfile.in).

GitHub gives every heading an anchor (`## Install and consume` ->
`#install-and-consume`) and README.md links to them; Doxygen 1.9 only knows
the labels written as `{#label}`. This adds GitHub's label to every heading
below the title, outside code fences, so the same links work in both.
Reads the file named by argv[1], writes the filtered text to stdout.
"""

import re
import sys

HEADING = re.compile(r"^(#{2,6})\s+(.*?)\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")


def github_label(title):
    text = re.sub(r"`|\*\*|__", "", title).strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def main(path):
    fenced = False
    seen = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if FENCE.match(line):
                fenced = not fenced
            match = None if fenced else HEADING.match(line)
            if match and not match.group(2).endswith("}"):
                label = github_label(match.group(2))
                count = seen.get(label, 0)
                seen[label] = count + 1
                if count:
                    label += f"-{count}"
                line = f"{match.group(1)} {match.group(2)} {{#{label}}}\n"
            sys.stdout.write(line)


if __name__ == "__main__":
    main(sys.argv[1])
