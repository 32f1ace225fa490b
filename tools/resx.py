#!/usr/bin/env python3
"""Maintains the Chinese (neutral) and English .resx files of the server from one table.

Usage: tools/resx.py src/GreenFreight.Server/Resources/Text.txt
The table has one entry per line: key<TAB>中文<TAB>English. Lines starting with # are comments.
Writes Text.resx (zh-CN, the neutral language) and Text.en.resx beside it.
"""
import sys, os
from xml.sax.saxutils import escape

HEADER = '''<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
'''

def main(path):
    rows, seen = [], set()
    for n, line in enumerate(open(path, encoding='utf-8'), 1):
        line = line.rstrip('\n')
        if not line.strip() or line.startswith('#'):
            continue
        parts = line.split('\t')
        if len(parts) != 3:
            sys.exit(f'{path}:{n}: expected key<TAB>zh<TAB>en, got {len(parts)} fields')
        if parts[0] in seen:
            sys.exit(f'{path}:{n}: duplicate key {parts[0]}')
        seen.add(parts[0])
        rows.append(parts)
    base = os.path.splitext(path)[0]
    for suffix, col in (('', 1), ('.en', 2)):
        with open(base + suffix + '.resx', 'w', encoding='utf-8') as f:
            f.write(HEADER)
            for r in rows:
                f.write(f'  <data name="{escape(r[0], {chr(34): "&quot;"})}" xml:space="preserve"><value>{escape(r[col])}</value></data>\n')
            f.write('</root>\n')
    print(f'{len(rows)} entries -> {base}.resx, {base}.en.resx')

if __name__ == '__main__':
    main(sys.argv[1])
