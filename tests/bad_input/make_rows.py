#!/usr/bin/env python3
"""Prints a CSV export of N half-hour active intervals from 2025-01-06 on: a file big enough to fill a small disk."""
import datetime
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
start = datetime.datetime(2025, 1, 6, 7, 0)
print("start,end,state,utc_offset,work_day,source,device")
for i in range(n):
    a = start + datetime.timedelta(minutes=30 * i)
    b = a + datetime.timedelta(minutes=20)
    print(f"{a:%Y-%m-%dT%H:%M:%SZ},{b:%Y-%m-%dT%H:%M:%SZ},active,+01:00,,import,desk")
