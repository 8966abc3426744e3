#include "core/proxy/ConfigRepository.h"

#include "core/model/ConfigCodec.h"
#include "core/model/ConfigDiff.h"
#include "core/model/ConfigValidator.h"
#include "core/model/Grammar.h"
#include "core/proxy/DataFile.h"
#include "core/store/Migrations.h"
#include "core/store/Statement.h"
#include "core/store/Transaction.h"

#include <boost/json.hpp>

#include <array>
#include <chrono>

namespace nsgate::proxy {

namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

constexpr std::array kMigrations{
    store::Migration{1, "config revisions",
                     "CREATE TABLE revisions ("
                     "  revision INTEGER PRIMARY KEY,"
                     "  time INTEGER NOT NULL,"   // Unix milliseconds, UTC
                     "  actor TEXT NOT NULL,"
                     "  summary TEXT NOT NULL,"
                     "  document TEXT NOT NULL"
                     ");"},
};

std::int64_t systemNowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// How an If-Match header relates to the current revision.
enum class Precondition { Absent, Wildcard, Matches, Stale };

// RFC 9110 If-Match: "*" or a list of entity tags. Weak tags never match (the
// comparison is strong); a bare number is accepted as its quoted form, since
// that is what people type by hand.
Precondition checkIfMatch(const std::optional<std::string>& header, std::int64_t current)
{
    if (!header)
        return Precondition::Absent;
    std::string_view rest = trimWhitespace(*header);
    if (rest.empty())
        return Precondition::Absent;
    if (rest == "*")
        return Precondition::Wildcard;
    const std::string wanted = std::to_string(current);
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        const std::string_view tag = trimWhitespace(rest.substr(0, comma));
        if (tag == etagFor(current) || tag == wanted)
            return Precondition::Matches;
        if (comma == std::string_view::npos)
            break;
        rest.remove_prefix(comma + 1);
    }
    return Precondition::Stale;
}

void appendCodePoint(std::string& out, char32_t cp)
{
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xc0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xe0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
        out += static_cast<char>(0xf0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    }
}

// Decodes one UTF-8 sequence at text[i]; returns the code point and advances
// i, or returns nullopt (and advances by one byte) for an invalid sequence.
std::optional<char32_t> nextCodePoint(std::string_view text, std::size_t& i)
{
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    std::size_t length = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if (lead < 0x80) {
        ++i;
        return lead;
    }
    if ((lead & 0xe0) == 0xc0) {
        length = 2, cp = lead & 0x1f, min = 0x80;
    } else if ((lead & 0xf0) == 0xe0) {
        length = 3, cp = lead & 0x0f, min = 0x800;
    } else if ((lead & 0xf8) == 0xf0) {
        length = 4, cp = lead & 0x07, min = 0x10000;
    } else {
        ++i;
        return std::nullopt;
    }
    if (i + length > text.size()) {
        ++i;
        return std::nullopt;
    }
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xc0) != 0x80) {
            ++i;
            return std::nullopt;
        }
        cp = (cp << 6) | (byte(i + k) & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        ++i;
        return std::nullopt;
    }
    i += length;
    return cp;
}

ConfigPutOutcome outcome(ConfigPutOutcome::Kind kind, int status, std::int64_t current, std::string detail,
                         model::Issues errors = {})
{
    ConfigPutOutcome out;
    out.kind = kind;
    out.status = status;
    out.currentRevision = current;
    out.detail = std::move(detail);
    out.errors = std::move(errors);
    return out;
}

// A 422 whose detail counts the issues. Not written as
// outcome(..., std::to_string(issues.size()), std::move(issues)): the order in
// which arguments are evaluated is unspecified, and GCC moves the vector out
// before counting it ("0 problem(s)").
ConfigPutOutcome invalidOutcome(std::int64_t current, model::Issues issues)
{
    std::string detail = std::to_string(issues.size()) + " problem(s) in the config";
    return outcome(ConfigPutOutcome::Kind::Invalid, 422, current, std::move(detail), std::move(issues));
}

} // namespace

std::string etagFor(std::int64_t revision)
{
    return "\"" + std::to_string(revision) + "\"";
}

std::string sanitizeActor(std::string_view raw)
{
    raw = trimWhitespace(raw);
    std::string out;
    std::size_t i = 0;
    while (i < raw.size()) {
        const auto cp = nextCodePoint(raw, i);
        const bool control = cp && (*cp < 0x20 || (*cp >= 0x7f && *cp <= 0x9f));
        std::string piece;
        appendCodePoint(piece, cp && !control ? *cp : U'\uFFFD');
        if (out.size() + piece.size() > kMaxActorLength)
            break;
        out += piece;
    }
    return out;
}

