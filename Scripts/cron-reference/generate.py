#!/usr/bin/env python3
"""Generates the cron fixtures of JobBridge from reference engines.

Writes Tests/JobBridgeTests/Schedule/Fixtures/Cron/<reference>.json, one file per reference:
  cronsim.json   cronsim 2.8 (Debian/Vixie cron)   -> dialect standard, policy vixie
  robfig.json    robfig/cron v3 (Kubernetes)        -> dialect standard, policy kubernetes
  croniter.json  croniter 7 in UTC                  -> dialect airflow (parsing and matching)
  airflow.json   Airflow's CronTriggerTimetable DST rule, re-implemented below from its
                 source (airflow/timetables/_cron.py) on croniter + pendulum
                                                    -> dialect airflow, policy airflow
Each case: expr, zone, start (unix seconds), next (unix seconds) or error (the reference
rejects the expression). Seeded: the same inputs every time.
"""
import datetime as dt
import importlib.metadata
import json
import os
import random
import subprocess
import sys
import zoneinfo

import cronsim
import croniter as croniter_module
import pendulum
from croniter import croniter

SEED = 20261123
RANDOM_CASES = 2100
RUNS = 5
UTC = dt.timezone.utc
ZONES = ["UTC", "America/New_York", "Europe/Berlin", "Europe/London", "Australia/Sydney", "Asia/Kolkata"]
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "Tests", "JobBridgeTests", "Schedule", "Fixtures", "Cron")
MONTHS = "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split()
DAYS = "SUN MON TUE WED THU FRI SAT".split()


def ts(d):
    return int(d.timestamp())


def transitions(zone, years=range(2020, 2031)):
    """Instants (unix seconds) where the zone's offset changes, found by hourly scan."""
    tz = zoneinfo.ZoneInfo(zone)
    found = []
    t = dt.datetime(years.start, 1, 1, tzinfo=UTC)
    end = dt.datetime(years.stop, 1, 1, tzinfo=UTC)
    prev = t.astimezone(tz).utcoffset()
    while t < end:
        t2 = t + dt.timedelta(hours=1)
        off = t2.astimezone(tz).utcoffset()
        if off != prev:
            found.append(ts(t2))
        prev = off
        t = t2
    return found


def in_overlap(zone, start):
    """True when the wall time of `start` happens twice (naive engines misread it)."""
    tz = zoneinfo.ZoneInfo(zone)
    local = dt.datetime.fromtimestamp(start, tz).replace(tzinfo=None)
    a = local.replace(tzinfo=tz, fold=0).utcoffset()
    b = local.replace(tzinfo=tz, fold=1).utcoffset()
    return a != b


