#!/usr/bin/env python3
"""Derives rules/gmina/localities.tsv from ../shared/data/gazetteer/localities.tsv.

Run from the repository root:  python3 tools/derive_locality_rules.py [DATA_DIR]
Keeps every independent locality (village, town, colony, settlement) with its SIMC id,
kind and gmina TERYT code; the gmina's name is left out (rules/gmina/gminas.tsv has it).
The inflected forms are not stored: the pipeline makes them at load time from the endings
in rules/gmina/locality_endings.tsv.
"""
import csv
import os
import sys

DATA = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data"
OUT = "rules/gmina/localities.tsv"

NOTICE = """# Derived from the komunikat reference data (shared/data/gazetteer/localities.tsv)
# by tools/derive_locality_rules.py; rerun it when the reference data change.
# Licence notice: the SIMC and TERC registers are public data of Statistics Poland (GUS).
# Inflected forms of gmina names elsewhere in rules/gmina/ were generated with Morfeusz 2
# and the SGJP dictionary (Grammatical Dictionary of Polish, sgjp.pl), which is distributed
# under the 2-clause BSD licence, copyright by its authors; keep this notice with any file
# derived from them.
"""


def main():
    with open(os.path.join(DATA, "gazetteer/localities.tsv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    rows.sort(key=lambda r: (r["name"], r["simc"]))
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(NOTICE)
        f.write("simc\tname\tkind\tgmina_teryt\n")
        for r in rows:
            f.write("\t".join([r["simc"], r["name"], r["kind"], r["gmina_teryt"]]) + "\n")
    print(f"{OUT}: {len(rows)} localities")


if __name__ == "__main__":
    main()
