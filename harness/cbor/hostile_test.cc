// SPDX-License-Identifier: Apache-2.0
// Hostile input: huge declared lengths, deep nesting, item floods and
// truncation are rejected with their specific codes, and with bounded memory.
//
// Memory is checked two ways. Everywhere, this binary counts every operator
// new and the tests assert the peak during a decode stays small. Without
// ASan (whose shadow memory makes RLIMIT_AS unusable), the hostile decodes
// also run in a forked child limited to 512 MiB of address space. Each
// guard has a test showing it does catch a large allocation.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include "harness/cbor/decode.h"
#include "harness/cbor/diag.h"
#include "harness/cbor/encode.h"
#include "harness/cbor/test_util.h"

#if defined(__SANITIZE_ADDRESS__)
#define IDC_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define IDC_UNDER_ASAN 1
#endif
#endif

// ---- Counting allocator (replaces the global operator new/delete). ----
namespace {

std::atomic<size_t> g_current{0};
std::atomic<size_t> g_peak{0};
std::atomic<size_t> g_allocations{0};
constexpr size_t kHeader = 16;  // keeps the returned pointer 16-aligned

void* CountedAlloc(size_t n) {
  if (n > SIZE_MAX - kHeader) return nullptr;
  void* base = std::malloc(n + kHeader);
  if (base == nullptr) return nullptr;
  *static_cast<size_t*>(base) = n;
  g_allocations.fetch_add(1);
  const size_t now = g_current.fetch_add(n) + n;
  size_t peak = g_peak.load();
  while (now > peak && !g_peak.compare_exchange_weak(peak, now)) {
  }
  return static_cast<char*>(base) + kHeader;
}

void CountedFree(void* p) {
  if (p == nullptr) return;
  char* base = static_cast<char*>(p) - kHeader;
  g_current.fetch_sub(*reinterpret_cast<size_t*>(base));
  std::free(base);
}

void* CountedNew(size_t n) {
  void* p = CountedAlloc(n);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}

}  // namespace

