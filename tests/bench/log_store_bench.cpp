// The console's local log store (LogStore) against its anchor, both measured in this run:
//
//   ingest   M events through LogStore::ingest() in batches of 4096: strings
//            interned, the (proxy, seq) key, four audit indexes, the minute
//            aggregates with their rollups, the top-list rollups and the
//            cursor, one transaction per batch, WAL, synchronous=NORMAL;
//   raw      the same rows inserted with the sqlite3 C API alone into a plain
//            table of the same columns (no index, no aggregates), one prepared
//            INSERT, one transaction per batch, WAL, synchronous=NORMAL.
//
// Both rates are printed per wall-clock and per CPU second. Then it fills a
// store to N events (two proxies, a week of traffic) and times the dashboard
// reads (totals, per-namespace totals, per-minute series, top lists, who
// served a digest) and the audit view's first page (100 rows, newest first)
// under many filters. Targets: ingest >= 300k events/s; dashboard < 50 ms;
// audit first page < 100 ms. Not run by CTest: figures are for reading, never
// for asserting.
//
// usage: log_store_bench [stored=1000000] [ingest=300000] [dir=$TMPDIR]
//   The figure is for 10 M stored events: log_store_bench 10000000
//   (about 100 s on an idle 2-core machine, ~1.7 GB of disk, removed at exit).

#include "core/store/LogStore.h"
#include "core/store/LogStoreSchema.h"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <time.h>
#include <unistd.h>