class Gen:
    """Random cron fields for one reference's grammar."""

    def __init__(self, rng, flavor):
        self.r = rng
        self.flavor = flavor  # "cronsim", "robfig", "croniter"

    def value(self, lo, hi, names=None, name_base=0):
        v = self.r.randint(lo, hi)
        if names and self.r.random() < 0.3 and 0 <= v - name_base < len(names):
            return names[v - name_base]
        return str(v)

    def field(self, lo, hi, star_prob=0.4, names=None, name_base=0, star_hi=None, start_step=True):
        r = self.r
        star_hi = hi if star_hi is None else star_hi
        if r.random() < star_prob:
            return "*"
        kinds = ["one", "one", "list", "range", "rangestep", "starstep"] + (["startstep"] if start_step else [])
        kind = r.choice(kinds)
        if kind == "one":
            return self.value(lo, hi, names, name_base)
        if kind == "list":
            vals = sorted(set(r.randint(lo, hi) for _ in range(r.randint(2, 4))))
            return ",".join(str(v) for v in vals)
        if kind in ("range", "rangestep"):
            a = r.randint(lo, hi - 1)
            b = r.randint(a + 1, hi)
            if self.flavor == "croniter" and r.random() < 0.15:
                a, b = b, a  # wrap-around range
            text = f"{self.value(a, a, names, name_base)}-{self.value(b, b, names, name_base)}"
            if kind == "rangestep":
                text += f"/{r.randint(1, max(1, (hi - lo) // 2))}"
            return text
        if kind == "starstep":
            return f"*/{r.randint(1, max(2, (star_hi - lo) // 2))}"
        return f"{r.randint(lo, star_hi)}/{r.randint(1, max(2, (star_hi - lo) // 2))}"

    def sync_expression(self):
        """A CData Sync (Quartz-like) expression: exactly one day field is '?'."""
        r = self.r
        minute = self.field(0, 59, star_prob=0.15)
        hour = self.field(0, 23, star_prob=0.3)
        month = self.field(1, 12, star_prob=0.6, names=MONTHS, name_base=1)
        if r.random() < 0.5:
            if r.random() < 0.15:
                dom = r.choice(["L", "LW", f"L-{r.randint(1, 5)}", f"{r.randint(1, 28)}W"])
            else:
                dom = self.field(1, 31, star_prob=0.4)
            return f"{minute} {hour} {dom} {month} ?"
        if r.random() < 0.15:
            d = r.randint(1, 7)
            dow = f"{d}#{r.randint(1, 5)}" if r.random() < 0.5 else f"{d}L"
        else:
            dow = self.field(1, 7, star_prob=0.4, names=["", "SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"], name_base=0)
        return f"{minute} {hour} ? {month} {dow}"

    def day_of_month(self):
        r = self.r
        if self.flavor != "robfig" and r.random() < 0.12:
            options = ["L", "LW", f"{r.randint(1, 31)}W"] if self.flavor == "cronsim" else ["L", f"{r.randint(1, 31)}W"]
            if self.flavor == "cronsim":
                options = ["L", "LW"]
            return r.choice(options)
        return self.field(1, 31, star_prob=0.55)

    def day_of_week(self):
        r = self.r
        hi = 6 if self.flavor == "robfig" else 7
        if self.flavor != "robfig" and r.random() < 0.12:
            d = r.randint(0, 6)
            if r.random() < 0.5:
                return f"{d}#{r.randint(1, 5)}"
            return f"L{d}" if self.flavor == "croniter" else f"{d}L"
        # robfig reads weekday `n/step` as n-6/step, cronsim (standard) as n-7/step (7 = Sunday):
        # a documented dialect difference, kept out of robfig's random set.
        return self.field(0, hi, star_prob=0.6, names=DAYS, star_hi=6 if self.flavor == "croniter" else hi,
                          start_step=self.flavor != "robfig")

    def expression(self):
        r = self.r
        minute = self.field(0, 59, star_prob=0.15)
        hour = self.field(0, 23, star_prob=0.3)
        dom = self.day_of_month()
        month = self.field(1, 12, star_prob=0.6, names=MONTHS, name_base=1)
        dow = self.day_of_week()
        if self.flavor == "robfig":
            # robfig treats `*/n` in a day field as restricted, Vixie does not: keep the
            # random set to expressions on which the DOM/DOW rules agree.
            if dom != "*" and dom.startswith("*") and dow != "*":
                dom = dom[1:].replace("/", "1/", 1) if dom.startswith("*/") else dom
                dom = "1" + dom if dom.startswith("/") else dom
            if dow != "*" and dow.startswith("*") and dom != "*":
                dow = "0" + dow[1:]
        return f"{minute} {hour} {dom} {month} {dow}"


def random_start(rng, zone):
    if zone != "UTC" and rng.random() < 0.5:
        trans = transitions_cache[zone]
        if trans:
            t = rng.choice(trans) + rng.randint(-3 * 86400, 86400)
            return t - t % 60 + rng.choice([0, 0, 0, 30, 59])
    t = rng.randint(ts(dt.datetime(2020, 1, 1, tzinfo=UTC)), ts(dt.datetime(2030, 1, 1, tzinfo=UTC)))
    return t - t % 60 + rng.choice([0, 0, 0, 1, 30, 59])


