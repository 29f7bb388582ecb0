"""Reads .xlsx files with openpyxl (an independent reader) and prints what each cell holds, as JSON.

    python3 openpyxlRead.py FILE...  ->  {"FILE": {"sheets": [{"name", "cells": {"A1": [value, formula]},
                                                               "links": {"A1": target}}]} | {"error": "..."}}

Values as the product's grids hold them: dates and times as ISO text ("2020-06-30", or the UTC timestamp with
milliseconds), errors as their text, empty text as nothing; formulas without their "=".
"""
import datetime
import json
import sys
import warnings

import openpyxl
from openpyxl.utils import get_column_letter

warnings.simplefilter("ignore")


def iso(value):
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0, 0):
            return value.date().isoformat()
        return value.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (value.microsecond // 1000)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return iso(datetime.datetime.combine(datetime.date(1899, 12, 30), value))
    return value


def shown(value):
    if value is None or value == "":
        return None
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return iso(value)
    if isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def read(path):
    values = openpyxl.load_workbook(path, data_only=True)
    formulas = openpyxl.load_workbook(path, data_only=False)
    sheets = []
    for ws in values.worksheets:
        fs = formulas[ws.title]
        cells = {}
        links = {}
        # The cells the sheet holds, not the rectangle up to the last one.
        for (r, c), cell in list(ws._cells.items()):
            address = "%s%d" % (get_column_letter(c), r)
            formula = fs._cells.get((r, c))
            text = getattr(formula, "value", None)
            text = getattr(text, "text", text)  # an ArrayFormula
            written = text[1:] if isinstance(text, str) and text.startswith("=") else None
            value = shown(cell.value)
            if value is not None or written is not None:
                cells[address] = [value, written]
            if cell.hyperlink is not None and cell.hyperlink.target:
                links[address] = cell.hyperlink.target
        sheets.append({"name": ws.title, "cells": cells, "links": links})
    return {"sheets": sheets}


out = {}
for path in sys.argv[1:]:
    try:
        out[path] = read(path)
    except Exception as e:  # what openpyxl refuses, by its own reason
        out[path] = {"error": "%s: %s" % (type(e).__name__, e)}
print(json.dumps(out, ensure_ascii=False))