namespace {

using namespace nsgate;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

constexpr std::size_t kBatch = 4096;
constexpr std::int64_t kT0 = 1'795'813'200'000;
constexpr std::int64_t kWeekMs = 7LL * 24 * 3600 * 1000;

double seconds(Clock::duration d)
{
    return std::chrono::duration<double>(d).count();
}

// CPU seconds this process has used: on a shared machine the wall clock also
// counts the time other jobs had the core, so the bench prints both rates.
double cpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

struct Rate
{
    double wall = -1;   // rows per wall-clock second
    double cpu = -1;    // rows per CPU second
};

std::uint64_t splitmix64(std::uint64_t x)
{
    x += 0x9e3779b97f4a7c15u;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9u;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebu;
    return x ^ (x >> 31);
}

// Digest number k as a real digest looks: 64 hex digits without order. Which
// digest a request asks for is a hash of its seq too, so neither the digest
// text nor the first-seen order (and with it an interned id) follows
// insertion order: every index keyed by digest takes its inserts all over.
std::string digestText(std::uint64_t k)
{
    char digest[80];
    std::snprintf(digest, sizeof digest, "sha256:%016llx%016llx%016llx%016llx",
                  static_cast<unsigned long long>(splitmix64(4 * k)), static_cast<unsigned long long>(splitmix64(4 * k + 1)),
                  static_cast<unsigned long long>(splitmix64(4 * k + 2)),
                  static_cast<unsigned long long>(splitmix64(4 * k + 3)));
    return digest;
}

// Pull-shaped rows: a handful of namespaces (one unmapped), mostly blob hits,
// layers shared between pulls (50k distinct digests, picked at random), 250
// clients.
model::Event makeEvent(std::int64_t seq, std::int64_t timeMs)
{
    static const char* const kNs[] = {"docker.io", "ghcr.io", "quay.io", "registry.k8s.io", "gcr.io"};
    static const char* const kRepos[] = {"library/alpine", "library/busybox", "org/app", "org/db", "infra/proxy"};
    model::Event e;
    const auto i = static_cast<std::size_t>(seq);
    e.seq = seq;
    e.timeMs = timeMs;
    e.method = i % 9 == 0 ? "HEAD" : "GET";
    e.object = i % 5 == 0 ? model::ObjectKind::Manifest : model::ObjectKind::Blob;
    e.requestedNs = kNs[i % 5];
    if (i % 23 == 0) {
        e.requestedNs = "unmapped.example";
        e.mismatch = model::Mismatch::Unmapped;
        e.decision = model::Decision::Rejected;
        e.status = 404;
    } else {
        e.servedNs = e.requestedNs;
        e.cache = i % 10 == 0 ? model::CacheResult::Miss : model::CacheResult::Hit;
        e.status = 200;
        e.bytes = static_cast<std::int64_t>(1000 + i % 100000);
        e.digest = digestText(splitmix64(i) % 50000);
        e.mediaType = e.object == model::ObjectKind::Manifest ? "application/vnd.oci.image.index.v1+json"
                                                              : "application/vnd.oci.image.layer.v1.tar+gzip";
        if (e.cache == model::CacheResult::Miss)
            e.upstream = "https://" + *e.servedNs;
    }
    e.repository = kRepos[i % 5 == 0 ? (i / 5) % 5 : i % 3];
    e.reference = e.object == model::ObjectKind::Manifest ? "1.0" : "";
    e.durationMs = 0.1 * static_cast<double>(i % 50);
    e.client = "10.0.0." + std::to_string(i % 250);
    e.userAgent = "containerd/1.6.20~ds1";
    return e;
}

std::vector<model::Event> makeEvents(std::int64_t firstSeq, std::size_t count, std::int64_t t0, std::int64_t stepMs)
{
    std::vector<model::Event> out;
    out.reserve(count);
    for (std::size_t k = 0; k < count; ++k) {
        const std::int64_t seq = firstSeq + static_cast<std::int64_t>(k);
        out.push_back(makeEvent(seq, t0 + (seq - 1) * stepMs));
    }
    return out;
}

void removeDatabase(const fs::path& file)
{
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm"})
        fs::remove(file.string() + suffix, ignored);
}

void bindText(sqlite3_stmt* s, int index, const std::optional<std::string>& text)
{
    if (text)
        sqlite3_bind_text(s, index, text->data(), static_cast<int>(text->size()), SQLITE_STATIC);
    else
        sqlite3_bind_null(s, index);
}

void bindText(sqlite3_stmt* s, int index, std::string_view text)
{
    sqlite3_bind_text(s, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
}

// Rows/s for the anchor: the same 22 values per row into a plain table.
Rate rawInsert(const fs::path& file, const std::vector<model::Event>& events)
{
    removeDatabase(file);
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr) !=
        SQLITE_OK)
        return {};
    const char* schema =
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
        "CREATE TABLE events(proxy_id INTEGER, seq INTEGER, time_ms INTEGER, method TEXT, object TEXT,"
        " requested_ns TEXT, served_ns TEXT, ns TEXT, upstream TEXT, repository TEXT, reference TEXT, digest TEXT,"
        " media_type TEXT, cache TEXT, mismatch TEXT, decision TEXT, status INTEGER, bytes INTEGER,"
        " duration_ms REAL, client TEXT, user_agent TEXT, detail TEXT)";
    const char* insertSql = "INSERT INTO events VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,"
                            "?19,?20,?21,?22)";
    sqlite3_stmt* insert = nullptr;
    bool ok = sqlite3_exec(db, schema, nullptr, nullptr, nullptr) == SQLITE_OK &&
              sqlite3_prepare_v3(db, insertSql, -1, SQLITE_PREPARE_PERSISTENT, &insert, nullptr) == SQLITE_OK;
    const auto start = Clock::now();
    const double cpuStart = cpuSeconds();
    for (std::size_t done = 0; ok && done < events.size();) {
        ok = sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK;
        const std::size_t end = std::min(events.size(), done + kBatch);
        for (; ok && done < end; ++done) {
            const model::Event& e = events[done];
            sqlite3_bind_int64(insert, 1, 1);
            sqlite3_bind_int64(insert, 2, e.seq);
            sqlite3_bind_int64(insert, 3, e.timeMs);
            bindText(insert, 4, std::string_view(e.method));
            bindText(insert, 5, model::toString(e.object));
            bindText(insert, 6, e.requestedNs);
            bindText(insert, 7, e.servedNs);
            bindText(insert, 8, store::namespaceKey(e));
            bindText(insert, 9, e.upstream);
            bindText(insert, 10, std::string_view(e.repository));
            bindText(insert, 11, std::string_view(e.reference));
            bindText(insert, 12, e.digest);
            bindText(insert, 13, e.mediaType);
            bindText(insert, 14, model::toString(e.cache));
            bindText(insert, 15, model::toString(e.mismatch));
            bindText(insert, 16, model::toString(e.decision));
            sqlite3_bind_int(insert, 17, e.status);
            sqlite3_bind_int64(insert, 18, e.bytes);
            sqlite3_bind_double(insert, 19, e.durationMs);
            bindText(insert, 20, std::string_view(e.client));
            bindText(insert, 21, std::string_view(e.userAgent));
            bindText(insert, 22, e.detail);
            ok = sqlite3_step(insert) == SQLITE_DONE;
            sqlite3_reset(insert);
        }
        ok = ok && sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK;
    }
    const double elapsed = seconds(Clock::now() - start);
    const double cpu = cpuSeconds() - cpuStart;
    if (!ok)
        std::fprintf(stderr, "raw sqlite3: %s\n", sqlite3_errmsg(db));
    sqlite3_finalize(insert);
    sqlite3_close_v2(db);
    removeDatabase(file);
    if (!ok)
        return {};
    return {static_cast<double>(events.size()) / elapsed, static_cast<double>(events.size()) / cpu};
}

