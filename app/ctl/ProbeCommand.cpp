#include "app/ctl/AdminConnection.h"
#include "app/ctl/CommandLine.h"
#include "app/ctl/Commands.h"

#include "core/client/RegistryProbe.h"
#include "core/model/ImageReference.h"

#include <iostream>

namespace nsgate::ctl {

int runProbe(const Args& args)
{
    const CommandSpec spec{
        "nsgatectl probe REFERENCE --registry URL",
        "Resolves REFERENCE through the mirror at URL the way containerd does (HEAD of the manifest\n"
        "with ?ns=<registry> and containerd's Accept list) and prints the status, Docker-Content-Digest,\n"
        "OCI-Namespace and whether the mirror honours ns. A second HEAD with an ns nobody maps tells\n"
        "a mirror that checks ns from one that ignores it.\n"
        "Exit status: 0 the reference resolved and the mirror honours ns; 1 otherwise; 2 usage.",
        {"REFERENCE"},
        {{"--registry", "URL", "the mirror's registry URL, e.g. http://127.0.0.1:5000", {}, true}},
    };
    auto parsed = parseArgs(spec, args);
    if (!parsed)
        return kExitUsage;
    if (parsed->helpRequested)
        return kExitOk;
    auto reference = model::parsePullReference(parsed->positionals()[0]);
    if (!reference) {
        std::cerr << "nsgatectl: " << reference.error().message << "\n";
        return kExitInvalidInput;
    }
    const QUrl registry(QString::fromStdString(parsed->value("--registry")), QUrl::StrictMode);
    if (!registry.isValid() || (registry.scheme() != QLatin1String("http") && registry.scheme() != QLatin1String("https")) ||
        registry.host().isEmpty()) {
        std::cerr << "nsgatectl: --registry \"" << parsed->value("--registry") << "\" is not an http:// or https:// URL\n";
        return kExitUsage;
    }
    client::RegistryProbe probe;
    return runUntilDone([&](std::function<void(int)> finish) {
        probe.probe(registry, *reference, &probe, [&, finish](client::ProbeResult r) {
            std::cout << "reference:      " << reference->toString() << "\n"
                      << "request:        HEAD " << r.url.toString().toStdString() << "\n";
            if (r.status == 0) {
                std::cout << "status:         no answer (" << r.error.toStdString() << ")\n";
                return finish(kExitInvalidInput);
            }
            const auto orNone = [](const QString& s) { return s.isEmpty() ? std::string("(none)") : s.toStdString(); };
            std::cout << "status:         " << r.status << "\n"
                      << "digest:         " << orNone(r.digest) << "\n"
                      << "media type:     " << orNone(r.mediaType) << "\n"
                      << "OCI-Namespace:  " << orNone(r.ociNamespace) << "\n"
                      << "unmapped ns:    " << r.controlStatus << "\n"
                      << "verdict:        " << client::toString(r.verdict).toStdString() << " ("
                      << r.explanation.toStdString() << ")\n";
            const bool good = r.status == 200 && !r.digest.isEmpty() && r.verdict == client::NsVerdict::Honours;
            finish(good ? kExitOk : kExitInvalidInput);
        });
    });
}

} // namespace nsgate::ctl