void* operator new(size_t n) { return CountedNew(n); }
void* operator new[](size_t n) { return CountedNew(n); }
void* operator new(size_t n, const std::nothrow_t&) noexcept {
  return CountedAlloc(n);
}
void* operator new[](size_t n, const std::nothrow_t&) noexcept {
  return CountedAlloc(n);
}
void operator delete(void* p) noexcept { CountedFree(p); }
void operator delete[](void* p) noexcept { CountedFree(p); }
void operator delete(void* p, size_t) noexcept { CountedFree(p); }
void operator delete[](void* p, size_t) noexcept { CountedFree(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept {
  CountedFree(p);
}
void operator delete[](void* p, const std::nothrow_t&) noexcept {
  CountedFree(p);
}

namespace idc::cbor {
namespace {

using testing::Hex;

constexpr size_t kPeakBudget = 4u << 20;  // per hostile decode

// Bytes allocated at the peak of fn(), above what was live before it.
template <class Fn>
size_t PeakAllocation(Fn fn) {
  const size_t before = g_current.load();
  g_peak.store(before);
  fn();
  return g_peak.load() - before;
}

struct Hostile {
  std::string name;
  Bytes input;
  Limits limits;
  std::string code;
};

std::string Repeat(const std::string& hex, size_t times) {
  std::string all;
  for (size_t i = 0; i < times; ++i) all += hex;
  return all;
}

std::vector<Hostile> HostileInputs() {
  Limits few_items;
  few_items.max_items = 1000;
  Limits deep_allowed;  // deep, but every count is within the input
  deep_allowed.max_depth = 100;
  return {
      {"array_of_4g_items", Hex("9affffffff"), {}, kErrLength},
      {"bstr_of_1t_bytes", Hex("5b000000ffffffff00"), {}, kErrLength},
      {"bstr_of_2p64_bytes", Hex("5bffffffffffffffff00"), {}, kErrLength},
      {"tstr_of_2p64_bytes", Hex("7bffffffffffffffff"), {}, kErrLength},
      {"map_of_2p64_entries", Hex("bbffffffffffffffff"), {}, kErrLength},
      {"nested_9a_heads", Hex(Repeat("9a", 1000) + "0a"), {}, kErrLength},
      {"nested_counts_within_limit",
       Hex(Repeat("9a00ffffff", 1000) + "00"),
       {},
       kErrTruncated},
      {"nested_counts_at_input_size", Hex(Repeat("9903e8", 2000) + "00"),
       deep_allowed, kErrDepth},
      {"array_10000_deep", Hex(Repeat("81", 10000) + "00"), {}, kErrDepth},
      {"indefinite_10000_deep", Hex(Repeat("9f", 10000) + ""), {}, kErrDepth},
      {"map_10000_deep", Hex(Repeat("a100", 10000) + "00"), {}, kErrDepth},
      {"tags_10000_deep", Hex(Repeat("c1", 10000) + "00"), {}, kErrDepth},
      {"too_many_items", Hex("9907d0" + std::string(4000, '0')), few_items,
       kErrTooManyItems},
      {"string_chunks_flood", Hex("5f" + Repeat("40", 5000) + "ff"), few_items,
       kErrTooManyItems},
  };
}

TEST(Hostile, RejectedWithTheSpecificCode) {
  for (const Hostile& h : HostileInputs()) {
    auto r = Decode(h.input, h.limits);
    ASSERT_FALSE(r.ok()) << h.name;
    EXPECT_EQ(r.error().code, h.code) << h.name;
  }
}

TEST(Hostile, PeakAllocationStaysSmall) {
  for (const Hostile& h : HostileInputs()) {
    const size_t peak =
        PeakAllocation([&] { (void)Decode(h.input, h.limits); });
    EXPECT_LT(peak, kPeakBudget) << h.name;
  }
}

TEST(Hostile, PeakMeterSeesALargeAllocation) {
  // Proof that the meter can fail: a 64 MiB buffer shows up in the peak.
  const size_t peak = PeakAllocation([] {
    std::vector<char> big(64u << 20, 1);
    EXPECT_EQ(big[12345], 1);
  });
  EXPECT_GE(peak, 64u << 20);
}

// Runs fn in a child limited to 512 MiB of address space; returns the exit
// code (3 when an allocation failed, 128+signal on a crash).
template <class Fn>
int RunWithAddressSpaceLimit(Fn fn) {
  const pid_t pid = fork();
  if (pid == 0) {
    rlimit limit{512ul << 20, 512ul << 20};
    if (setrlimit(RLIMIT_AS, &limit) != 0) _exit(4);
    try {
      _exit(fn() ? 0 : 2);
    } catch (const std::bad_alloc&) {
      _exit(3);
    }
  }
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return WEXITSTATUS(status);
}

TEST(Hostile, DecodesWithin512MiBAddressSpace) {
#ifdef IDC_UNDER_ASAN
  GTEST_SKIP() << "RLIMIT_AS is unusable under ASan; PeakAllocationStaysSmall "
                  "covers this build";
#else
  const std::vector<Hostile> inputs = HostileInputs();
  EXPECT_EQ(RunWithAddressSpaceLimit([&] {
              for (const Hostile& h : inputs) {
                auto r = Decode(h.input, h.limits);
                if (r.ok() || r.error().code != h.code) return false;
              }
              return true;
            }),
            0);
#endif
}

TEST(Hostile, AddressSpaceLimitCatchesALargeAllocation) {
#ifdef IDC_UNDER_ASAN
  GTEST_SKIP() << "RLIMIT_AS is unusable under ASan";
#else
  EXPECT_EQ(RunWithAddressSpaceLimit([] {
              std::vector<char> big(1ul << 30, 1);
              return big[777] == 1;
            }),
            3);
#endif
}

// A message with every kind of head: maps, arrays, tags (incl. 18 and 24),
// long strings, floats of each width, negatives, indefinite items.
Bytes RichMessage() {
  Item f4 = Item::Float(100000.0);
  Item f8 = Item::Float(1.1);
  const Item msg = Item::Map(
      {{Item::Text("version"), Item::Text("1.0")},
       {Item::Int(-1),
        Item::Tag(18, Item::Array({Item::Bstr(Hex("a10126")), Item::Map({}),
                                   Embed(Item::Uint(70000)),
                                   Item::Bstr(Bytes(300, 5))}))},
       {Item::Uint(33), Item::Array({Item::Float(1.5), f4, f8, Item::Null(),
                                     Item::Bool(true), Item::Int(-100000)})},
       {Item::Text("indef"), Item::Verbatim(Hex("9f015f41014102ff7f6161ffff"))},
       {Item::Text("big"), Item::NegativeRaw(UINT64_MAX)}});
  return Encode(msg);
}

TEST(Hostile, EveryPrefixOfAValidMessageIsTruncated) {
  const Bytes msg = RichMessage();
  ASSERT_TRUE(Decode(msg).ok());
  EXPECT_EQ(testing::ErrorCode(ByteView(msg).first(0)), kErrEmpty);
  for (size_t n = 1; n < msg.size(); ++n) {
    EXPECT_EQ(testing::ErrorCode(ByteView(msg).first(n)), kErrTruncated)
        << "prefix of " << n << " bytes";
  }
}

TEST(Hostile, EmbeddedContentIsBoundedToo) {
  const Item tag = Item::Tag(24, Item::Bstr(Hex("9affffffff")));
  auto r = DecodeEmbedded(tag);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kErrLength);
  EXPECT_EQ(Diagnose(tag), "24(h'9affffffff')");
}

TEST(Hostile, DeepNestingWithinRaisedLimitDecodesWithoutRecursion) {
  Limits deep;
  deep.max_depth = 20000;
  auto r = Decode(Hex(Repeat("81", 10000) + "00"), deep);
  ASSERT_TRUE(r.ok());
  const Item* leaf = &r->root;
  size_t depth = 0;
  while (leaf->type == Type::kArray) {
    leaf = &leaf->items[0];
    ++depth;
  }
  EXPECT_EQ(depth, 10000u);
  EXPECT_EQ(leaf->uint, 0u);
}

TEST(Hostile, ManyDuplicateKeysAreAllCounted) {
  // {0: 0, 0: 0, ...} with 20000 entries: found by sorting, not pairwise;
  // the first 8 in full, the other 19991 in one closing finding.
  const Decoded d = testing::MustDecode("b94e20" + std::string(80000, '0'));
  ASSERT_EQ(d.findings.size(), 9u);
  for (const Finding& f : d.findings) EXPECT_EQ(f.code, kFindingDuplicateKey);
  EXPECT_EQ(d.findings[0].offset, 5u);
  EXPECT_EQ(d.findings[8].message,
            "and 19991 more like this at byte offsets 21 to 40001");
  EXPECT_EQ(d.findings[8].offset, 21u);
}

TEST(Hostile, FindingsAreCountedPerCode) {
  // 100 over-long heads (18 00) and 100 undefined (f7): 3 + 1 of each.
  Limits few;
  few.max_findings_per_code = 3;
  const Decoded d = testing::MustDecode(
      "98c8" + Repeat("1800", 100) + Repeat("f7", 100), few);
  ASSERT_EQ(d.findings.size(), 8u);
  size_t non_preferred = 0, summaries = 0;
  for (const Finding& f : d.findings) {
    non_preferred += f.code == kFindingNonPreferred;
    summaries += f.message.rfind("and 97 more like this", 0) == 0;
  }
  EXPECT_EQ(non_preferred, 4u);
  EXPECT_EQ(summaries, 2u);
  Limits all;
  all.max_findings_per_code = SIZE_MAX;
  EXPECT_EQ(
      testing::MustDecode("98c8" + Repeat("1800", 100) + Repeat("f7", 100), all)
          .findings.size(),
      200u);
}

// A map whose key is a map whose key is ... {0: 0}: `a1` x depth, then
// `00` x (depth + 1). At depth 40 this is the 81-byte engagement of issue 21.
Bytes NestedMapKeys(size_t depth) {
  return Hex(Repeat("a1", depth) + Repeat("00", depth + 1));
}

// Allocations made by fn(): a work count that does not depend on the clock.
template <class Fn>
size_t AllocationsDuring(Fn fn) {
  const size_t before = g_allocations.load();
  fn();
  return g_allocations.load() - before;
}

TEST(Hostile, MapsNestedAsKeysRenderInLinearWork) {
  // Rendering each key twice per level cost 2^depth: millions of
  // allocations at depth 22, for ever at depth 40.
  const Decoded d = testing::MustDecode(ToHex(NestedMapKeys(22)));
  DiagOptions marked;
  marked.mark_path = "[x]";  // paths are built, as for evidence with a mark
  for (const DiagOptions& o : {DiagOptions{}, marked}) {
    std::string text;
    const size_t work = AllocationsDuring([&] { text = Diagnose(d.root, o); });
    EXPECT_LT(work, 20000u);
    EXPECT_NE(text.find("{0: 0}: 0}"), std::string::npos);
  }
}

TEST(Hostile, The81ByteEngagementRenders) {
  const Bytes input = NestedMapKeys(40);
  ASSERT_EQ(input.size(), 81u);
  const Decoded d = testing::MustDecode(ToHex(input));
  DiagOptions compact;
  compact.pretty = false;
  EXPECT_EQ(Diagnose(d.root, compact),
            Repeat("{", 40) + "0: 0}" + Repeat(": 0}", 39));
}

TEST(Hostile, OutputIsCutAtMaxOutput) {
  // 100000 entries of 40-character text: 4 MB of notation uncut.
  const Decoded d = testing::MustDecode(
      "9a000186a0" + Repeat("7828" + std::string(80, '6'), 100000));
  for (bool pretty : {true, false}) {
    DiagOptions o;
    o.pretty = pretty;
    o.max_output = 1000;
    const std::string text = Diagnose(d.root, o);
    EXPECT_LE(text.size(), 1100u) << pretty;
    EXPECT_NE(text.find("/... output cut at 1000 characters .../"),
              std::string::npos);
  }
  DiagOptions unlimited;
  unlimited.max_output = 0;
  EXPECT_GT(Diagnose(d.root, unlimited).size(), 4000000u);
}

}  // namespace
}  // namespace idc::cbor
