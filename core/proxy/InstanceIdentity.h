#pragma once

// Who this nsgate is: a random UUID (version 4) created on first start in
// DATA_DIR/instance-id and kept for the life of the data directory. Events are
// identified by (instanceId, seq) everywhere, so the id must never change
// silently: a damaged file is an error, not a reason to make a new one.

#include "core/model/Result.h"

#include <filesystem>
#include <string>
#include <string_view>

namespace nsgate::proxy {

class InstanceIdentity
{
public:
    static Result<InstanceIdentity> loadOrCreate(const std::filesystem::path& dataDir);
    // For tests: an identity that is not stored anywhere.
    static InstanceIdentity fromId(std::string id) { return InstanceIdentity(std::move(id)); }

    // Lower-case canonical form: "8-4-4-4-12" hex digits.
    const std::string& instanceId() const { return m_id; }

private:
    explicit InstanceIdentity(std::string id) : m_id(std::move(id)) {}

    std::string m_id;
};

// A fresh random version 4 UUID in canonical lower-case form.
Result<std::string> makeUuidV4();
// "8-4-4-4-12" lower-case hex digits (any version).
bool isCanonicalUuid(std::string_view text);

} // namespace nsgate::proxy
