#!/usr/bin/env python3
"""Start of a packaged sample, as shipped (`java -Dquarkus.profile=demo -jar quarkus-run.jar`, only the port set).

For each start: Quarkus' "started in", main-thread and process CPU when that line is logged (read from /proc, so a
loaded machine is visible as CPU rather than only as wall time), the time until the port accepts and until the first
governed run is answered (token, then POST /v1/agents/banking-assistant/runs sent as soon as the port accepts), RSS,
and the 1-minute load average. With two jars, starts alternate (before, after, before, ...).

  start-time.py [--pairs N] [--profile DIR] BEFORE_JAR [AFTER_JAR]

--profile loads async-profiler from JVM start (ASYNC_PROFILER_LIB, a measurement flag only) and dumps collapsed
stacks per thread at "started in" and after the first run. Each jar runs in its own work directory under
/tmp/warden-start-time (demo keys are created by the first start and reused)."""
import os, re, socket, subprocess, sys, threading, time

from sample_http import first_governed_run

CLK = os.sysconf('SC_CLK_TCK')


def cpu(pid, tid=None):
    f = open(f'/proc/{pid}/stat' if tid is None else f'/proc/{pid}/task/{tid}/stat').read().rsplit(')', 1)[1].split()
    return round((int(f[11]) + int(f[12])) / CLK, 2)


def start(label, jar, port, profile=None):
    work = f'/tmp/warden-start-time/{label}'
    os.makedirs(work, exist_ok=True)
    logpath = os.path.join(work, 'service.log')
    flags = []
    lib = os.environ.get('ASYNC_PROFILER_LIB', '/tmp/cpu10/ap/linux-x64/libasyncProfiler.so')
    if profile:
        flags.append(f'-agentpath:{lib}=start,event=cpu,interval=1ms,threads,file={profile}.exit.collapsed,collapsed')
    t0 = time.monotonic()
    p = subprocess.Popen(['java', '-Dquarkus.profile=demo', f'-Dquarkus.http.port={port}'] + flags + ['-jar', jar],
                         cwd=work, stdout=open(logpath, 'w'), stderr=subprocess.STDOUT)
    tid = None
    while tid is None and p.poll() is None:  # the launcher's second thread runs main()
        ts = sorted(int(t) for t in os.listdir(f'/proc/{p.pid}/task'))
        tid = str(ts[1]) if len(ts) > 1 else None
        time.sleep(0.001)
    res = {}

    def first_run():
        while time.monotonic() - t0 < 300 and p.poll() is None:
            try:
                socket.create_connection(('127.0.0.1', port), timeout=0.2).close()
            except OSError:
                time.sleep(0.005)
                continue
            res.setdefault('port', round(time.monotonic() - t0, 3))
            try:
                st = first_governed_run(port)
                res.update(first=round(time.monotonic() - t0, 3), status=st, first_cpu=cpu(p.pid))
                return
            except Exception:
                time.sleep(0.005)

    th = threading.Thread(target=first_run, daemon=True)
    th.start()
    while time.monotonic() - t0 < 300 and p.poll() is None:
        m = re.search(r'started in ([0-9.]+)s', open(logpath).read())
        if m:
            res.update(started=float(m.group(1)), main=cpu(p.pid, tid), proc=cpu(p.pid))
            if profile:
                subprocess.run(['jcmd', str(p.pid), 'JVMTI.agent_load', lib,
                                f'"dump,file={profile}.started.collapsed,collapsed,threads"'], capture_output=True)
            break
        time.sleep(0.005)
    th.join(300)
    if profile:
        subprocess.run(['jcmd', str(p.pid), 'JVMTI.agent_load', lib,
                        f'"stop,file={profile}.first.collapsed,collapsed,threads"'], capture_output=True)
    rss = next(l.split()[1] for l in open(f'/proc/{p.pid}/status') if l.startswith('VmRSS'))
    load = open('/proc/loadavg').read().split()[0]
    p.terminate()
    p.wait(30)
    print(f"{label}: started_in={res.get('started')}s main_cpu={res.get('main')}s proc_cpu={res.get('proc')}s "
          f"port={res.get('port')}s first_run={res.get('first')}s(HTTP {res.get('status')}) "
          f"proc_cpu_first={res.get('first_cpu')}s rss_kb={rss} load1={load}", flush=True)


def main(argv):
    pairs, profile, jars = 1, None, []
    it = iter(argv)
    for a in it:
        if a == '--pairs':
            pairs = int(next(it))
        elif a == '--profile':
            profile = next(it)
            os.makedirs(profile, exist_ok=True)
        else:
            jars.append(os.path.abspath(a))
    labels = ['before', 'after'][:len(jars)] if len(jars) > 1 else ['jar']
    for i in range(pairs):
        for label, jar, port in zip(labels, jars, (18111, 18112)):
            start(label, jar, port, profile and f'{profile}/{label}-{i + 1}')


if __name__ == '__main__':
    main(sys.argv[1:])
