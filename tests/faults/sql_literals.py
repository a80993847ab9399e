#!/usr/bin/env python3
"""Fails if any SQL that agent/journal hands to SQLite is built from something other than string literals.

Every SQLite::Statement, Database::exec and tryExec in agent/journal/*.cpp must take literal SQL (adjacent literals,
raw literals, named constants kSomething, a choice `flag ? "..." : "..."` between literals, or the
select_intervals("...") helper over those); values go through bind(). The only
computed piece allowed is the migration's `PRAGMA user_version = ` + std::to_string(<int>), an integer we compute.
Usage: sql_literals.py SOURCE_DIR   |   sql_literals.py --self-test
"""
import pathlib
import re
import sys

# write_transaction(db, open, body) takes the connection but no SQL: the statements inside its body are checked.
CALL = re.compile(r"(?:SQLite::Statement\s+\w+\s*\(|\b(?!write_transaction\b)\w+\s*\(\s*(?:db|\*db_|copy)\s*,|(?:\.|->)\s*(?:exec|tryExec)\s*\()")
LITERAL = r'"(?:[^"\\]|\\.)*"'
RAW_LITERAL = r'R"(\w*)\((?:.|\n)*?\)\1"'
# A choice between two literals on a plain flag or a query of no arguments: `own_only ? "..." : "..."`.
CHOICE = r"\w+(?:\s*\(\s*\))?\s*\?\s*(?:" + LITERAL + r"\s*)+:\s*(?:" + LITERAL + r"\s*)+"
ALLOWED_PIECES = [
    re.compile(r"\s+"),
    re.compile(CHOICE),
    re.compile(LITERAL),
    re.compile(RAW_LITERAL),
    re.compile(r"\bk[A-Z]\w*"),
    re.compile(r"select_intervals\s*\(\s*(?:" + CHOICE + r"|(?:" + LITERAL + r"\s*)+)\)"),
    re.compile(r"\b(?:true|false)\b"),  # a helper's flag after the connection (all_rows(db, true)): no SQL in it
    re.compile(r"std::to_string\s*\(\s*version\s*\+\s*1\s*\)"),  # the migration step number, an int
    re.compile(r"\+"),
]


def strip_comments(text):
    return re.sub(r"//[^\n]*", "", re.sub(r"/\*.*?\*/", "", text, flags=re.S))


def argument(text, start):
    """The text from `start` (just after the opening parenthesis) to the matching close, strings respected."""
    depth, i = 1, start
    while i < len(text):
        c = text[i]
        if c == '"':
            m = re.compile(LITERAL).match(text, i)
            i = m.end()
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return text[start:i]
        i += 1
    return text[start:]


def only_literals(expr):
    i = 0
    while i < len(expr):
        for piece in ALLOWED_PIECES:
            m = piece.match(expr, i)
            if m and m.end() > i:
                i = m.end()
                break
        else:
            return False
    return True


def check(text, name):
    problems = []
    text = strip_comments(text)
    for m in CALL.finditer(text):
        arg = argument(text, m.end())
        if m.group(0).lstrip(".->").lstrip().startswith(("exec", "tryExec")) and arg.strip() == "":
            continue  # a prepared statement's exec(): nothing to check
        # Drop the database argument of Statement(db, sql) and member(db, sql).
        if "," in arg and re.match(r"\s*(?:db|\*db_|\*db|copy)\s*,", arg):
            arg = arg.split(",", 1)[1]
        elif m.group(0).startswith("SQLite::Statement"):
            arg = arg.split(",", 1)[1] if "," in arg else arg
        if not only_literals(arg.strip()):
            line = text.count("\n", 0, m.start()) + 1
            problems.append(f"{name}:{line}: SQL built from a non-literal: {' '.join(arg.split())[:120]}")
    return problems


def main():
    if sys.argv[1:] == ["--self-test"]:
        bad = 'void f(SQLite::Database& db, std::string who) { SQLite::Statement s(db, "SELECT * FROM t WHERE d = \'" + who + "\'"); db.exec("DELETE FROM t WHERE x = " + who); }'
        good = 'void f(SQLite::Database& db) { SQLite::Statement s(db, "SELECT 1 " "FROM t WHERE d = ?"); s.exec(); db.exec(kSchemaV1); }'
        assert len(check(bad, "bad.cpp")) == 2, check(bad, "bad.cpp")
        assert check(good, "good.cpp") == [], check(good, "good.cpp")
        # A choice must be between literals, and a raw literal is one; a variable in either branch is caught.
        choice_bad = 'void f(SQLite::Database& db, bool own, std::string q) { SQLite::Statement s(db, own ? q : "SELECT 1"); }'
        choice_good = 'void f(SQLite::Database& db, bool own) { SQLite::Statement s(db, own ? "SELECT 1" : "SELECT 2"); db.exec(R"sql(DELETE FROM t)sql"); }'
        assert len(check(choice_bad, "choice_bad.cpp")) == 1, check(choice_bad, "choice_bad.cpp")
        assert check(choice_good, "choice_good.cpp") == [], check(choice_good, "choice_good.cpp")
        print("sql_literals: self-test ok (a concatenated statement is caught, literals pass)")
        return 0
    root = pathlib.Path(sys.argv[1])
    problems, calls = [], 0
    for f in sorted((root / "agent" / "journal").glob("*.cpp")):
        text = f.read_text()
        calls += len(CALL.findall(strip_comments(text)))
        problems += check(text, str(f.relative_to(root)))
    for p in problems:
        print(p)
    print(f"sql_literals: {calls} SQL call sites in agent/journal, {len(problems)} built from non-literals")
    return 1 if problems or calls == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
