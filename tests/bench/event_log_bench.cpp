// Event log throughput next to its anchor, both measured in this run:
//
//   eventlog  N events appended by T threads through EventLog::append(), until
//             flush() returns (numbered, inserted, totals kept, committed);
//   raw       the same N rows inserted with the sqlite3 C API alone into the
//             same schema: one prepared INSERT, static binds, one transaction
//             per batch, WAL and synchronous=NORMAL like the log.
//
// Prints events/s for both, the caller-side append() rate, and the ratio
// eventlog/raw. The target for the log is 300k events/s. Not run by CTest:
// rates are for reading, never for asserting.
//
// usage: event_log_bench [events=300000] [threads=2] [rounds=2]

#include "core/proxy/EventLog.h"
#include "core/proxy/EventTable.h"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

namespace {

using namespace nsgate;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

constexpr std::size_t kBatch = 4096;

double seconds(Clock::duration d)
{
    return std::chrono::duration<double>(d).count();
}

// Rows shaped like a real pull: a few namespaces, mostly blob hits, unique
// digests, the usual containerd user agent.
std::vector<model::Event> makeEvents(std::size_t count)
{
    static const char* const kNamespaces[] = {"docker.io", "ghcr.io", "quay.io", "registry.k8s.io"};
    std::vector<model::Event> events(count);
    char digest[80];
    for (std::size_t i = 0; i < count; ++i) {
        model::Event& e = events[i];
        e.timeMs = 1795813200123 + static_cast<std::int64_t>(i);
        e.method = "GET";
        e.object = i % 5 == 0 ? model::ObjectKind::Manifest : model::ObjectKind::Blob;
        e.requestedNs = kNamespaces[i % 4];
        e.servedNs = e.requestedNs;
        if (i % 10 == 0)
            e.upstream = "https://" + *e.servedNs;
        e.repository = "library/alpine";
        e.reference = e.object == model::ObjectKind::Manifest ? "3.20" : "";
        std::snprintf(digest, sizeof digest, "sha256:%064zx", i * 2654435761u);
        e.digest = digest;
        e.mediaType = e.object == model::ObjectKind::Manifest ? "application/vnd.oci.image.index.v1+json"
                                                              : "application/vnd.oci.image.layer.v1.tar+gzip";
        e.cache = i % 10 == 0 ? model::CacheResult::Miss : model::CacheResult::Hit;
        e.status = 200;
        e.bytes = static_cast<std::int64_t>(1000 + i % 100000);
        e.durationMs = 0.1 * static_cast<double>(i % 50);
        e.client = "10.0.0." + std::to_string(i % 250);
        e.userAgent = "containerd/1.6.20~ds1";
    }
    return events;
}

void removeDatabase(const fs::path& file)
{
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm"})
        fs::remove(file.string() + suffix, ignored);
}

bool check(sqlite3* db, int rc, const char* what)
{
    if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW)
        return true;
    std::fprintf(stderr, "raw sqlite3: %s: %s\n", what, sqlite3_errmsg(db));
    return false;
}

void bindText(sqlite3_stmt* s, int index, std::string_view text)
{
    sqlite3_bind_text(s, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
}

void bindText(sqlite3_stmt* s, int index, const std::optional<std::string>& text)
{
    if (text)
        bindText(s, index, std::string_view(*text));
    else
        sqlite3_bind_null(s, index);
}

// Rows/s for the anchor, or a negative number on failure.
double rawInsert(const fs::path& file, const std::vector<model::Event>& events)
{
    removeDatabase(file);
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK)
        return -1;
    const std::string schema(proxy::eventLogMigrations()[0].sql);
    sqlite3_stmt* insert = nullptr;
    bool ok = check(db, sqlite3_exec(db, "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr), "wal") &&
              check(db, sqlite3_exec(db, "PRAGMA synchronous=NORMAL", nullptr, nullptr, nullptr), "sync") &&
              check(db, sqlite3_exec(db, schema.c_str(), nullptr, nullptr, nullptr), "schema") &&
              check(db,
                    sqlite3_prepare_v3(db, proxy::kInsertEventSql.data(),
                                       static_cast<int>(proxy::kInsertEventSql.size()),
                                       SQLITE_PREPARE_PERSISTENT, &insert, nullptr),
                    "prepare");

    const auto start = Clock::now();
    std::int64_t seq = 0;
    for (std::size_t done = 0; ok && done < events.size();) {
        ok = check(db, sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), "begin");
        const std::size_t end = std::min(events.size(), done + kBatch);
        for (; ok && done < end; ++done) {
            const model::Event& e = events[done];
            sqlite3_bind_int64(insert, 1, ++seq);
            sqlite3_bind_int64(insert, 2, e.timeMs);
            bindText(insert, 3, std::string_view(e.method));
            bindText(insert, 4, model::toString(e.object));
            bindText(insert, 5, e.requestedNs);
            bindText(insert, 6, e.servedNs);
            bindText(insert, 7, e.upstream);
            bindText(insert, 8, std::string_view(e.repository));
            bindText(insert, 9, std::string_view(e.reference));
            bindText(insert, 10, e.digest);
            bindText(insert, 11, e.mediaType);
            bindText(insert, 12, model::toString(e.cache));
            bindText(insert, 13, model::toString(e.mismatch));
            bindText(insert, 14, model::toString(e.decision));
            sqlite3_bind_int(insert, 15, e.status);
            sqlite3_bind_int64(insert, 16, e.bytes);
            sqlite3_bind_double(insert, 17, e.durationMs);
            bindText(insert, 18, std::string_view(e.client));
            bindText(insert, 19, std::string_view(e.userAgent));
            bindText(insert, 20, e.detail);
            ok = check(db, sqlite3_step(insert), "insert");
            sqlite3_reset(insert);
        }
        ok = ok && check(db, sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), "commit");
    }
    const double elapsed = seconds(Clock::now() - start);
    sqlite3_finalize(insert);
    sqlite3_close_v2(db);
    removeDatabase(file);
    return ok ? static_cast<double>(events.size()) / elapsed : -1;
}

