#include "core/model/ConfigCodec.h"

#include "core/model/Message.h"

#include <boost/json.hpp>

#include <initializer_list>
#include <limits>

namespace nsgate::model {
namespace json = boost::json;

namespace {

std::string shortValue(const json::value& v)
{
    std::string text = json::serialize(v);
    if (text.size() > 80)
        text = text.substr(0, 77) + "...";
    return text;
}

// jsonKindName() as a message, to stand in a sentence ("must be a string, not
// a number 5").
Message jsonKind(const json::value& v)
{
    switch (v.kind()) {
    case json::kind::null: return NSGATE_TEXT("nsgate::model", "null");
    case json::kind::bool_: return NSGATE_TEXT("nsgate::model", "a boolean");
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_: return NSGATE_TEXT("nsgate::model", "a number");
    case json::kind::string: return NSGATE_TEXT("nsgate::model", "a string");
    case json::kind::array: return NSGATE_TEXT("nsgate::model", "an array");
    case json::kind::object: return NSGATE_TEXT("nsgate::model", "an object");
    }
    return NSGATE_TEXT("nsgate::model", "a value");
}

// Walks one document, collecting every problem instead of stopping at the first.
class Decoder
{
public:
    Issues issues;

    void issue(const std::string& pointer, Message text) { issues.push_back(makeIssue(pointer, std::move(text))); }

    const json::object* object(const json::value& v, const std::string& ptr)
    {
        if (const auto* o = v.if_object())
            return o;
        issue(ptr, NSGATE_TEXT("nsgate::model", "must be an object, not %1 %2").with(jsonKind(v), shortValue(v)));
        return nullptr;
    }

    // Reports every member not in `known`.
    void rejectUnknown(const json::object& o, const std::string& ptr, std::initializer_list<std::string_view> known)
    {
        for (const auto& member : o) {
            const std::string_view key = member.key();
            bool found = false;
            for (auto k : known)
                found = found || k == key;
            if (!found)
                issue(ptr + "/" + escapePointerToken(key),
                      NSGATE_TEXT("nsgate::model", "unknown field \"%1\"").with(key));
        }
    }

    void readString(const json::object& o, std::string_view key, const std::string& ptr, std::string& out)
    {
        const auto* v = o.if_contains(key);
        if (!v)
            return;
        if (const auto* s = v->if_string())
            out.assign(s->data(), s->size());
        else
            issue(ptr, NSGATE_TEXT("nsgate::model", "must be a string, not %1 %2").with(jsonKind(*v), shortValue(*v)));
    }

    void readOptionalString(const json::object& o, std::string_view key, const std::string& ptr,
                            std::optional<std::string>& out)
    {
        const auto* v = o.if_contains(key);
        if (!v || v->is_null())
            return;
        if (const auto* s = v->if_string())
            out = std::string(s->data(), s->size());
        else
            issue(ptr, NSGATE_TEXT("nsgate::model", "must be a string or null, not %1 %2")
                           .with(jsonKind(*v), shortValue(*v)));
    }

    void readBool(const json::object& o, std::string_view key, const std::string& ptr, bool& out)
    {
        const auto* v = o.if_contains(key);
        if (!v)
            return;
        if (const auto* b = v->if_bool())
            out = *b;
        else
            issue(ptr, NSGATE_TEXT("nsgate::model", "must be true or false, not %1 %2")
                           .with(jsonKind(*v), shortValue(*v)));
    }

    template<class Int>
    void readInt(const json::object& o, std::string_view key, const std::string& ptr, Int& out)
    {
        const auto* v = o.if_contains(key);
        if (!v)
            return;
        std::int64_t n = 0;
        if (const auto* i = v->if_int64()) {
            n = *i;
        } else if (v->is_uint64()) {
            issue(ptr, NSGATE_TEXT("nsgate::model", "is out of range: %1").with(shortValue(*v)));
            return;
        } else {
            issue(ptr, NSGATE_TEXT("nsgate::model", "must be an integer, not %1 %2")
                           .with(jsonKind(*v), shortValue(*v)));
            return;
        }
        if (n < std::numeric_limits<Int>::min() || n > std::numeric_limits<Int>::max()) {
            issue(ptr, NSGATE_TEXT("nsgate::model", "is out of range: %1").with(shortValue(*v)));
            return;
        }
        out = static_cast<Int>(n);
    }

    void readStringList(const json::object& o, std::string_view key, const std::string& ptr,
                        std::vector<std::string>& out)
    {
        const auto* v = o.if_contains(key);
        if (!v)
            return;
        const auto* a = v->if_array();
        if (!a) {
            issue(ptr, NSGATE_TEXT("nsgate::model", "must be an array of strings, not %1 %2")
                           .with(jsonKind(*v), shortValue(*v)));
            return;
        }
        for (std::size_t i = 0; i < a->size(); ++i) {
            const auto& item = (*a)[i];
            if (const auto* s = item.if_string())
                out.emplace_back(s->data(), s->size());
            else
                issue(ptr + "/" + std::to_string(i),
                      NSGATE_TEXT("nsgate::model", "must be a string, not %1 %2")
                          .with(jsonKind(item), shortValue(item)));
        }
    }