// Events/s through LogStore::ingest, or negative on failure.
double ingestInto(store::LogStore& store, const char* proxy, const std::vector<model::Event>& events)
{
    const auto start = Clock::now();
    for (std::size_t done = 0; done < events.size(); done += kBatch) {
        const std::size_t n = std::min(kBatch, events.size() - done);
        auto report = store.ingest(proxy, std::span<const model::Event>(events.data() + done, n));
        if (!report) {
            std::fprintf(stderr, "ingest: %s\n", report.error().message.c_str());
            return -1;
        }
    }
    return static_cast<double>(events.size()) / seconds(Clock::now() - start);
}

// Best and worst of five runs in milliseconds; -1 on failure.
struct Timing
{
    double bestMs = -1, worstMs = -1;
    std::size_t rows = 0;
};

Timing timeQuery(const std::function<std::size_t()>& run)
{
    Timing t;
    for (int i = 0; i < 5; ++i) {
        const auto start = Clock::now();
        t.rows = run();
        const double ms = seconds(Clock::now() - start) * 1000;
        t.bestMs = t.bestMs < 0 ? ms : std::min(t.bestMs, ms);
        t.worstMs = std::max(t.worstMs, ms);
    }
    return t;
}

std::size_t argument(int argc, char** argv, int index, std::size_t fallback)
{
    if (argc <= index)
        return fallback;
    const long long value = std::atoll(argv[index]);
    return value > 0 ? static_cast<std::size_t>(value) : fallback;
}

} // namespace

