#pragma once

// Incremental SHA-256 / SHA-512 over OpenSSL's EVP interface (hardware SHA
// where the CPU has it): bytes are hashed as they stream through the proxy.

#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace nsgate::proxy {

class DigestHasher
{
public:
    // `digest` is a validated "sha256:…" or "sha512:…"; its algorithm is used.
    static std::unique_ptr<DigestHasher> forDigest(std::string_view digest);
    static std::unique_ptr<DigestHasher> sha256();
    ~DigestHasher();

    void update(std::span<const char> bytes);
    // "sha256:<hex>"; the hasher cannot be used afterwards.
    std::string finish();

    // One-shot convenience.
    static std::string sha256Of(std::string_view bytes);

private:
    struct State;
    explicit DigestHasher(std::unique_ptr<State> state);
    std::unique_ptr<State> m_state;
};

} // namespace nsgate::proxy
