#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Ratio table of one idc_bench run: each idconform operation against its
peer measured in the same run (same process, same machine state), then the
verification table: VerifyDeviceResponse against its crypto floor, and
@auth0/mdl's Verifier (node, measured by scripts/bench right after
idc_bench) against ours on the same bytes.

Reads Google Benchmark JSON (--benchmark_format=json / _out). With
repetitions it uses the median aggregate, else the single run. The ratio is
of CPU time per iteration: on a shared machine CPU time is less disturbed
than wall time by other jobs taking the cores.

  ratios.py out/bench/bench.json [out/bench/auth0.json]
"""
import json
import sys

# (label, ours, peer, peer description)
PAIRS = [
    ("decode annex-d DeviceResponse", "BM_CborDecode_AnnexD_Idc",
     "BM_CborDecode_AnnexD_LibcborLoad", "libcbor cbor_load"),
    ("encode annex-d DeviceResponse", "BM_CborEncode_AnnexD_Idc",
     "BM_CborEncode_AnnexD_LibcborSerialize", "libcbor cbor_serialize_alloc"),
    ("ECDSA P-256 sign (MSO)", "BM_EcdsaP256Sign_Idc",
     "BM_EcdsaP256Sign_Evp", "OpenSSL EVP_DigestSign"),
    ("ECDSA P-256 verify (MSO)", "BM_EcdsaP256Verify_Idc",
     "BM_EcdsaP256Verify_Evp", "OpenSSL EVP_DigestVerify"),
    ("HKDF-SHA-256 (32 bytes)", "BM_HkdfSha256_Idc", "BM_HkdfSha256_Evp",
     "OpenSSL EVP_PKEY_HKDF"),
    ("AES-256-GCM encrypt 4 KiB", "BM_AesGcmEncrypt4KiB_Idc",
     "BM_AesGcmEncrypt4KiB_Evp", "OpenSSL EVP_EncryptUpdate"),
]

# (label, ours, crypto floor, whether the floor goal applies); the auth0
# time is compared with AUTH0_ROW. The cold-cache row is for information:
# it shows what a response from an issuer never seen before costs.
VERIFY_ROWS = [
    ("annex-d (6 elements, deviceMac)", "BM_MdocVerifyDeviceResponse_AnnexD",
     "BM_VerifyFloor_AnnexD", True),
    ("auth0-mdl (13 elements, deviceSig)",
     "BM_MdocVerifyDeviceResponse_Auth0Mdl", "BM_VerifyFloor_Auth0Mdl", True),
    ("auth0-mdl, cold caches",
     "BM_MdocVerifyDeviceResponse_Auth0Mdl_ColdCaches",
     "BM_VerifyFloor_Auth0Mdl", False),
]
AUTH0_ROW = "BM_MdocVerifyDeviceResponse_Auth0Mdl"
FLOOR_GOAL = 1.7   # ours / floor at most
AUTH0_GOAL = 15.0  # auth0 / ours at least

TO_NS = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}


def per_iteration_ns(benchmarks):
    """name -> (cpu ns, real ns): median aggregate if present, else the run."""
    medians, runs = {}, {}
    for b in benchmarks:
        if b.get("error_occurred"):
            continue
        scale = TO_NS[b.get("time_unit", "ns")]
        times = (b["cpu_time"] * scale, b["real_time"] * scale)
        name = b.get("run_name", b["name"])
        if b.get("run_type") == "aggregate":
            if b.get("aggregate_name") == "median":
                medians[name] = times
        else:
            runs.setdefault(name, times)
    return {**runs, **medians}


def fmt_time(ns):
    for unit, scale in (("ms", 1e6), ("us", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"


def goal_mark(met):
    return "meets goal" if met else "MISSES goal"


def print_verification(times, auth0):
    """ours / floor per response, and auth0 / ours for the auth0-mdl one."""
    print(f"\nVerification (median CPU time per response, same run; goals: "
          f"ours/floor <= {FLOOR_GOAL}, auth0/ours >= {AUTH0_GOAL:g}):")
    print(f"  {'response':<35} {'ours':>9} {'floor':>9} {'ours/floor':>10}")
    for label, ours, floor, has_goal in VERIFY_ROWS:
        if ours not in times or floor not in times:
            print(f"  {label:<35} (not run)")
            continue
        a, b = times[ours][0], times[floor][0]
        mark = goal_mark(a / b <= FLOOR_GOAL) if has_goal else "(no goal)"
        print(f"  {label:<35} {fmt_time(a):>9} {fmt_time(b):>9} "
              f"{a / b:9.2f}x  {mark}")
    if auth0 is None:
        print("  @auth0/mdl: not measured (scripts/bench needs node and "
              "scripts/setup-node)")
        return
    ns = auth0["median_cpu_ms"] * 1e6
    line = f"  {auth0['library']} Verifier.verify, node {auth0['node']}: " \
           f"{fmt_time(ns)} CPU ({fmt_time(auth0['median_wall_ms'] * 1e6)} " \
           f"wall), {sum(auth0['iterations'])} verifications"
    print(line)
    if AUTH0_ROW in times:
        r = ns / times[AUTH0_ROW][0]
        print(f"  auth0 / ours on auth0-mdl: {r:.1f}x  "
              f"{goal_mark(r >= AUTH0_GOAL)}")


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: ratios.py BENCH_JSON [AUTH0_JSON]")
    with open(sys.argv[1], encoding="utf-8") as f:
        data = json.load(f)
    auth0 = None
    if len(sys.argv) == 3:
        with open(sys.argv[2], encoding="utf-8") as f:
            auth0 = json.load(f)
    times = per_iteration_ns(data["benchmarks"])
    reps = any(b.get("run_type") == "aggregate" for b in data["benchmarks"])
    basis = "median CPU time" if reps else "CPU time of a single run"
    print(f"\nRatios (idconform / peer, {basis}, same run):")
    print(f"  {'operation':<31} {'idconform':>10} {'peer':>10} {'ratio':>6}  peer")
    for label, ours, peer, peer_desc in PAIRS:
        if ours not in times or peer not in times:
            print(f"  {label:<31} (not run)")
            continue
        a, b = times[ours][0], times[peer][0]
        print(f"  {label:<31} {fmt_time(a):>10} {fmt_time(b):>10} "
              f"{a / b:5.2f}x  {peer_desc}")
    print_verification(times, auth0)


if __name__ == "__main__":
    main()