int main(int argc, char** argv)
{
    const std::size_t stored = argument(argc, argv, 1, 1'000'000);
    const std::size_t ingestCount = std::min(stored, argument(argc, argv, 2, 300'000));
    const fs::path base = argc > 3 ? fs::path(argv[3]) : fs::temp_directory_path();
    const fs::path dir = base / ("nsgate-log-store-bench-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path file = dir / "log.db";
    std::printf("log store bench: %zu events ingested for the rate, %zu stored for the queries, batch %zu, sqlite %s\n",
                ingestCount, stored, kBatch, sqlite3_libversion());

    // Each proxy sends half the events, spread over one week ending at kT0 + week.
    const std::size_t perProxy = stored / 2;
    const std::int64_t stepMs = std::max<std::int64_t>(1, kWeekMs / static_cast<std::int64_t>(perProxy));
    const auto first = makeEvents(1, ingestCount / 2, kT0, stepMs);
    const Rate raw = rawInsert(dir / "raw.db", [&] {
        auto both = first;
        both.insert(both.end(), first.begin(), first.end());
        for (std::size_t k = first.size(); k < both.size(); ++k)
            both[k].seq += static_cast<std::int64_t>(first.size());
        return both;
    }());

    removeDatabase(file);
    auto opened = store::LogStore::open(file.string());
    if (!opened) {
        std::fprintf(stderr, "open: %s\n", opened.error().message.c_str());
        return 1;
    }
    store::LogStore& store = *opened;
    // The rate: the first events of both proxies, into an empty store.
    const auto ingestStart = Clock::now();
    const double ingestCpuStart = cpuSeconds();
    const double a = ingestInto(store, "proxy-a", first);
    const double b = ingestInto(store, "proxy-b", first);
    const double rate = static_cast<double>(2 * first.size()) / seconds(Clock::now() - ingestStart);
    const double cpuRate = static_cast<double>(2 * first.size()) / (cpuSeconds() - ingestCpuStart);
    if (raw.wall <= 0 || a <= 0 || b <= 0) {
        std::printf("FAILED\n");
        return 1;
    }
    std::printf("ingest: LogStore %.0f events/s | raw sqlite3 (plain table) %.0f rows/s | ratio %.2f | target 300000 "
                "events/s: %s\n",
                rate, raw.wall, rate / raw.wall, rate >= 300000 ? "met" : "NOT met");
    std::printf("ingest per CPU second (what an idle core would do, without I/O waits): LogStore %.0f events/s | "
                "raw %.0f rows/s | ratio %.2f\n",
                cpuRate, raw.cpu, cpuRate / raw.cpu);

    // Fill up to `stored`, in chunks so memory stays bounded.
    const auto fillStart = Clock::now();
    for (const char* proxy : {"proxy-a", "proxy-b"}) {
        for (std::size_t have = first.size(); have < perProxy;) {
            const std::size_t n = std::min<std::size_t>(1'000'000, perProxy - have);
            if (ingestInto(store, proxy, makeEvents(static_cast<std::int64_t>(have) + 1, n, kT0, stepMs)) < 0)
                return 1;
            have += n;
        }
    }
    auto count = store.eventCount();
    const double fillSeconds = seconds(Clock::now() - fillStart);
    std::printf("filled: %lld events in the store (%.1f s more, %.0f events/s while growing), file %.0f MB\n",
                static_cast<long long>(count ? *count : -1), fillSeconds,
                static_cast<double>(stored - 2 * first.size()) / std::max(fillSeconds, 1e-9),
                static_cast<double>(fs::file_size(file) + fs::file_size(file.string() + "-wal")) / 1e6);

    // The windows end at the newest event (stepMs is rounded down, so that is
    // up to an hour before kT0 + a week): "last hour" must hold an hour of data.
    const std::int64_t end = kT0 + static_cast<std::int64_t>(perProxy) * stepMs;
    const auto report = [](const char* what, const Timing& t, double targetMs) {
        std::printf("  %-46s %8.2f ms best %8.2f ms worst %7zu rows  %s\n", what, t.bestMs, t.worstMs, t.rows,
                    t.worstMs >= 0 && t.worstMs < targetMs ? "ok" : "OVER TARGET");
    };
    std::printf("dashboard (target < 50 ms):\n");
    const std::pair<const char*, std::int64_t> windows[] = {
        {"5 min", 5 * 60000}, {"1 h", 3600000}, {"24 h", 86400000}, {"7 d", kWeekMs}};
    for (const auto& [label, window] : windows) {
        report((std::string("totals, fleet, last ") + label).c_str(),
               timeQuery([&] { return store.totals(end - window, end).ok() ? std::size_t{1} : std::size_t{0}; }), 50);
        report((std::string("totals by namespace, one proxy, last ") + label).c_str(), timeQuery([&] {
                   auto r = store.totalsByNamespace(end - window, end, std::string("proxy-a"));
                   return r ? r->size() : std::size_t{0};
               }),
               50);
        report((std::string("per-minute series, fleet, last ") + label).c_str(), timeQuery([&] {
                   auto r = store.series(end - window, end);
                   return r ? r->size() : std::size_t{0};
               }),
               50);
    }

    std::printf("top lists (rollups plus the edge minutes' events; target < 50 ms):\n");
    for (const auto& [label, window] : {windows[1], windows[2]}) {
        report((std::string("top 10 repositories, last ") + label).c_str(), timeQuery([&] {
                   auto r = store.topRepositories(end - window - 12345, end - 12345, 10);
                   return r ? r->size() : std::size_t{0};
               }),
               50);
        report((std::string("top 10 mismatch sources, last ") + label).c_str(), timeQuery([&] {
                   auto r = store.topMismatchSources(end - window - 12345, end - 12345, 10);
                   return r ? r->size() : std::size_t{0};
               }),
               50);
    }
    report("who served this digest", timeQuery([&] {
               auto r = store.whoServedDigest(*makeEvent(12341, 0).digest);
               return r ? r->size() : std::size_t{0};
           }),
           50);

    std::printf("audit first page, 100 rows newest first (target < 100 ms):\n");
    const auto page = [&](store::EventFilter filter) {
        filter.limit = 100;
        return timeQuery([&, filter] {
            std::size_t rows = 0;
            auto done = store.queryEvents(filter, [&](const store::StoredEvent&) { return ++rows > 0; });
            return done.ok() ? rows : std::size_t{0};
        });
    };
    store::EventFilter f;
    report("no filter", page(f), 100);
    f = {};
    f.ns = "ghcr.io";
    report("namespace", page(f), 100);
    f.sinceMs = end - 86400000;
    f.untilMs = end - 43200000;
    report("namespace + 12 h window a day ago", page(f), 100);
    f = {};
    f.digest = makeEvent(12345, 0).digest;
    report("digest (who served this digest)", page(f), 100);
    f = {};
    f.repository = "org/db";
    f.cache = model::CacheResult::Miss;
    report("repository + cache miss", page(f), 100);
    f = {};
    f.mismatch = model::Mismatch::Unmapped;
    f.instanceId = "proxy-b";
    report("proxy + mismatch unmapped", page(f), 100);
    f = {};
    f.client = "10.0.0.77";
    f.sinceMs = kT0;
    f.untilMs = kT0 + 3600000;
    report("client, in the oldest hour", page(f), 100);
    f = {};
    f.client = "10.0.0.77";
    report("client", page(f), 100);
    f = {};
    f.upstream = "https://docker.io";
    report("upstream", page(f), 100);
    f = {};
    f.decision = model::Decision::Rejected;
    report("decision rejected", page(f), 100);
    f = {};
    f.cache = model::CacheResult::Miss;
    report("cache miss", page(f), 100);
    f = {};
    f.mismatch = model::Mismatch::Unmapped;
    report("mismatch unmapped", page(f), 100);
    f = {};
    f.sinceMs = end - 3 * 86400000;
    f.untilMs = end - 2 * 86400000;
    report("time range (a day, 2 days ago)", page(f), 100);
    f = {};
    f.ns = "quay.io";
    f.repository = "org/app";
    f.client = "10.0.0.12";
    report("namespace + repository + client", page(f), 100);
    f = {};
    f.ns = "docker.io";
    f.upstream = "https://docker.io";
    f.sinceMs = end - 86400000;
    report("namespace + upstream + last day", page(f), 100);
    f = {};
    f.repository = "library/busybox";
    f.digest = makeEvent(12346, 0).digest;
    report("repository + digest", page(f), 100);
    f = {};
    f.digest = makeEvent(12345, 0).digest;
    f.after = store::EventFilter::Key{end - kWeekMs / 2, 0};
    report("digest, page from the middle of the week", page(f), 100);

    std::error_code ignored;
    fs::remove_all(dir, ignored);
    return 0;
}
