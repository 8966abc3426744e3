#pragma once

// Image references ("alpine", "ghcr.io/org/app:1.2@sha256:...") per the
// distribution reference grammar, with the normalization that docker and
// containerd clients apply.

#include "core/model/Result.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace nsgate::model {

inline constexpr std::size_t kMaxReferenceNameLength = 255;   // domain + "/" + path

struct ImageReference
{
    std::string domain;   // "docker.io", "localhost:5000", "[::1]:5000"; as written (not lower-cased)
    std::string path;     // "library/alpine"
    std::string tag;      // empty when none
    std::string digest;   // empty when none; both may be set ("app:1.2@sha256:...")

    // domain/path
    std::string name() const;
    // domain/path[:tag][@digest]; parses back to the same value.
    std::string toString() const;
    // The short form users type: "alpine", "org/app:1", "ghcr.io/org/app".
    // Also parses back to the same value: "docker.io/" stays when the first
    // path component would otherwise be read as a domain ("docker.io/a.b/c"),
    // and "library/" stays before a 64-hex name.
    std::string familiar() const;

    friend bool operator==(const ImageReference&, const ImageReference&) = default;
};

// Parses and normalizes the way clients do (distribution ParseNormalizedNamed):
// a first component without '.' or ':' that is not "localhost" is not a domain,
// so the domain becomes docker.io, and single-component docker.io paths get
// "library/". Upper-case letters in the repository are an error. No default tag.
// As in docker, a first component with an upper-case letter is a domain
// ("Foo/bar"), "index.docker.io" becomes "docker.io", and a bare 64-hex string
// is refused (it reads as an image ID). The domain must pass the registry host
// rules of RegistryHost.h (so ports are 1..65535 and IPv6 is bracketed); the
// name (domain/path after normalization) is at most 255 characters. Errors
// have code "reference.invalid" and read `reference "<text>": <problem>`.
Result<ImageReference> parseNormalizedReference(std::string_view text);

// parseNormalizedReference, then ":latest" when neither tag nor digest is
// given (what a pull of "alpine" means).
Result<ImageReference> parsePullReference(std::string_view text);

} // namespace nsgate::model
