// Image references arrive from users, config files and the wire: parsing must
// never crash, every refusal must say why, and whatever parses must come back
// unchanged from its canonical and its familiar spelling.

#include "core/model/ImageReference.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

using Parser = nsgate::Result<nsgate::model::ImageReference> (*)(std::string_view);

void check(Parser parse, std::string_view text)
{
    const auto ref = parse(text);
    if (!ref) {
        if (ref.error().code != "reference.invalid" || ref.error().message.empty())
            std::abort();
        return;
    }
    if (ref->name().size() > nsgate::model::kMaxReferenceNameLength)
        std::abort();
    const auto again = parse(ref->toString());
    if (!again || !(*again == *ref))
        std::abort();
    const auto familiar = parse(ref->familiar());
    if (!familiar || !(*familiar == *ref))
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    check(&nsgate::model::parseNormalizedReference, text);
    check(&nsgate::model::parsePullReference, text);
    return 0;
}
