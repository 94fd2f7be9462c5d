#!/usr/bin/env python3
"""regex_baseline.py - the baseline of `make bench`: what users write instead
of imr2xml, a script of regular expressions (Python 3, the re module).

    regex_baseline.py [-j N] OUTDIR LIST

For each path in LIST (one a line) it reads the letter, flattens its white
space (double spacing, page breaks and -layout columns go with it) and takes
out, with one regular expression each, what such scripts take out: the case
number and the header dates, the reviewer's certifications and states of
licensure, the patient's age and sex, and for each item its title, its
decision, the guideline bodies each side cited and the rationale's conclusion.
It writes them to OUTDIR/<path>.json (a/b/x.txt -> OUTDIR/a/b/x.json, as
imr2xml maps its XML) and nothing else: no validation, no diagnostics, no
line numbers, no manifest.  A letter it cannot read gets a JSON with what
was found.  -j N runs N worker processes (multiprocessing), for the
comparison with imr2xml -j N.  Prints one line on stdout:

    regex-baseline: D documents, I items in S s, R documents/s, peak RSS M MB
"""
import json
import os
import re
import resource
import sys
import time
from multiprocessing import Pool

SPACE = re.compile(r"\s+")
CASE = re.compile(r"\bCM\d\d-\d{7}\b")
# pdftotext -layout: each label followed by its value ("Application" and
# "Received:" on two lines, the value between them).
HEADER_LAYOUT = re.compile(r"(Date Assigned|Decision Date|Priority|Date of Injury|UR Denial Date): (\S+)")
APPLICATION = re.compile(r"Application (\S+) Received:")
# Plain pdftotext: four labels, then their four values; three, then three.
HEADER_PLAIN = re.compile(r"Case Number: Date Assigned: Decision Date: Priority: (\S+) (\S+) (\S+) (\S+) "
                          r"Date of Injury: UR Denial Date: Application Received: (\S+) (\S+) (\S+)")
LICENSURE = re.compile(r"State\(s\) of Licensure: (.*?) Certification\(s\)/Specialty: (.*?) CLINICAL CASE")
BOARD = re.compile(r"Board Certified in (.+?)(?:, has a subspecialty in (.+?))? and is licensed to "
                   r"practice in (.+?)\.")
AGE = re.compile(r"\b(\d{1,3})[- ]year[- ]old\b")
SEX = re.compile(r"\b(male|female)\b", re.I)
HE = re.compile(r"\b(?:he|his|him)\b(?!/)", re.I)
SHE = re.compile(r"(?<!/)\b(?:she|her|hers)\b", re.I)
ISSUES = re.compile(r"set forth below: (.*)", re.S)
ITEM_SPLIT = re.compile(r"Claims Administrator guideline:")
DECISION = re.compile(r"(.*?):? (Upheld|Overturned)\s*$", re.S)
# The rationale ends at its last "medically necessary." sentence; what follows
# is the next item's title.
RATIONALE_END = re.compile(r"(.*medically (?:necessary|appropriate)[^.]*\.)\s*(.*)$", re.S)
MAXIMUS = re.compile(r"(.*?)MAXIMUS guideline:(.*?)Decision rationale:(.*)", re.S)
BODY = re.compile(r"\b(MTUS|ACOEM|ODG|Official Disability Guidelines)\b")
CONCLUSION = re.compile(r"(not )?medically (?:necessary|appropriate)")


def bodies(text):
    found = {"Official Disability Guidelines": "ODG"}
    out = []
    for b in BODY.findall(text):
        b = found.get(b, b)
        if b not in out:
            out.append(b)
    return out


