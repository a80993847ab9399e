#!/usr/bin/python3
"""Checks the resources of a Windows program (clockout.exe) without Windows: its icon group and icon sizes, its
manifest's settings, its version. Reads the PE file's resource directory (the .rsrc section) itself: no tool in Debian
lists them. Usage: pe_resources.py clockout.exe VERSION. Prints what it found; one FAIL line per missing thing, exit 1.
"""
import struct
import sys

RT_ICON, RT_GROUP_ICON, RT_VERSION, RT_MANIFEST = 3, 14, 16, 24


def sections(data):
    pe = struct.unpack_from("<I", data, 0x3C)[0]
    if data[pe:pe + 4] != b"PE\0\0":
        raise ValueError("not a PE file")
    count = struct.unpack_from("<H", data, pe + 6)[0]
    optional_size = struct.unpack_from("<H", data, pe + 20)[0]
    table = pe + 24 + optional_size
    for i in range(count):
        name, vsize, vaddr, rsize, raddr = struct.unpack_from("<8sIIII", data, table + 40 * i)
        yield name.rstrip(b"\0").decode(), vaddr, vsize, raddr, rsize


def resources(data):
    """{type: {name: bytes of the first language}} of the .rsrc section."""
    rsrc = next((s for s in sections(data) if s[0] == ".rsrc"), None)
    if rsrc is None:
        return {}
    _, vaddr, _, raddr, _ = rsrc

    def directory(offset):
        named, ids = struct.unpack_from("<HH", data, raddr + offset + 12)
        for i in range(named + ids):
            key, target = struct.unpack_from("<II", data, raddr + offset + 16 + 8 * i)
            if key & 0x80000000:  # a name: a counted UTF-16 string
                at = raddr + (key & 0x7FFFFFFF)
                length = struct.unpack_from("<H", data, at)[0]
                key = data[at + 2:at + 2 + 2 * length].decode("utf-16-le")
            yield key, target

    def leaf(target):
        while target & 0x80000000:  # down to the first language
            target = next(directory(target & 0x7FFFFFFF))[1]
        rva, size = struct.unpack_from("<II", data, raddr + target)
        start = raddr + rva - vaddr
        return data[start:start + size]

    found = {}
    for kind, by_name in directory(0):
        found[kind] = {name: leaf(target) for name, target in directory(by_name & 0x7FFFFFFF)}
    return found


def main():
    path, version = sys.argv[1], sys.argv[2]
    data = open(path, "rb").read()
    found = resources(data)
    failures = []

    def check(what, ok):
        print(("ok: " if ok else "FAIL: ") + what)
        if not ok:
            failures.append(what)

    groups = found.get(RT_GROUP_ICON, {})
    check("an icon group (the program's icon in Explorer and on its shortcut)", bool(groups))
    sizes = set()
    for group in groups.values():
        count = struct.unpack_from("<H", group, 4)[0]
        for i in range(count):
            width = group[6 + 14 * i]
            sizes.add(256 if width == 0 else width)
    print("icon sizes: " + " ".join(str(s) for s in sorted(sizes)))
    check("icons of 16, 32, 48 and 256 px", {16, 32, 48, 256} <= sizes)
    check("one image per icon size", len(found.get(RT_ICON, {})) >= len(sizes) > 0)

    manifest = found.get(RT_MANIFEST, {}).get(1, b"").decode("utf-8", "replace")
    check("a manifest (resource 1)", bool(manifest))
    for what, text in [("common controls 6", 'name="Microsoft.Windows.Common-Controls" version="6.0.0.0"'),
                       ("per-monitor DPI awareness (v2)", "PerMonitorV2"),
                       ("asInvoker: no administrator rights asked", 'level="asInvoker"'),
                       ("Windows 10 and 11 declared", "{8e0f7a12-bfb3-4fe8-b9a5-48fd50a15a9a}")]:
        check("the manifest: " + what, text in manifest)

    version_block = found.get(RT_VERSION, {}).get(1, b"")
    text = version_block.decode("utf-16-le", "replace")
    check("a version resource with ProductVersion " + version, "ProductVersion" in text and version in text)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
