// The `ns` query value is attacker-controlled: normalization must never crash,
// every refusal must say why, and a normalized host must be a fixed point (it
// is a lookup key, so two spellings of it must never normalize apart).

#include "core/model/RegistryHost.h"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

void checkFixedPoint(const std::string& normalized)
{
    if (normalized.empty() || normalized.size() > nsgate::model::kMaxHostLength)
        std::abort();
    const auto again = nsgate::model::normalizeNs(normalized);
    if (!again || *again != normalized)
        std::abort();
    const auto host = nsgate::model::normalizeRegistryHost(normalized);
    if (!host || *host != normalized)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    const auto ns = nsgate::model::normalizeNs(text);
    if (ns)
        checkFixedPoint(*ns);
    else if (ns.error().code != "ns.invalid" || ns.error().message.empty())
        std::abort();

    const auto host = nsgate::model::normalizeRegistryHost(text);
    if (host)
        checkFixedPoint(*host);
    else if (host.error().code != "host.invalid" || host.error().message.empty())
        std::abort();
    return 0;
}
