#pragma once

// Synchronous admin calls for test set-up ("a colleague pushes"): each waits
// on the event loop for AdminClient's answer, at most 10 s.

#include "core/client/AdminClient.h"
#include "core/model/ConfigCodec.h"

#include <QDebug>
#include <QObject>
#include <QTest>

#include <optional>

namespace nsgate::test {

inline std::optional<client::ConfigDocument> fetchConfig(client::AdminClient& admin)
{
    std::optional<client::ConfigDocument> result;
    bool done = false;
    QObject context;
    admin.getConfig(&context, [&](client::ApiResult<client::ConfigDocument> r) {
        if (r)
            result = *r;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 10000))
        return std::nullopt;
    return result;
}

// Pushes `config` over the proxy's current revision; the new revision, or
// nullopt when the proxy refused (the reason goes to the test log).
inline std::optional<std::int64_t> pushOverCurrent(client::AdminClient& admin, model::MirrorConfig config,
                                                   const QString& actor = QStringLiteral("colleague"))
{
    const auto current = fetchConfig(admin);
    if (!current)
        return std::nullopt;
    config.revision = current->revision;
    std::optional<std::int64_t> revision;
    bool done = false;
    QObject context;
    admin.putConfig(QByteArray::fromStdString(model::encodeConfig(config)), current->revision, false, actor,
                    &context, [&](client::ApiResult<client::PutResult> r) {
                        if (r)
                            revision = r->revision;
                        else
                            qWarning() << r.error().message();
                        done = true;
                    });
    if (!QTest::qWaitFor([&] { return done; }, 10000))
        return std::nullopt;
    return revision;
}

} // namespace nsgate::test