    template<class Enum, class Parse>
    void readEnum(const json::object& o, std::string_view key, const std::string& ptr, Enum& out, Parse parse,
                  std::string_view allowed)
    {
        const auto* v = o.if_contains(key);
        if (!v)
            return;
        const auto* s = v->if_string();
        if (!s) {
            issue(ptr, NSGATE_TEXT("nsgate::model", "must be one of %1, not %2 %3")
                           .with(allowed, jsonKind(*v), shortValue(*v)));
            return;
        }
        if (auto parsed = parse(std::string_view(s->data(), s->size())))
            out = *parsed;
        else
            issue(ptr, NSGATE_TEXT("nsgate::model", "\"%1\" is not one of %2")
                           .with(std::string_view(s->data(), s->size()), allowed));
    }

    Upstream upstream(const json::value& v, const std::string& ptr)
    {
        Upstream u;
        const auto* o = object(v, ptr);
        if (!o)
            return u;
        rejectUnknown(*o, ptr, {"url", "credential", "caPem", "tlsVerify", "forwardNs", "repositoryPrefix"});
        if (!o->contains("url"))
            issue(ptr + "/url", NSGATE_TEXT("nsgate::model", "is required"));
        readString(*o, "url", ptr + "/url", u.url);
        readOptionalString(*o, "credential", ptr + "/credential", u.credential);
        readOptionalString(*o, "caPem", ptr + "/caPem", u.caPem);
        readBool(*o, "tlsVerify", ptr + "/tlsVerify", u.tlsVerify);
        readBool(*o, "forwardNs", ptr + "/forwardNs", u.forwardNs);
        readOptionalString(*o, "repositoryPrefix", ptr + "/repositoryPrefix", u.repositoryPrefix);
        return u;
    }

    TrustPolicy policy(const json::value& v, const std::string& ptr)
    {
        TrustPolicy p;
        const auto* o = object(v, ptr);
        if (!o)
            return p;
        rejectUnknown(*o, ptr, {"allow", "deny", "tags", "tagTtlSeconds", "serveStale", "onMissingNs"});
        readStringList(*o, "allow", ptr + "/allow", p.allow);
        readStringList(*o, "deny", ptr + "/deny", p.deny);
        readEnum(*o, "tags", ptr + "/tags", p.tags, tagModeFromString, "\"primary\", \"any\", \"digest-only\"");
        readInt(*o, "tagTtlSeconds", ptr + "/tagTtlSeconds", p.tagTtlSeconds);
        readBool(*o, "serveStale", ptr + "/serveStale", p.serveStale);
        readEnum(*o, "onMissingNs", ptr + "/onMissingNs", p.onMissingNs, missingNsModeFromString,
                 "\"reject\", \"serve\"");
        return p;
    }

    NamespaceEntry entry(const json::value& v, const std::string& ptr)
    {
        NamespaceEntry e;
        const auto* o = object(v, ptr);
        if (!o)
            return e;
        rejectUnknown(*o, ptr, {"namespace", "aliases", "upstreams", "policy"});
        if (!o->contains("namespace"))
            issue(ptr + "/namespace", NSGATE_TEXT("nsgate::model", "is required"));
        readString(*o, "namespace", ptr + "/namespace", e.name);
        readStringList(*o, "aliases", ptr + "/aliases", e.aliases);
        if (const auto* ups = o->if_contains("upstreams")) {
            if (const auto* a = ups->if_array()) {
                for (std::size_t i = 0; i < a->size(); ++i)
                    e.upstreams.push_back(upstream((*a)[i], ptr + "/upstreams/" + std::to_string(i)));
            } else {
                issue(ptr + "/upstreams",
                      NSGATE_TEXT("nsgate::model", "must be an array, not %1 %2")
                          .with(jsonKind(*ups), shortValue(*ups)));
            }
        } else {
            issue(ptr + "/upstreams", NSGATE_TEXT("nsgate::model", "is required (at least one upstream)"));
        }
        if (const auto* pol = o->if_contains("policy"))
            e.policy = policy(*pol, ptr + "/policy");
        return e;
    }

