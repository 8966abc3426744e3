#pragma once

// The config document of the admin API (schemaVersion 1) as plain values.
// Defaults here are the documented defaults of omitted fields; the codec
// (ConfigCodec.h) and the validator (ConfigValidator.h) work on these types.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nsgate::model {

enum class TagMode { Primary, Any, DigestOnly };
enum class MissingNsMode { Reject, Serve };

std::string_view toString(TagMode mode);
std::string_view toString(MissingNsMode mode);
std::optional<TagMode> tagModeFromString(std::string_view text);
std::optional<MissingNsMode> missingNsModeFromString(std::string_view text);

struct Upstream
{
    std::string url;
    std::optional<std::string> credential;
    std::optional<std::string> caPem;
    bool tlsVerify = true;
    bool forwardNs = false;
    std::optional<std::string> repositoryPrefix;

    friend bool operator==(const Upstream&, const Upstream&) = default;
};

struct TrustPolicy
{
    std::vector<std::string> allow;
    std::vector<std::string> deny;
    TagMode tags = TagMode::Primary;
    std::int64_t tagTtlSeconds = 300;
    bool serveStale = true;
    MissingNsMode onMissingNs = MissingNsMode::Reject;

    friend bool operator==(const TrustPolicy&, const TrustPolicy&) = default;
};

struct NamespaceEntry
{
    std::string name;   // "namespace" in JSON
    std::vector<std::string> aliases;
    std::vector<Upstream> upstreams;
    TrustPolicy policy;

    friend bool operator==(const NamespaceEntry&, const NamespaceEntry&) = default;
};

struct MirrorConfig
{
    static constexpr int kSchemaVersion = 1;

    int schemaVersion = kSchemaVersion;
    std::int64_t revision = 0;   // assigned by nsgate; 0 in a draft that never was stored
    std::optional<std::string> defaultNamespace;
    std::vector<NamespaceEntry> namespaces;

    // The entry whose namespace or alias equals `host` (already normalized), or null.
    const NamespaceEntry* find(std::string_view host) const;
    // Index of that entry, or -1.
    int indexOf(std::string_view host) const;

    friend bool operator==(const MirrorConfig&, const MirrorConfig&) = default;
};

} // namespace nsgate::model