struct LogRates
{
    double append = -1;    // append() calls/s seen by the callers
    double committed = -1; // events/s until flush() returned
    std::uint64_t dropped = 0;
};

LogRates logInsert(const fs::path& file, std::vector<model::Event> events, unsigned threads)
{
    removeDatabase(file);
    proxy::EventLogOptions options;
    options.batchSize = kBatch;
    options.queueBound = events.size(); // a throughput run, not an overload run
    auto log = proxy::EventLog::open(file.string(), options);
    if (!log) {
        std::fprintf(stderr, "eventlog: %s\n", log.error().message.c_str());
        return {};
    }
    LogRates rates;
    const std::size_t per = events.size() / threads;
    const auto start = Clock::now();
    std::vector<std::thread> workers;
    for (unsigned t = 0; t < threads; ++t) {
        const std::size_t from = t * per;
        const std::size_t to = t + 1 == threads ? events.size() : from + per;
        workers.emplace_back([&, from, to] {
            for (std::size_t i = from; i < to; ++i)
                (*log)->append(std::move(events[i]));
        });
    }
    for (auto& worker : workers)
        worker.join();
    const auto appended = Clock::now();
    if (auto flushed = (*log)->flush(); !flushed) {
        std::fprintf(stderr, "eventlog: %s\n", flushed.error().message.c_str());
        return {};
    }
    const auto committed = Clock::now();
    rates.append = static_cast<double>(events.size()) / seconds(appended - start);
    rates.committed = static_cast<double>(events.size()) / seconds(committed - start);
    rates.dropped = (*log)->counters().dropped;
    log->reset();
    removeDatabase(file);
    return rates;
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
    const std::size_t count = argument(argc, argv, 1, 300000);
    const auto threads = static_cast<unsigned>(argument(argc, argv, 2, 2));
    const std::size_t rounds = argument(argc, argv, 3, 2);

    const fs::path dir = fs::temp_directory_path() / ("nsgate-event-log-bench-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path file = dir / "events.db";

    std::printf("event log bench: %zu events, %u appending threads, batch %zu, sqlite %s\n", count, threads,
                kBatch, sqlite3_libversion());
    double bestRaw = 0;
    LogRates bestLog;
    for (std::size_t round = 1; round <= rounds; ++round) {
        auto events = makeEvents(count);
        const double raw = rawInsert(file, events);
        const LogRates log = logInsert(file, std::move(events), threads);
        std::printf(
            "round %zu: raw sqlite3 %.0f rows/s | eventlog %.0f events/s committed, append() %.0f calls/s, "
            "%llu dropped\n",
            round, raw, log.committed, log.append, static_cast<unsigned long long>(log.dropped));
        bestRaw = std::max(bestRaw, raw);
        if (log.committed > bestLog.committed)
            bestLog = log;
    }
    std::error_code ignored;
    fs::remove_all(dir, ignored);

    if (bestRaw <= 0 || bestLog.committed <= 0) {
        std::printf("FAILED\n");
        return 1;
    }
    std::printf("best: eventlog %.0f events/s, raw sqlite3 %.0f rows/s, ratio %.2f; append() %.0f calls/s; "
                "target 300000 events/s: %s\n",
                bestLog.committed, bestRaw, bestLog.committed / bestRaw, bestLog.append,
                bestLog.committed >= 300000 ? "met" : "NOT met");
    return 0;
}