transitions_cache = {z: transitions(z) for z in ZONES + ["Australia/Lord_Howe", "America/Santiago", "America/Havana"] if z != "UTC"}


def cronsim_runs(expr, zone, start):
    tz = zoneinfo.ZoneInfo(zone)
    it = cronsim.CronSim(expr, dt.datetime.fromtimestamp(start, tz))
    out = []
    for _ in range(RUNS):
        out.append(ts(next(it)))
    return out


def cronsim_previous(expr, zone, start):
    it = cronsim.CronSim(expr, dt.datetime.fromtimestamp(start, zoneinfo.ZoneInfo(zone)), reverse=True)
    return [ts(next(it)) for _ in range(3)]


def croniter_previous(expr, zone, start):
    it = croniter(expr, dt.datetime.fromtimestamp(start, UTC).replace(tzinfo=None))
    return [ts(it.get_prev(dt.datetime).replace(tzinfo=UTC)) for _ in range(3)]


PREVIOUS = {"cronsim": cronsim_previous, "croniter": croniter_previous}


def croniter_runs(expr, zone, start):
    # Plain croniter in UTC: the parsing and matching reference of the airflow dialect.
    it = croniter(expr, dt.datetime.fromtimestamp(start, UTC).replace(tzinfo=None))
    return [ts(it.get_next(dt.datetime).replace(tzinfo=UTC)) for _ in range(RUNS)]


def airflow_next(expr, zone, current):
    """Airflow's CronMixin._get_next (airflow/timetables/_cron.py), with its make_aware."""
    tz = pendulum.timezone(zone)
    local = pendulum.from_timestamp(current, tz="UTC").in_timezone(tz)
    # timezone.make_naive: a plain datetime (not pendulum's), so that `scheduled - naive` is a
    # timedelta and `local + delta` adds absolute seconds, as in Airflow.
    naive = dt.datetime(local.year, local.month, local.day, local.hour, local.minute, local.second)
    cron = croniter(expr, start_time=naive)
    scheduled = cron.get_next(dt.datetime)
    if cron.expanded[1] != ["*"]:  # not _covers_every_hour(cron)
        aware = tz.convert(scheduled.replace(fold=1))  # timezone.make_aware
        return int(aware.timestamp())
    delta = scheduled - naive
    return int((local + delta).in_timezone("UTC").timestamp())


def airflow_runs(expr, zone, start):
    out = []
    current = start
    for _ in range(RUNS):
        current = airflow_next(expr, zone, current)
        out.append(current)
    return out


def robfig_batch(requests):
    exe = os.environ.get("ROBFIG_RUNS", os.path.join(HERE, ".build", "robfig_runs"))
    payload = "".join(json.dumps({"expr": e, "zone": z, "start": s, "count": RUNS}) + "\n" for e, z, s in requests)
    result = subprocess.run([exe], input=payload, capture_output=True, text=True, check=True)
    return [json.loads(line) for line in result.stdout.splitlines()]


def quartz_batch(requests):
    """Quartz 2.3.2 (Debian libquartz2-java) through QuartzRuns.java; seconds field prefixed."""
    classes = os.environ.get("QUARTZ_CLASSES", os.path.join(HERE, ".build", "java"))
    payload = "".join(f"0 {e}\t{z}\t{s}\t{RUNS}\n" for e, z, s in requests)
    result = subprocess.run(["java", "-cp", f"/usr/share/java/quartz2.jar:{classes}", "QuartzRuns"],
                            input=payload, capture_output=True, text=True, check=True)
    return result.stdout.splitlines()


HARD_TIMES = ["30 2 * * *", "30 1 * * *", "0 * * * *", "*/15 1-3 * * *", "0,30 2 * * *", "30 2 * * 0", "0 2 * * *",
              "15 * * * *", "0 1 * * *", "0 3 * * *", "30 * * * *", "45 2,3 * * *", "0 0 * * *", "*/20 * * * *"]


