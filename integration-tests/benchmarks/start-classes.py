#!/usr/bin/env python3
"""Writes the list of classes a packaged sample loads from its start to its first governed run (decision 0070).

  start-classes.py JAR OUT [PORT]

Runs `java -Xlog:class+load -Dquarkus.profile=demo -jar JAR` (a measurement flag for this one run only; the shipped
jar runs without it), sends the first governed run as start-time.py does, stops the service and writes the names of the
classes that were read from a jar or from the JDK's modules (not those mapped from the CDS archive, not hidden classes
such as lambdas), in the order the JVM loaded them. The packaged sample reads OUT from
`META-INF/warden/start-classes.txt` and loads those classes on a second thread while it starts."""
import os, socket, subprocess, sys, tempfile, time

from sample_http import first_governed_run


def main(jar, out, port='18199'):
    work = tempfile.mkdtemp(prefix='warden-start-classes-')
    log = os.path.join(work, 'class-load.txt')
    p = subprocess.Popen(['java', f'-Xlog:class+load=info:file={log}', '-Dquarkus.profile=demo',
                          f'-Dquarkus.http.port={port}', '-jar', os.path.abspath(jar)],
                         cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    t0 = time.monotonic()
    try:
        while time.monotonic() - t0 < 300:
            try:
                socket.create_connection(('127.0.0.1', int(port)), timeout=0.2).close()
                if first_governed_run(port) == 200:
                    break
            except OSError:
                time.sleep(0.05)
        else:
            sys.exit('no governed run answered within 300 s')
        time.sleep(1)
    finally:
        p.terminate()
        p.wait(30)
    names, seen = [], set()
    for line in open(log):
        parts = line.split()
        if len(parts) < 4 or parts[2] != 'source:' or not parts[3].startswith(('file:', 'jar:', 'jrt:')):
            continue
        name = parts[1]
        if '/0x' in name or name in seen:
            continue
        seen.add(name)
        names.append(name)
    with open(out, 'w') as f:
        f.write('# Classes the packaged banking sample loads from start to its first governed run, in load order.\n'
                '# Written by integration-tests/benchmarks/start-classes.py (decision 0070); a stale list only costs\n'
                '# speed: names that no longer exist are skipped.\n')
        f.write('\n'.join(names) + '\n')
    print(f'{len(names)} classes written to {out}')


if __name__ == '__main__':
    main(*sys.argv[1:])
