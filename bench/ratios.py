#!/usr/bin/python3
"""Ratio table of one idc_bench run: each idconform operation against its
peer measured in the same run (same process, same machine state).

Reads Google Benchmark JSON (--benchmark_format=json / _out). With
repetitions it uses the median aggregate, else the single run. The ratio is
of CPU time per iteration: on a shared machine CPU time is less disturbed
than wall time by other jobs taking the cores.

  ratios.py out/bench/bench.json
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


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: ratios.py BENCH_JSON")
    with open(sys.argv[1], encoding="utf-8") as f:
        data = json.load(f)
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


if __name__ == "__main__":
    main()
