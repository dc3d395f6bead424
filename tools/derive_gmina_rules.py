#!/usr/bin/env python3
"""Derives rules/gmina/*.tsv from ../shared/data (gazetteer and first names).

Run from the repository root:  python3 tools/derive_gmina_rules.py [DATA_DIR]
The pipeline itself reads only rules/gmina/; this script documents how the tables were made.
"""
import csv
import os
import sys

DATA = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data"
OUT = "rules/gmina"

NOTICE = """# Derived from the komunikat reference data (shared/data/gazetteer, shared/data/names)
# by tools/derive_gmina_rules.py.
# Licence notice: inflected forms were generated with Morfeusz 2 and the SGJP dictionary
# (Grammatical Dictionary of Polish, sgjp.pl), which is distributed under the 2-clause BSD
# licence, copyright by its authors; keep this notice with any file derived from them. The
# TERC register is public data of Statistics Poland (GUS); the PESEL name statistics are
# open data published by the Polish government.
"""

FOLD = str.maketrans("ąćęłńóśźż", "acelnoszz")


def fold(s):
    return s.lower().translate(FOLD)


def read(path):
    with open(os.path.join(DATA, path), encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def write(name, header, rows, note=""):
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        f.write(NOTICE)
        if note:
            f.write(note)
        f.write("\t".join(header) + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")


def osa(a, b):
    """Optimal string alignment distance (Levenshtein with adjacent transpositions)."""
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            c = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + c)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def main():
    gminas = read("gazetteer/gminas.tsv")
    write("gminas.tsv", ["teryt", "name", "kind", "powiat", "voivodeship"],
          [[g["teryt"], g["name"], g["kind"], g["powiat"], g["voivodeship"]] for g in gminas],
          "# State 2026-01-01 (TERC 2024-01-01 + teryt_changes_since_2024.tsv).\n")
    powiats = read("gazetteer/powiats.tsv")
    write("powiats.tsv", ["code", "name", "type", "voivodeship"],
          [[p["code"], p["name"], p["type"], p["voivodeship"]] for p in powiats])
    voivs = read("gazetteer/voivodeships.tsv")
    write("voivodeships.tsv", ["code", "name"], [[v["code"], v["name"]] for v in voivs])

    forms = read("gazetteer/gmina_forms.tsv")
    nominative = {g["name"]: g["name"] for g in gminas}
    rows = []
    seen = set()

    def add(name, case, form):
        if (name, form) not in seen:
            seen.add((name, form))
            rows.append([name, case, form])

    gen = {f["name"]: f["form"].split() for f in forms if f["case"] == "gen"}
    for f in forms:
        add(f["name"], f["case"], f["form"])
        # Neuter adjectival words ("Wysokie", genitive "Wysokiego") have an older -em
        # locative/instrumental ("Wysokiem") and the newer -ym/-im ("Wysokim"); texts
        # write both, whichever the dictionary gave.
        nom_words = f["name"].split()
        words = f["form"].split()
        gen_words = gen.get(f["name"], [])
        if f["case"] not in ("loc", "inst") or len(words) != len(nom_words) or len(gen_words) != len(nom_words):
            continue
        old, new = [], []
        for w, n, g in zip(words, nom_words, gen_words):
            if n.endswith("e") and g.endswith("ego") and w in (n + "m", n[:-1] + "m", n[:-1] + "ym"):
                old.append(n + "m")
                new.append(n[:-1] + ("m" if n.endswith("ie") else "ym"))
            else:
                old.append(w)
                new.append(w)
        for v, tag in ((old, "-em"), (new, "-ym")):
            if v != words:
                add(f["name"], f["case"] + tag, " ".join(v))
    # A name with a parenthesised qualifier ("Dobra (Szczecińska)") is written without it.
    for g in gminas:
        name = g["name"]
        if "(" in name:
            bare = name.split("(")[0].strip()
            add(name, "alias", bare)
            for f in forms:
                if f["name"] == name and "(" in f["form"]:
                    add(name, "alias-" + f["case"], f["form"].split("(")[0].strip())
    write("gmina_forms.tsv", ["name", "case", "form"], rows,
          "# Every gmina name inflected word by word; the nominative is the name itself.\n"
          "# Extra cases: loc-em/loc-ym/inst-em/inst-ym (both spellings of neuter adjectival words), alias.\n")

    # First-name forms that equal or nearly equal a gmina form: after "Wójt Gminy" a first
    # name followed by a surname is a person, not a gmina ("Wójt Gminy Marek Nowak").
    gforms = set(fold(n) for n in nominative) | set(fold(r[2]) for r in rows)
    gforms = [g for g in gforms if " " not in g]
    by_len = {}
    for g in gforms:
        by_len.setdefault(len(g), []).append(g)
    names = set()
    for r in read("names/first_names.tsv"):
        if int(r["count"]) >= 500:
            names.add(r["name"].title())
    for r in read("names/first_name_forms.tsv"):
        names.add(r["form"].title())
    guard = []
    for n in sorted(names):
        fn = fold(n)
        near = any(
            (g == fn) or (len(fn) >= 5 and g[:1] == fn[:1] and osa(fn, g) <= 1)
            for l in (len(fn) - 1, len(fn), len(fn) + 1)
            for g in by_len.get(l, [])
        )
        if near:
            guard.append([n])
    write("first_names.tsv", ["form"], guard,
          "# First-name forms equal or within one edit of a gmina form: not read as a gmina\n"
          "# when a capitalised word (a surname) follows.\n")


if __name__ == "__main__":
    main()