ConfigRepository::ConfigRepository(store::Database db, Options options)
    : m_options(std::move(options)), m_db(std::move(db))
{
    if (!m_options.clock)
        m_options.clock = systemNowMs;
}

Result<std::unique_ptr<ConfigRepository>> ConfigRepository::open(const fs::path& dataDir, Options options)
{
    if (auto dir = ensureDataDirectory(dataDir); !dir)
        return dir.error();
    store::OpenOptions dbOptions;
    // Every accepted PUT must survive a power cut once it has been answered.
    dbOptions.synchronous = store::Synchronous::Full;
    auto db = store::Database::open((dataDir / "config.db").string(), dbOptions);
    if (!db)
        return db.error();
    if (auto migrated = store::migrate(*db, kMigrations); !migrated)
        return migrated.error();
    std::unique_ptr<ConfigRepository> repository(new ConfigRepository(std::move(*db), std::move(options)));
    if (auto loaded = repository->loadLatest(); !loaded)
        return loaded.error();
    return repository;
}

Status<> ConfigRepository::createFirstRevision()
{
    model::MirrorConfig empty;
    empty.revision = 1;
    const std::string document = model::encodeConfig(empty);
    auto insert = m_db.prepare(
        "INSERT OR IGNORE INTO revisions (revision, time, actor, summary, document) VALUES (1, ?, ?, ?, ?)");
    if (!insert)
        return insert.error();
    insert->bindAll(m_options.clock(), std::string_view("nsgate"), std::string_view("initial empty config"),
                    std::string_view(document));
    return insert->execute();
}

Status<> ConfigRepository::loadLatest()
{
    auto latest = m_db.prepare("SELECT revision, document FROM revisions ORDER BY revision DESC LIMIT 1");
    if (!latest)
        return latest.error();
    auto row = latest->step();
    if (!row)
        return row.error();
    if (!*row) {
        latest->reset();
        if (auto created = createFirstRevision(); !created)
            return created;
        return loadLatest();
    }
    const std::int64_t revision = latest->columnInt64(0);
    std::string document(latest->columnText(1));
    auto decoded = model::decodeConfig(document);
    if (!decoded || decoded->revision != revision) {
        std::string why = decoded ? "it carries revision " + std::to_string(decoded->revision)
                                  : decoded.error().front().pointer + " " + decoded.error().front().message;
        return makeError("config.damaged", "revision " + std::to_string(revision) + " in \"" + m_db.path()
                                               + "\" cannot be read: " + why);
    }
    install(std::make_shared<const model::MirrorConfig>(std::move(*decoded)), std::move(document));
    return {};
}

void ConfigRepository::install(std::shared_ptr<const model::MirrorConfig> config, std::string document)
{
    auto text = std::make_shared<const std::string>(std::move(document));
    std::lock_guard lock(m_snapshotMutex);
    m_current = std::move(config);
    m_document = std::move(text);
}

std::shared_ptr<const model::MirrorConfig> ConfigRepository::current() const
{
    std::lock_guard lock(m_snapshotMutex);
    return m_current;
}

ConfigSnapshot ConfigRepository::snapshot() const
{
    std::lock_guard lock(m_snapshotMutex);
    return {m_current, m_document};
}

std::int64_t ConfigRepository::currentRevision() const
{
    return current()->revision;
}

