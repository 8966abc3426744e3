// Config documents come from operators and over the admin API: decoding and
// validation must never crash, and whatever decodes must survive a round trip
// through the encoder unchanged.

#include "core/model/ConfigCodec.h"
#include "core/model/ConfigValidator.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto decoded = nsgate::model::decodeConfig(text);
    if (!decoded) {
        if (decoded.error().empty())
            std::abort(); // a refusal must say why
        return 0;
    }
    (void)nsgate::model::validateConfig(*decoded);
    const std::string encoded = nsgate::model::encodeConfig(*decoded);
    auto again = nsgate::model::decodeConfig(encoded);
    if (!again || !(*again == *decoded) || nsgate::model::encodeConfig(*again) != encoded)
        std::abort();
    return 0;
}