def extract(raw):
    text = SPACE.sub(" ", raw)
    doc = {"variant": "imr-2016" if "Case Number:" in text else "imr-2014"}
    m = CASE.search(text)
    doc["case_number"] = m.group(0) if m else None
    m = HEADER_PLAIN.search(text)
    if m:
        keys = ("case", "date_assigned", "decision_date", "priority", "date_of_injury", "ur_denial_date",
                "application_received")
        doc.update({k: v for k, v in zip(keys, m.groups()) if k != "case"})
    else:
        for label, value in HEADER_LAYOUT.findall(text):
            doc[label.lower().replace(" ", "_")] = value
        m = APPLICATION.search(text)
        if m:
            doc["application_received"] = m.group(1)
    m = LICENSURE.search(text)
    if m:
        doc["licensure"] = [s.strip() for s in m.group(1).split(",") if s.strip()]
        doc["certifications"] = [s.strip() for s in m.group(2).split(",") if s.strip()]
    else:
        m = BOARD.search(text)
        if m:
            doc["certifications"] = [m.group(1)] + ([m.group(2)] if m.group(2) else [])
            doc["licensure"] = [s for s in re.split(r",? and |, ", m.group(3)) if s]
    doc["reviewer"] = "physician" if "physician reviewer" in text else "expert"
    m = AGE.search(text)
    doc["age"] = int(m.group(1)) if m else None
    m = SEX.search(text)
    if m:
        doc["sex"] = m.group(1).lower()
    else:
        he, she = len(HE.findall(text)), len(SHE.findall(text))
        doc["sex"] = "male" if he > she else "female" if she > he else None
    doc["items"] = items = []
    m = ISSUES.search(text)
    if not m:
        return doc
    chunks = ITEM_SPLIT.split(m.group(1))
    title = chunks[0]
    for i, chunk in enumerate(chunks[1:]):
        last = i == len(chunks) - 2
        g = MAXIMUS.match(chunk)
        if not g:
            break
        ca, maximus, rationale = g.groups()
        nxt = None
        if not last:
            r = RATIONALE_END.match(rationale)
            if r:
                rationale, nxt = r.groups()
        d = DECISION.match(title.strip())
        concl = CONCLUSION.findall(rationale)
        items.append({
            "title": d.group(1).strip() if d else title.strip(),
            "decision": d.group(2).lower() if d else None,
            "claims_administrator_cited": bodies(ca),
            "maximus_cited": bodies(maximus),
            "maximus_cited_evidence": "did not cite" not in maximus,
            "conclusion": None if not concl else
                          "not-medically-necessary" if concl[-1] else "medically-necessary",
        })
        title = nxt or ""
    return doc


def output_path(outdir, path):
    parts = ["__" if p == ".." else p for p in path.split("/") if p not in ("", ".")]
    base = os.path.join(outdir, *parts)
    return (base[:-4] if base.endswith(".txt") else base) + ".json"


made = set()


def convert(job):
    outdir, path = job
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            doc = extract(f.read())
        out = output_path(outdir, path)
        d = os.path.dirname(out)
        if d not in made:
            os.makedirs(d, exist_ok=True)
            made.add(d)
        with open(out, "w") as f:
            json.dump(doc, f, indent=1)
        return len(doc["items"])
    except OSError as e:
        print(f"{path}: {e.strerror}", file=sys.stderr)
        return -1


def main(argv):
    jobs = 1
    if len(argv) > 2 and argv[0] == "-j":
        jobs, argv = int(argv[1]), argv[2:]
    if len(argv) != 2 or jobs < 1:
        sys.exit("usage: regex_baseline.py [-j N] OUTDIR LIST")
    outdir, listfile = argv
    with open(listfile) as f:
        paths = [line.rstrip("\n") for line in f if line.strip()]
    start = time.monotonic()
    work = ((outdir, p) for p in paths)
    if jobs == 1:
        counts = [convert(j) for j in work]
    else:
        with Pool(jobs) as pool:
            counts = list(pool.imap(convert, work, chunksize=64))
    seconds = time.monotonic() - start
    rss = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
              resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    print(f"regex-baseline: {len(paths)} documents, {sum(c for c in counts if c > 0)} items in {seconds:.2f} s, "
          f"{len(paths) / seconds:.0f} documents/s, peak RSS {rss // 1024} MB")
    return 1 if any(c < 0 for c in counts) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
