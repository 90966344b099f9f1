#!/usr/bin/env python3
"""Resident memory of a JVM by what it is: /proc/PID/smaps + pagemap, ranges from NMT detail (if on) or jcmd."""
import re, subprocess, sys, os, struct, collections

PAGE = os.sysconf('SC_PAGE_SIZE')

def jcmd(pid, *args):
    return subprocess.run(['jcmd', str(pid), *args], capture_output=True, text=True, timeout=120).stdout

def resident_pages(pid, start, end, pm):
    n = (end - start) // PAGE
    pm.seek(start // PAGE * 8)
    data = pm.read(n * 8)
    cnt = 0
    for (v,) in struct.iter_unpack('<Q', data):
        if v >> 63 & 1:
            cnt += 1
    return cnt

def mappings(pid):
    out = []
    cur = None
    with open(f'/proc/{pid}/smaps') as f:
        for line in f:
            m = re.match(r'^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$', line)
            if m:
                cur = dict(start=int(m.group(1), 16), end=int(m.group(2), 16), perm=m.group(3), path=m.group(4).strip(), rss=0)
                out.append(cur)
            elif line.startswith('Rss:'):
                cur['rss'] = int(line.split()[1]) * 1024
    return out

def nmt_ranges(pid):
    txt = jcmd(pid, 'VM.native_memory', 'detail')
    if 'Native memory tracking is not enabled' in txt or 'Virtual memory map' not in txt:
        return None, txt
    rs = []
    for m in re.finditer(r'^\[0x([0-9a-f]+) - 0x([0-9a-f]+)\] reserved \d+KB for (.+?) from', txt, re.M):
        rs.append((int(m.group(1), 16), int(m.group(2), 16), m.group(3).strip()))
    return rs, txt

def nmt_malloc(pid):
    txt = jcmd(pid, 'VM.native_memory', 'summary')
    out = []
    cat = None
    for line in txt.splitlines():
        m = re.match(r'^-\s+(.+?) \(reserved=(\d+)KB, committed=(\d+)KB\)', line)
        if m:
            cat = m.group(1)
            out.append([cat, int(m.group(3)) // 1024, 0, 0])
        m = re.search(r'\(malloc=(\d+)KB', line)
        if m and out:
            out[-1][2] = int(m.group(1)) // 1024
        m = re.search(r'\(mmap: reserved=\d+KB, committed=(\d+)KB', line)
        if m and out:
            out[-1][3] = int(m.group(1)) // 1024
    return out

def jcmd_ranges(pid):
    rs = []
    hi = jcmd(pid, 'GC.heap_info')
    m = re.search(r'\[0x([0-9a-f]+), 0x([0-9a-f]+)\)', hi)
    if m:
        rs.append((int(m.group(1), 16), int(m.group(2), 16), 'Java Heap'))
    cc = jcmd(pid, 'Compiler.codecache')
    for m in re.finditer(r'bounds \[0x([0-9a-f]+), 0x([0-9a-f]+), 0x([0-9a-f]+)\]', cc):
        rs.append((int(m.group(1), 16), int(m.group(3), 16), 'Code'))
    ms = jcmd(pid, 'VM.metaspace', 'vslist')
    kind = 'Metaspace'
    for line in ms.splitlines():
        if 'vsl class-space' in line:
            kind = 'Class space'
        m = re.match(r'- node #\d+: base 0x([0-9a-f]+): reserved=([0-9.]+) KB', line)
        if m:
            b = int(m.group(1), 16)
            rs.append((b, b + int(float(m.group(2)) * 1024), kind))
    return rs, hi

def main():
    pid = int(sys.argv[1])
    status = open(f'/proc/{pid}/status').read()
    g = lambda k: int(re.search(k + r':\s+(\d+)', status).group(1)) // 1024
    nthreads = re.search(r"Threads:\s+(\d+)", status).group(1)
    print(f'VmRSS {g("VmRSS")} MiB (anon {g("RssAnon")}, file {g("RssFile")}, shmem {g("RssShmem")}); threads {nthreads}')
    maps = mappings(pid)
    rs, raw = nmt_ranges(pid)
    src = 'NMT detail'
    if rs is None:
        rs, raw = jcmd_ranges(pid)
        src = 'jcmd GC.heap_info/Compiler.codecache'
    by = collections.Counter()
    covered = []
    with open(f'/proc/{pid}/pagemap', 'rb') as pm:
        for s, e, cat in rs:
            by[cat] += resident_pages(pid, s, e, pm) * PAGE
            covered.append((s, e))
        covered.sort()
        # everything else: by mapping kind, minus the part inside NMT/jcmd ranges
        def outside(mp):
            total = 0
            s, e = mp['start'], mp['end']
            inside = 0
            for cs, ce in covered:
                a, b = max(s, cs), min(e, ce)
                if a < b:
                    inside += resident_pages(pid, a, b, pm) * PAGE
            return mp['rss'] - inside
        arenas = 0
        for mp in maps:
            p = mp['path']
            rest = outside(mp)
            if rest <= 0:
                continue
            if p.endswith('.jar'):
                by['file: jars'] += rest
            elif p.endswith('.jsa'):
                by['file: CDS archive (classes.jsa)'] += rest
            elif 'libjvm.so' in p:
                by['file: libjvm.so'] += rest
            elif p.endswith('.so') or '.so.' in p:
                by['file: other .so'] += rest
            elif p == '[heap]':
                by['malloc: main [heap]'] += rest
            elif p.startswith('['):
                by['other ' + p] += rest
            elif p == '':
                by['anon outside ranges (malloc arenas, mmap by malloc, direct)'] += rest
                arenas += 1
            else:
                by['file: ' + os.path.basename(p)] += rest
    print(f'ranges from {src}')
    if src == 'NMT detail':
        print('  NMT committed MiB by category (malloc part):', ', '.join(f'{c} {t} ({m})' for c, t, m, _ in nmt_malloc(pid) if t))
    tot = 0
    for k, v in sorted(by.items(), key=lambda kv: -kv[1]):
        tot += v
        if v < 0.05 * 1048576: continue
        print(f'  {k:60s} {v/1048576:8.1f} MiB')
    print(f'  {"sum":60s} {tot/1048576:8.1f} MiB')
    # anon mappings that look like glibc arenas (64 MiB-aligned reservations)
    ar = [mp for mp in maps if mp['path'] == '' and mp['start'] % (64 << 20) == 0 and mp['perm'] == 'rw-p']
    print(f'  64MiB-aligned anon rw mappings (glibc arenas?): {len(ar)}, resident {sum(m["rss"] for m in ar)/1048576:.1f} MiB')
    names = collections.Counter()
    for t in os.listdir(f'/proc/{pid}/task'):
        try:
            n = open(f'/proc/{pid}/task/{t}/comm').read().strip()
        except OSError:
            continue
        names[re.sub(r'[-#]?\d+$', '#', n)] += 1
    print('threads: ' + ', '.join(f'{k} x{v}' for k, v in sorted(names.items(), key=lambda kv: -kv[1])))
    if src == 'jcmd GC.heap_info/Compiler.codecache':
        print(raw.strip().replace('\n', '\n  '))

main()
