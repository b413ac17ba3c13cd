#!/usr/bin/env python3
"""Rows read by the statements whose plans auto_explain logged (JSON, with ANALYZE) in the PostgreSQL log text on
stdin: every row a table or index scan returned, and every row it read and dropped by its filter, over all loops.
A bitmap's index entries are not counted again; its heap rows are. Prints: statements rows_read."""
import json
import sys

HEAP_SCANS = {"Seq Scan", "Index Scan", "Index Only Scan", "Bitmap Heap Scan", "Tid Scan", "Tid Range Scan"}


def rows_read(node):
    total = 0
    if node.get("Node Type") in HEAP_SCANS:
        loops = node.get("Actual Loops", 1)
        total += (node.get("Actual Rows", 0) + node.get("Rows Removed by Filter", 0)
                  + node.get("Rows Removed by Index Recheck", 0)) * loops
    for child in node.get("Plans", []):
        total += rows_read(child)
    return total


def main():
    # A logged plan's lines after the first start with a tab.
    text = "\n".join(line[1:] if line.startswith("\t") else line for line in sys.stdin.read().splitlines())
    decoder = json.JSONDecoder()
    statements = total = 0
    at = text.find("plan:")
    while at >= 0:
        start = text.find("{", at)
        plan, end = decoder.raw_decode(text, start)
        statements += 1
        total += rows_read(plan["Plan"])
        at = text.find("plan:", end)
    print(statements, total)


main()