    MirrorConfig document(const json::value& v)
    {
        MirrorConfig c;
        const auto* o = object(v, "");
        if (!o)
            return c;
        rejectUnknown(*o, "", {"schemaVersion", "revision", "defaultNamespace", "namespaces"});
        readInt(*o, "schemaVersion", "/schemaVersion", c.schemaVersion);
        if (c.schemaVersion != MirrorConfig::kSchemaVersion)
            issue("/schemaVersion", NSGATE_TEXT("nsgate::model", "schema version %1 is not supported (expected %2)")
                                        .with(c.schemaVersion, MirrorConfig::kSchemaVersion));
        readInt(*o, "revision", "/revision", c.revision);
        readOptionalString(*o, "defaultNamespace", "/defaultNamespace", c.defaultNamespace);
        if (const auto* ns = o->if_contains("namespaces")) {
            if (const auto* a = ns->if_array()) {
                for (std::size_t i = 0; i < a->size(); ++i)
                    c.namespaces.push_back(entry((*a)[i], "/namespaces/" + std::to_string(i)));
            } else {
                issue("/namespaces",
                      NSGATE_TEXT("nsgate::model", "must be an array, not %1 %2").with(jsonKind(*ns), shortValue(*ns)));
            }
        }
        return c;
    }
};

json::value optionalString(const std::optional<std::string>& s)
{
    return s ? json::value(*s) : json::value(nullptr);
}

json::array stringArray(const std::vector<std::string>& items)
{
    json::array a;
    a.reserve(items.size());
    for (const auto& s : items)
        a.emplace_back(s);
    return a;
}

void pretty(std::string& out, const json::value& v, int depth)
{
    const auto indent = [&](int d) { out.append(static_cast<std::size_t>(d) * 2, ' '); };
    if (const auto* o = v.if_object()) {
        if (o->empty()) {
            out += "{}";
            return;
        }
        out += "{\n";
        bool first = true;
        for (const auto& m : *o) {
            if (!first)
                out += ",\n";
            first = false;
            indent(depth + 1);
            out += json::serialize(json::value(m.key()));
            out += ": ";
            pretty(out, m.value(), depth + 1);
        }
        out += "\n";
        indent(depth);
        out += "}";
    } else if (const auto* a = v.if_array()) {
        if (a->empty()) {
            out += "[]";
            return;
        }
        out += "[\n";
        for (std::size_t i = 0; i < a->size(); ++i) {
            if (i)
                out += ",\n";
            indent(depth + 1);
            pretty(out, (*a)[i], depth + 1);
        }
        out += "\n";
        indent(depth);
        out += "]";
    } else {
        out += json::serialize(v);
    }
}

} // namespace

std::string jsonKindName(const json::value& v)
{
    return jsonKind(v).english();
}

Result<MirrorConfig, Issues> decodeConfig(const json::value& v)
{
    Decoder decoder;
    MirrorConfig config = decoder.document(v);
    if (!decoder.issues.empty())
        return std::move(decoder.issues);
    return config;
}

Result<MirrorConfig, Issues> decodeConfig(std::string_view text)
{
    boost::system::error_code ec;
    json::parse_options options;
    options.max_depth = 64;
    json::value v = json::parse(json::string_view(text.data(), text.size()), ec, {}, options);
    if (ec)
        return Issues{makeIssue("", NSGATE_TEXT("nsgate::model", "is not valid JSON: %1").with(ec.message()))};
    return decodeConfig(v);
}

json::value configToJson(const MirrorConfig& config)
{
    json::array namespaces;
    for (const auto& e : config.namespaces) {
        json::array upstreams;
        for (const auto& u : e.upstreams) {
            upstreams.emplace_back(json::object{
                {"url", u.url},
                {"credential", optionalString(u.credential)},
                {"caPem", optionalString(u.caPem)},
                {"tlsVerify", u.tlsVerify},
                {"forwardNs", u.forwardNs},
                {"repositoryPrefix", optionalString(u.repositoryPrefix)},
            });
        }
        const auto& p = e.policy;
        namespaces.emplace_back(json::object{
            {"namespace", e.name},
            {"aliases", stringArray(e.aliases)},
            {"upstreams", std::move(upstreams)},
            {"policy",
             json::object{
                 {"allow", stringArray(p.allow)},
                 {"deny", stringArray(p.deny)},
                 {"tags", toString(p.tags)},
                 {"tagTtlSeconds", p.tagTtlSeconds},
                 {"serveStale", p.serveStale},
                 {"onMissingNs", toString(p.onMissingNs)},
             }},
        });
    }
    return json::object{
        {"schemaVersion", config.schemaVersion},
        {"revision", config.revision},
        {"defaultNamespace", optionalString(config.defaultNamespace)},
        {"namespaces", std::move(namespaces)},
    };
}

std::string prettyJson(const json::value& v)
{
    std::string out;
    pretty(out, v, 0);
    out += '\n';
    return out;
}

std::string encodeConfig(const MirrorConfig& config, JsonStyle style)
{
    const json::value v = configToJson(config);
    return style == JsonStyle::Pretty ? prettyJson(v) : json::serialize(v);
}

} // namespace nsgate::model
