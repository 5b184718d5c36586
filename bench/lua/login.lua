-- wrk request setup for login throughput: every request is a full password sign-in.
-- run.sh appends report.lua to this file (wrk takes a single script).
wrk.method = "POST"
wrk.body = '{"username": "admin", "password": "admin"}'
wrk.headers["Content-Type"] = "application/json"
