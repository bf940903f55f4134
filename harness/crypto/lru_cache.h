// SPDX-License-Identifier: Apache-2.0
// Internal to harness/crypto: a bounded, thread-safe map from a byte-string
// key to a cheap-to-copy value (a shared handle), least recently used entry
// evicted first. A hit needs the whole key to be equal, not just its hash.
//
//   LruCache<Key> keys(256);
//   if (auto k = keys.Find(bytes)) return *k;
//   keys.Insert(bytes, parsed);
#pragma once

#include <cstddef>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "harness/crypto/cache.h"

namespace idc::crypto::internal {

template <class V>
class LruCache {
 public:
  explicit LruCache(size_t capacity) : capacity_(capacity) {}

  std::optional<V> Find(std::string_view key) {
    std::lock_guard lock(mu_);
    auto it = index_.find(key);
    if (it == index_.end()) {
      ++counters_.misses;
      return std::nullopt;
    }
    ++counters_.hits;
    entries_.splice(entries_.begin(), entries_, it->second);
    return it->second->second;
  }

  // Keeps the first value when two threads insert the same key.
  void Insert(std::string_view key, V value) {
    std::lock_guard lock(mu_);
    if (index_.contains(key)) return;
    entries_.emplace_front(std::string(key), std::move(value));
    // The index views the key string owned by the list node, which does not
    // move while the node lives.
    index_.emplace(entries_.front().first, entries_.begin());
    if (entries_.size() > capacity_) {
      index_.erase(entries_.back().first);
      entries_.pop_back();
    }
  }

  void Clear() {
    std::lock_guard lock(mu_);
    index_.clear();
    entries_.clear();
    counters_ = {};
  }

  CacheCounters counters() const {
    std::lock_guard lock(mu_);
    CacheCounters out = counters_;
    out.size = entries_.size();
    out.capacity = capacity_;
    return out;
  }

 private:
  using Entries = std::list<std::pair<std::string, V>>;

  const size_t capacity_;
  mutable std::mutex mu_;
  Entries entries_;  // most recently used first
  std::unordered_map<std::string_view, typename Entries::iterator> index_;
  CacheCounters counters_;
};

}  // namespace idc::crypto::internal
