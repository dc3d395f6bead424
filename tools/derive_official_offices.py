#!/usr/bin/env python3
"""Writes rules/official/offices.tsv: every office word with its case forms.

Paradigms are listed here once (nominative, genitive, dative, accusative, instrumental,
locative) and expanded to one row per form with the set of cases it stands for, so that a
form shared by several cases ("wójta": gen, acc) is one row. `holder` says who the form
is used for: m (masculine title; a woman holding it keeps the nominative form in every
case) or f (a feminine title, declined). Run from the repository root.
"""
from collections import OrderedDict

CASES = ["nom", "gen", "dat", "acc", "inst", "loc"]

# lemma: (holder, [nom, gen, dat, acc, inst, loc])
PARADIGMS = [
    ("m", ["wójt", "wójta", "wójtowi", "wójta", "wójtem", "wójcie"]),
    ("m", ["burmistrz", "burmistrza", "burmistrzowi", "burmistrza", "burmistrzem", "burmistrzu"]),
    ("m", ["prezydent", "prezydenta", "prezydentowi", "prezydenta", "prezydentem", "prezydencie"]),
    ("m", ["starosta", "starosty", "staroście", "starostę", "starostą", "staroście"]),
    ("m", ["marszałek", "marszałka", "marszałkowi", "marszałka", "marszałkiem", "marszałku"]),
    ("m", ["wojewoda", "wojewody", "wojewodzie", "wojewodę", "wojewodą", "wojewodzie"]),
    ("m", ["zastępca", "zastępcy", "zastępcy", "zastępcę", "zastępcą", "zastępcy"]),
    ("f", ["zastępczyni", "zastępczyni", "zastępczyni", "zastępczynię", "zastępczynią", "zastępczyni"]),
    ("m", ["członek", "członka", "członkowi", "członka", "członkiem", "członku"]),
    ("f", ["członkini", "członkini", "członkini", "członkinię", "członkinią", "członkini"]),
    ("m", ["skarbnik", "skarbnika", "skarbnikowi", "skarbnika", "skarbnikiem", "skarbniku"]),
    ("m", ["sekretarz", "sekretarza", "sekretarzowi", "sekretarza", "sekretarzem", "sekretarzu"]),
    ("m", ["sołtys", "sołtysa", "sołtysowi", "sołtysa", "sołtysem", "sołtysie"]),
    ("f", ["sołtyska", "sołtyski", "sołtysce", "sołtyskę", "sołtyską", "sołtysce"]),
    ("m", ["przewodniczący", "przewodniczącego", "przewodniczącemu", "przewodniczącego", "przewodniczącym", "przewodniczącym"]),
    ("f", ["przewodnicząca", "przewodniczącej", "przewodniczącej", "przewodniczącą", "przewodniczącą", "przewodniczącej"]),
    ("m", ["radny", "radnego", "radnemu", "radnego", "radnym", "radnym"]),
    ("f", ["radna", "radnej", "radnej", "radną", "radną", "radnej"]),
    ("m", ["poseł", "posła", "posłowi", "posła", "posłem", "pośle"]),
    ("f", ["posłanka", "posłanki", "posłance", "posłankę", "posłanką", "posłance"]),
    ("m", ["senator", "senatora", "senatorowi", "senatora", "senatorem", "senatorze"]),
    ("f", ["senatorka", "senatorki", "senatorce", "senatorkę", "senatorką", "senatorce"]),
    ("m", ["minister", "ministra", "ministrowi", "ministra", "ministrem", "ministrze"]),
    ("m", ["dyrektor", "dyrektora", "dyrektorowi", "dyrektora", "dyrektorem", "dyrektorze"]),
    ("f", ["dyrektorka", "dyrektorki", "dyrektorce", "dyrektorkę", "dyrektorką", "dyrektorce"]),
    ("m", ["kierownik", "kierownika", "kierownikowi", "kierownika", "kierownikiem", "kierowniku"]),
    ("f", ["kierowniczka", "kierowniczki", "kierowniczce", "kierowniczkę", "kierowniczką", "kierowniczce"]),
    ("m", ["prezes", "prezesa", "prezesowi", "prezesa", "prezesem", "prezesie"]),
    ("f", ["prezeska", "prezeski", "prezesce", "prezeskę", "prezeską", "prezesce"]),
    ("m", ["komendant", "komendanta", "komendantowi", "komendanta", "komendantem", "komendancie"]),
    ("m", ["naczelnik", "naczelnika", "naczelnikowi", "naczelnika", "naczelnikiem", "naczelniku"]),
    ("m", ["rektor", "rektora", "rektorowi", "rektora", "rektorem", "rektorze"]),
    ("m", ["prorektor", "prorektora", "prorektorowi", "prorektora", "prorektorem", "prorektorze"]),
    ("m", ["dziekan", "dziekana", "dziekanowi", "dziekana", "dziekanem", "dziekanie"]),
    ("m", ["kurator", "kuratora", "kuratorowi", "kuratora", "kuratorem", "kuratorze"]),
    ("m", ["rzecznik", "rzecznika", "rzecznikowi", "rzecznika", "rzecznikiem", "rzeczniku"]),
    ("m", ["pełnomocnik", "pełnomocnika", "pełnomocnikowi", "pełnomocnika", "pełnomocnikiem", "pełnomocniku"]),
    ("m", ["podsekretarz", "podsekretarza", "podsekretarzowi", "podsekretarza", "podsekretarzem", "podsekretarzu"]),
    ("m", ["komisarz", "komisarza", "komisarzowi", "komisarza", "komisarzem", "komisarzu"]),
    ("m", ["inspektor", "inspektora", "inspektorowi", "inspektora", "inspektorem", "inspektorze"]),
    ("m", ["nadleśniczy", "nadleśniczego", "nadleśniczemu", "nadleśniczego", "nadleśniczym", "nadleśniczym"]),
    ("m", ["prokurator", "prokuratora", "prokuratorowi", "prokuratora", "prokuratorem", "prokuratorze"]),
    ("m", ["szef", "szefa", "szefowi", "szefa", "szefem", "szefie"]),
    ("f", ["szefowa", "szefowej", "szefowej", "szefową", "szefową", "szefowej"]),
    ("m", ["prezes", "prezesa", "prezesowi", "prezesa", "prezesem", "prezesie"]),
]

rows = OrderedDict()
for holder, forms in PARADIGMS:
    lemma = forms[0]
    for case, form in zip(CASES, forms):
        key = (form, lemma, holder)
        rows.setdefault(key, [])
        if case not in rows[key]:
            rows[key].append(case)

with open("rules/official/offices.tsv", "w", encoding="utf-8") as out:
    out.write("# Office words and their case forms; generated by tools/derive_official_offices.py.\n")
    out.write("# holder m: masculine title (a woman holding it keeps the nominative in every case);\n")
    out.write("# holder f: feminine title, declined. Prefixes (wice-) are in words.toml.\n")
    out.write("form\tlemma\tcases\tholder\n")
    for (form, lemma, holder), cases in rows.items():
        out.write(f"{form}\t{lemma}\t{','.join(cases)}\t{holder}\n")
