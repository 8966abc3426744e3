#include "core/proxy/DigestHasher.h"

#include <openssl/evp.h>

namespace nsgate::proxy {

struct DigestHasher::State
{
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    std::string algorithm;
    ~State() { EVP_MD_CTX_free(ctx); }
};

DigestHasher::DigestHasher(std::unique_ptr<State> state) : m_state(std::move(state)) {}
DigestHasher::~DigestHasher() = default;

std::unique_ptr<DigestHasher> DigestHasher::forDigest(std::string_view digest)
{
    auto state = std::make_unique<State>();
    const bool sha512 = digest.starts_with("sha512:");
    state->algorithm = sha512 ? "sha512" : "sha256";
    EVP_DigestInit_ex(state->ctx, sha512 ? EVP_sha512() : EVP_sha256(), nullptr);
    return std::unique_ptr<DigestHasher>(new DigestHasher(std::move(state)));
}

std::unique_ptr<DigestHasher> DigestHasher::sha256()
{
    return forDigest("sha256:");
}

void DigestHasher::update(std::span<const char> bytes)
{
    EVP_DigestUpdate(m_state->ctx, bytes.data(), bytes.size());
}

std::string DigestHasher::finish()
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(m_state->ctx, out, &length);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string text = m_state->algorithm + ":";
    for (unsigned int i = 0; i < length; ++i) {
        text += kHex[out[i] >> 4];
        text += kHex[out[i] & 0xf];
    }
    return text;
}

std::string DigestHasher::sha256Of(std::string_view bytes)
{
    auto h = sha256();
    h->update(bytes);
    return h->finish();
}

} // namespace nsgate::proxy
