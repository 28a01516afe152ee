"""The small line markup a document template renders to, and the filters that keep users' text out of it.

One line, one block:
    @office 大莫古镇人民代表大会主席团      the issuing office in the 版头 (red)
    @number 大莫古镇人大〔2026〕12号        the 发文字号 (a red rule follows it)
    @title  …                           the title (more @title lines for a title on several lines)
    @to     …                           the 主送 line
    # 一、…                             a first-level heading (黑体)
    ## （一）…                          a second-level heading (楷体)
    !| a | b |                          a table's header row (bold)
    | a | b |                           a table row (a blank line starts another table)
    @signature …  / @date …             the 落款 and the date under it
    @cc …                               the 抄送 line at the end
    @page                               a page break
    anything else                       a paragraph of the body
A line beginning with a backslash is text whatever follows it: the `doc` filter puts one before every line of
a user's text, so a deputy's "# 1" or "@title" stays the words they wrote."""

from dataclasses import dataclass, field

from congress.text import strip_control

DIRECTIVES = ("office", "number", "title", "to", "signature", "date", "cc", "page")


def clean(text: object) -> str:
    """Text safe to put in a document: no control characters, one kind of line end, tabs as spaces."""
    value = "" if text is None else str(text)
    return strip_control(value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))


def escape_lines(text: object) -> str:
    """A user's text as body paragraphs, one per non-empty line, never read as markup."""
    return "\n".join("\\" + line.strip() for line in clean(text).split("\n") if line.strip())


def inline(text: object) -> str:
    """A user's text inside a line of the template: on one line."""
    return " ".join(clean(text).split("\n")).strip()


def cell(text: object) -> str:
    """A user's text inside a table cell: on one line, and a bar never splits the cell."""
    return inline(text).replace("|", "｜")


@dataclass
class Block:
    kind: str  # "p", "h1", "h2", "table", or a directive's name
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)
    heads: list[bool] = field(default_factory=list)  # per row of a table: a header row


def parse(rendered: str) -> list[Block]:
    """The blocks of a rendered template, in order; rows of a table gathered into one block."""
    blocks: list[Block] = []
    blank = False
    for raw in clean(rendered).split("\n"):
        line = raw.strip()
        if not line:
            blank = True
            continue
        table = blocks[-1] if blocks and blocks[-1].kind == "table" and not blank else None
        blank = False
        if line.startswith("\\"):
            blocks.append(Block("p", line[1:]))
        elif line.startswith("## "):
            blocks.append(Block("h2", line[3:].strip()))
        elif line.startswith("# "):
            blocks.append(Block("h1", line[2:].strip()))
        elif line.startswith(("|", "!|")):
            if table is None:  # a blank line starts another table
                table = Block("table")
                blocks.append(table)
            table.heads.append(line.startswith("!"))
            table.rows.append([part.strip() for part in line.lstrip("!").strip("|").split("|")])
        elif line.startswith("@") and (name := line[1:].split(" ", 1)[0]) in DIRECTIVES:
            blocks.append(Block(name, line[len(name) + 1 :].strip()))
        else:
            blocks.append(Block("p", line))
    return blocks