ConfigPutOutcome ConfigRepository::put(const ConfigPut& request)
{
    using Kind = ConfigPutOutcome::Kind;
    std::lock_guard lock(m_writeMutex);
    const auto current = this->current();
    const std::int64_t revision = current->revision;

    const Precondition precondition = checkIfMatch(request.ifMatch, revision);
    const bool checkRevision = precondition == Precondition::Matches;
    if (precondition == Precondition::Stale) {
        auto out = outcome(Kind::PreconditionFailed, 412, revision,
                           "If-Match " + model::quoteForMessage(trimWhitespace(*request.ifMatch))
                               + " does not name the current revision " + std::to_string(revision)
                               + "; fetch the config again and reapply the changes");
        return out;
    }
    if (!request.dryRun && precondition != Precondition::Matches) {
        return outcome(Kind::PreconditionRequired, 428, revision,
                       precondition == Precondition::Wildcard
                           ? "If-Match: * is not accepted; send the revision the document was edited from, e.g. If-Match: "
                                 + etagFor(revision)
                           : "PUT /admin/v1/config needs If-Match with the revision the document was edited from, e.g. "
                             "If-Match: "
                                 + etagFor(revision));
    }

    boost::system::error_code ec;
    json::parse_options parseOptions;
    parseOptions.max_depth = 64;
    const json::value body =
        json::parse(json::string_view(request.body.data(), request.body.size()), ec, {}, parseOptions);
    if (ec)
        return outcome(Kind::Malformed, 400, revision, "the body is not a JSON document",
                       {{"", "is not valid JSON: " + ec.message()}});

    model::Issues issues;
    if (checkRevision) {
        const auto* object = body.if_object();
        const auto* given = object ? object->if_contains("revision") : nullptr;
        if (given && given->is_int64() && given->as_int64() != revision)
            issues.push_back({"/revision", "revision " + std::to_string(given->as_int64()) + " differs from If-Match "
                                               + etagFor(revision)
                                               + "; send the revision the document was edited from, or none"});
    }
    auto decoded = model::decodeConfig(body);
    if (!decoded) {
        issues.insert(issues.end(), decoded.error().begin(), decoded.error().end());
        return invalidOutcome(revision, std::move(issues));
    }
    model::MirrorConfig next = std::move(*decoded);
    std::set<std::string> known;
    model::ValidationContext context;
    if (m_options.knownCredentials) {
        known = m_options.knownCredentials();
        context.knownCredentials = &known;
    }
    auto problems = model::validateConfig(next, context);
    issues.insert(issues.end(), problems.begin(), problems.end());
    if (!issues.empty())
        return invalidOutcome(revision, std::move(issues));

    next.revision = revision + 1;
    std::vector<std::string> changes = model::describeChanges(*current, next);
    if (request.dryRun) {
        auto out = outcome(Kind::Valid, 200, revision, {});
        out.changes = std::move(changes);
        return out;
    }

    std::string document = model::encodeConfig(next);
    const std::string summary = model::summarizeChanges(*current, next);
    const std::string actor = sanitizeActor(request.actor);
    const auto failed = [&](const Error& error) {
        return outcome(Kind::Failed, 500, revision, "the config could not be stored: " + error.message);
    };
    auto transaction = store::Transaction::begin(m_db);
    if (!transaction)
        return failed(transaction.error());
    auto insert =
        m_db.prepare("INSERT INTO revisions (revision, time, actor, summary, document) VALUES (?, ?, ?, ?, ?)");
    if (!insert)
        return failed(insert.error());
    if (auto inserted = insert->bindAll(next.revision, m_options.clock(), std::string_view(actor),
                                        std::string_view(summary), std::string_view(document))
                            .execute();
        !inserted)
        return failed(inserted.error());
    if (auto committed = transaction->commit(); !committed)
        return failed(committed.error());

    auto stored = std::make_shared<const model::MirrorConfig>(std::move(next));
    install(stored, document);
    for (const auto& listener : m_listeners)
        listener(stored);

    auto out = outcome(Kind::Stored, 200, stored->revision, {});
    out.config = std::move(stored);
    out.document = std::move(document);
    out.changes = std::move(changes);
    return out;
}

Result<std::vector<ConfigRevision>> ConfigRepository::revisions(std::size_t limit) const
{
    std::lock_guard lock(m_writeMutex);
    auto query = m_db.prepare("SELECT revision, time, actor, summary FROM revisions ORDER BY revision DESC LIMIT ?");
    if (!query)
        return query.error();
    query->bind(1, limit);
    std::vector<ConfigRevision> out;
    for (;;) {
        auto row = query->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        out.push_back({query->columnInt64(0), query->columnInt64(1), std::string(query->columnText(2)),
                       std::string(query->columnText(3))});
    }
    return out;
}

Result<std::optional<std::string>> ConfigRepository::revisionDocument(std::int64_t revision) const
{
    std::lock_guard lock(m_writeMutex);
    auto query = m_db.prepare("SELECT document FROM revisions WHERE revision = ?");
    if (!query)
        return query.error();
    query->bind(1, revision);
    auto row = query->step();
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<std::string>();
    return std::optional<std::string>(std::string(query->columnText(0)));
}

void ConfigRepository::subscribe(std::function<void(const std::shared_ptr<const model::MirrorConfig>&)> listener)
{
    std::lock_guard lock(m_writeMutex);
    m_listeners.push_back(std::move(listener));
}

void ConfigRepository::withConfigLocked(const std::function<void(const model::MirrorConfig&)>& work)
{
    std::lock_guard lock(m_writeMutex);
    const auto config = current();
    work(*config);
}

} // namespace nsgate::proxy
