"""HTTP to a packaged sample, shared by the benchmark scripts (start-time.py, start-classes.py)."""
import json, urllib.request


def http(port, method, path, body=None, token=None):
    """One JSON request to 127.0.0.1:PORT; returns (status, body bytes). Raises OSError on a refused connection."""
    req = urllib.request.Request(f'http://127.0.0.1:{port}{path}', method=method,
                                 data=None if body is None else json.dumps(body).encode())
    req.add_header('Content-Type', 'application/json')
    if token:
        req.add_header('Authorization', 'Bearer ' + token)
    with urllib.request.urlopen(req, timeout=60) as r:
        return r.status, r.read()


def first_governed_run(port):
    """The first governed run as the benchmarks send it: alice's demo token, then one banking question; its status."""
    token = json.loads(http(port, 'GET', '/v1/dev/tokens/alice')[1])['token']
    return http(port, 'POST', '/v1/agents/banking-assistant/runs', {'input': 'What is my balance?'}, token)[0]