EXTRA_DST_ZONES = ["Australia/Lord_Howe", "America/Santiago", "America/Havana"]


def sync_text(expr):
    """A standard hard case written for Sync: weekdays 1-7, one day field '?'."""
    m, h, dom, mon, dow = expr.split()
    if dow == "*":
        return f"{m} {h} {dom} {mon} ?"
    if dom == "*":
        days = ",".join(str(int(d) % 7 + 1) for d in dow.split(","))
        return f"{m} {h} ? {mon} {days}"
    return None


def hard_cases(flavor):
    cases = []
    # Half-hour shifts (Lord Howe) and midnight transitions (Santiago, Havana): not for robfig,
    # whose day loop assumes midnight exists.
    zones = ["America/New_York", "Europe/Berlin", "Europe/London", "Australia/Sydney"]
    if flavor != "robfig":
        zones += EXTRA_DST_ZONES
    for zone in zones:
        for t in transitions_cache[zone]:
            if not (ts(dt.datetime(2024, 1, 1, tzinfo=UTC)) <= t < ts(dt.datetime(2026, 1, 1, tzinfo=UTC))):
                continue
            for expr in HARD_TIMES:
                if flavor == "quartz":
                    expr = sync_text(expr)
                cases.append((expr, zone, t - 86400 - 7 * 3600))
                cases.append((expr, zone, t - 3 * 3600))
    feb = ["0 0 29 2 *", "0 12 29 2 *", "0 0 28,29 2 *"]
    if flavor == "quartz":
        feb = [sync_text(e) for e in feb]
    for expr in feb:
        for year in (2097, 2099, 2023, 2024, 1999):
            cases.append((expr, "UTC", ts(dt.datetime(year, 1, 1, tzinfo=UTC))))
    ends = ["0 0 31 * *", "0 0 30 * *", "0 0 29 * *", "59 23 31 12 *", "0 0 1 1 *", "0 0 1,31 * *"]
    if flavor != "robfig":
        ends += ["0 0 L * *", "0 12 L 2 *"]
    if flavor == "cronsim":
        ends += ["0 0 LW * *", "0 9 * * 5L", "0 9 * * 1#1", "0 9 * * 0#5"]
    if flavor == "croniter":
        ends += ["0 0 15W * *", "0 0 1W * *", "0 0 31W * *", "0 9 * * L5", "0 9 * * 1#1,3#3"]
    if flavor == "quartz":
        ends = [sync_text(e) for e in ends] + ["0 0 LW * ?", "0 0 L-2 * ?", "0 0 15W * ?", "0 0 1W * ?",
                                               "0 9 ? * 6L", "0 9 ? * 2#1", "0 9 ? * 1#5", "0 9 ? * L"]
    for expr in ends:
        for start in ("2024-12-31T23:59:00", "2024-01-31T00:00:00", "2023-02-27T12:00:00", "2024-04-30T23:59:59"):
            cases.append((expr, "UTC", ts(dt.datetime.fromisoformat(start).replace(tzinfo=UTC))))
            cases.append((expr, "America/New_York", ts(dt.datetime.fromisoformat(start).replace(tzinfo=UTC))))
    # `0 0 */2 * 1` is OR in robfig and croniter, AND in Vixie: not a robfig case for `standard`.
    rule = ([] if flavor == "robfig" else ["0 0 */2 * 1"]) + ["0 0 1,15 * 1", "0 0 13 * 5", "0 0 * * 1", "0 0 1-7 * 1", "0 0 */1 * 1", "0 0 1 * *"]
    if flavor != "robfig":
        rule += ["0 0 1 * 7", "0 0 * * 1/2"]
    if flavor == "quartz":
        rule = ["0 0 1,15 * ?", "0 0 ? * 2", "0 0 ? * MON-FRI", "0 0 ? * 1,7", "0 0 */2 * ?", "0 0 ? * */2"]
    for expr in rule:
        cases.append((expr, "UTC", ts(dt.datetime(2024, 1, 1, tzinfo=UTC))))
    return cases


