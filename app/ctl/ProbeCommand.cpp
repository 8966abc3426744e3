#include "app/ctl/AdminConnection.h"
#include "app/ctl/CommandLine.h"
#include "app/ctl/Commands.h"
#include "app/ctl/Translate.h"

#include "core/client/RegistryProbe.h"
#include "core/model/ImageReference.h"

#include <iostream>

namespace nsgate::ctl {

int runProbe(const Args& args)
{
    const CommandSpec spec{
        "nsgatectl probe REFERENCE --registry URL",
        translate(
            "nsgatectl",
            "Resolves REFERENCE through the mirror at URL the way containerd does (HEAD of the manifest\n"
            "with ?ns=<registry> and containerd's Accept list) and prints the status, "
            "Docker-Content-Digest,\n"
            "OCI-Namespace and whether the mirror honours ns. A second HEAD with an ns nobody maps tells\n"
            "a mirror that checks ns from one that ignores it.\n"
            "Exit status: 0 the reference resolved and the mirror honours ns; 1 otherwise; 2 usage."),
        {"REFERENCE"},
        {{"--registry",
          "URL",
          translate("nsgatectl", "the mirror's registry URL, e.g. http://127.0.0.1:5000"),
          {},
          true}},
    };
    auto parsed = parseArgs(spec, args);
    if (!parsed)
        return kExitUsage;
    if (parsed->helpRequested)
        return kExitOk;
    auto reference = model::parsePullReference(parsed->positionals()[0]);
    if (!reference) {
        std::cerr << "nsgatectl: " << coreMessage(reference.error()) << "\n";
        return kExitInvalidInput;
    }
    const QUrl registry(QString::fromStdString(parsed->value("--registry")), QUrl::StrictMode);
    if (!registry.isValid() || (registry.scheme() != QLatin1String("http") && registry.scheme() != QLatin1String("https")) ||
        registry.host().isEmpty()) {
        std::cerr << withArgs(
            translate("nsgatectl", "nsgatectl: --registry \"%1\" is not an http:// or https:// URL\n"),
            parsed->value("--registry"));
        return kExitUsage;
    }
    client::RegistryProbe probe;
    return runUntilDone([&](std::function<void(int)> finish) {
        probe.probe(registry, *reference, &probe, [&, finish](client::ProbeResult r) {
            // A report for people: the labels are translated, the values are not.
            std::cout << withArgs(translate("nsgatectl", "reference:      %1\n"), reference->toString())
                      << withArgs(translate("nsgatectl", "request:        HEAD %1\n"), r.url.toString());
            if (r.status == 0) {
                std::cout << withArgs(translate("nsgatectl", "status:         no answer (%1)\n"), r.error);
                return finish(kExitInvalidInput);
            }
            const auto orNone = [](const QString& s) {
                return s.isEmpty() ? translate("nsgatectl", "(none)") : s.toStdString();
            };
            std::cout << withArgs(translate("nsgatectl", "status:         %1\n"), r.status)
                      << withArgs(translate("nsgatectl", "digest:         %1\n"), orNone(r.digest))
                      << withArgs(translate("nsgatectl", "media type:     %1\n"), orNone(r.mediaType))
                      << withArgs(translate("nsgatectl", "OCI-Namespace:  %1\n"), orNone(r.ociNamespace))
                      << withArgs(translate("nsgatectl", "unmapped ns:    %1\n"), r.controlStatus)
                      << withArgs(translate("nsgatectl", "verdict:        %1 (%2)\n"),
                                  client::toString(r.verdict), r.explanation);
            const bool good = r.status == 200 && !r.digest.isEmpty() && r.verdict == client::NsVerdict::Honours;
            finish(good ? kExitOk : kExitInvalidInput);
        });
    });
}

} // namespace nsgate::ctl