def run(name, flavor, runner, with_zone_dst):
    rng = random.Random(f"{SEED}-{flavor}")
    gen = Gen(rng, flavor)
    cases = []
    for _ in range(RANDOM_CASES):
        zone = rng.choice(ZONES) if with_zone_dst else "UTC"
        start = random_start(rng, zone)
        if in_overlap(zone, start):
            start += 7200
        cases.append((gen.sync_expression() if flavor == "quartz" else gen.expression(), zone, start, "random"))
    for expr, zone, start in hard_cases(flavor):
        if not with_zone_dst:
            zone = "UTC"
        cases.append((expr, zone, start, "hard"))
    out = []
    if runner == "quartz":
        answers = quartz_batch([(e, z, s) for e, z, s, _ in cases])
        for (e, z, s, kind), answer in zip(cases, answers):
            case = {"expr": e, "zone": z, "start": s, "kind": kind}
            status, _, detail = answer.partition("\t")
            if status == "ok":
                case["next"] = [int(x) for x in detail.split(",") if x]
            else:
                case["error"] = detail
            out.append(case)
        return out
    if runner == "robfig":
        answers = robfig_batch([(e, z, s) for e, z, s, _ in cases])
        for (e, z, s, kind), answer in zip(cases, answers):
            case = {"expr": e, "zone": z, "start": s, "kind": kind}
            if answer.get("error"):
                case["error"] = answer["error"]
            else:
                case["next"] = answer["next"]
            out.append(case)
        return out
    previous = PREVIOUS.get(name)
    for e, z, s, kind in cases:
        case = {"expr": e, "zone": z, "start": s, "kind": kind}
        try:
            case["next"] = runner(e, z, s)
        except Exception as ex:  # the reference rejects it, or finds no run
            case["error"] = f"{type(ex).__name__}: {ex}"
        # Previous runs from the references' reverse iteration, in UTC only: cronsim's
        # reverse DST fix-up steps back out of gaps minute by minute, a behaviour of its own.
        if previous and "next" in case and z == "UTC":
            try:
                case["previous"] = previous(e, z, s)
            except Exception:
                pass
        out.append(case)
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    plan = [
        ("cronsim", "cronsim " + cronsim.__version__ if hasattr(cronsim, "__version__") else "cronsim 2.8",
         "standard", "vixie", cronsim_runs, True),
        ("robfig", "robfig/cron v3.0.1", "standard", "kubernetes", "robfig", True),
        ("croniter", "croniter 7.0.0 (UTC)", "airflow", "airflow", croniter_runs, False),
        ("quartz", "Quartz 2.3.2 (libquartz2-java) for CData Sync", "sync", "quartz", "quartz", True),
        ("airflow", "Airflow _cron.py rule on croniter 7.0.0 + pendulum " + importlib.metadata.version("pendulum"), "airflow",
         "airflow", airflow_runs, True),
    ]
    only = set(sys.argv[1:])
    for name, reference, dialect, policy, runner, dst in plan:
        if only and name not in only:
            continue
        flavor = {"cronsim": "cronsim", "robfig": "robfig", "quartz": "quartz"}.get(name, "croniter")
        cases = run(name, flavor, runner, dst)
        doc = {"reference": reference, "dialect": dialect, "policy": policy, "seed": SEED, "cases": cases}
        path = os.path.join(OUT, f"{name}.json")
        with open(path, "w") as f:
            json.dump(doc, f, separators=(",", ":"))
            f.write("\n")
        errors = sum(1 for c in cases if "error" in c)
        print(f"{path}: {len(cases)} cases ({errors} rejected by the reference)")


if __name__ == "__main__":
    main()
