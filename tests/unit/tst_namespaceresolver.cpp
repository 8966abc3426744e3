// Namespace resolution, row by row against the rules of the proxy contract:
// ns from the query, the proxy's own host, the path-prefix form, closed world,
// and requests without any namespace.

#include "core/model/NamespaceResolver.h"

#include <QTest>

using namespace nsgate::model;

namespace {

const char* const kDigest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

MirrorConfig config(bool withDefault, MissingNsMode missing = MissingNsMode::Serve)
{
    MirrorConfig c;
    NamespaceEntry docker;
    docker.name = "docker.io";
    docker.aliases = {"index.docker.io", "registry-1.docker.io"};
    docker.upstreams = {Upstream{"https://registry-1.docker.io", {}, {}, true, false, {}}};
    docker.policy.onMissingNs = missing;
    NamespaceEntry quay;
    quay.name = "quay.io";
    quay.upstreams = {Upstream{"https://quay.io", {}, {}, true, false, {}}};
    NamespaceEntry local;
    local.name = "127.0.0.1:5001";
    local.upstreams = {Upstream{"http://127.0.0.1:5001", {}, {}, true, false, {}}};
    NamespaceEntry plain; // a mapped name without '.' or ':' can never be a path prefix
    plain.name = "localhost";
    plain.upstreams = {Upstream{"http://localhost", {}, {}, true, false, {}}};
    c.namespaces = {docker, quay, local, plain};
    if (withDefault)
        c.defaultNamespace = "docker.io";
    return c;
}

const QString kNone = QStringLiteral("<none>");

} // namespace

class TestNamespaceResolver : public QObject
{
    Q_OBJECT

private slots:
    void resolve_data()
    {
        QTest::addColumn<QString>("ns");   // kNone: no ns parameter
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("withDefault");
        QTest::addColumn<int>("route");
        QTest::addColumn<QString>("servedNs");
        QTest::addColumn<QString>("requestedNs");
        QTest::addColumn<QString>("repository");
        QTest::addColumn<QString>("reference");
        QTest::addColumn<QString>("mismatch");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");

        const int ns = int(Route::Namespace), cache = int(Route::CacheOnly), rej = int(Route::Reject);
        const QString d = QString::fromLatin1(kDigest);
        const QString h = "proxy.lan:5000";

        QTest::newRow("ns by tag") << "docker.io" << h << "/v2/library/alpine/manifests/3.20" << false << ns
                                   << "docker.io" << "docker.io" << "library/alpine" << "3.20" << "none" << 0 << "";
        QTest::newRow("ns with encoded port") << "127.0.0.1%3A5001" << h << "/v2/app/manifests/v1" << false << ns
                                              << "127.0.0.1:5001" << "127.0.0.1:5001" << "app" << "v1" << "none"
                                              << 0 << "";
        QTest::newRow("ns upper-case normalized") << "Quay.IO" << h << "/v2/coreos/etcd/manifests/v3" << false << ns
                                                  << "quay.io" << "quay.io" << "coreos/etcd" << "v3" << "none" << 0
                                                  << "";
        QTest::newRow("alias is not a mismatch") << "index.docker.io" << h << "/v2/library/a/blobs/" + d << false
                                                 << ns << "docker.io" << "index.docker.io" << "library/a" << d
                                                 << "none" << 0 << "";
        QTest::newRow("unmapped ns never dialled") << "evil.example" << h << "/v2/library/alpine/manifests/1"
                                                   << true << rej << "" << "evil.example" << "" << "1"
                                                   << "unmapped" << 404 << "NAME_UNKNOWN";
        QTest::newRow("invalid ns with path") << "docker.io%2Fx" << h << "/v2/a/manifests/1" << false << rej << ""
                                              << "" << "" << "1" << "none" << 400 << "NAME_INVALID";
        QTest::newRow("invalid ns user info") << "u%40docker.io" << h << "/v2/a/manifests/1" << false << rej << ""
                                              << "" << "" << "1" << "none" << 400 << "NAME_INVALID";
        QTest::newRow("invalid ns bad escape") << "docker.io%zz" << h << "/v2/a/manifests/1" << false << rej << ""
                                               << "" << "" << "1" << "none" << 400 << "NAME_INVALID";
        QTest::newRow("ns equal to proxy host is absent")
            << "proxy.lan:5000" << h << "/v2/quay.io/coreos/etcd/manifests/v1" << false << ns << "quay.io"
            << "quay.io" << "coreos/etcd" << "v1" << "none" << 0 << "";
        QTest::newRow("path prefix") << kNone << h << "/v2/quay.io/coreos/etcd/manifests/v1" << false << ns
                                     << "quay.io" << "quay.io" << "coreos/etcd" << "v1" << "none" << 0 << "";
        QTest::newRow("path prefix host:port") << kNone << h << "/v2/127.0.0.1:5001/app/blobs/" + d << false << ns
                                               << "127.0.0.1:5001" << "127.0.0.1:5001" << "app" << d << "none" << 0
                                               << "";
        QTest::newRow("path prefix via alias") << kNone << h << "/v2/index.docker.io/library/a/manifests/1" << false
                                               << ns << "docker.io" << "index.docker.io" << "library/a" << "1"
                                               << "none" << 0 << "";
        QTest::newRow("prefix needs dot or colon") << kNone << h << "/v2/localhost/app/manifests/1" << true << ns
                                                   << "docker.io" << "" << "localhost/app" << "1" << "missing" << 0
                                                   << "";
        QTest::newRow("unmapped dotted first component is repository")
            << "docker.io" << h << "/v2/example.com/app/manifests/1" << false << ns << "docker.io" << "docker.io"
            << "example.com/app" << "1" << "none" << 0 << "";
        QTest::newRow("ns and same prefix agree") << "quay.io" << h << "/v2/quay.io/coreos/etcd/manifests/v1"
                                                  << false << ns << "quay.io" << "quay.io" << "coreos/etcd" << "v1"
                                                  << "none" << 0 << "";
        QTest::newRow("ns and prefix conflict") << "docker.io" << h << "/v2/quay.io/coreos/etcd/manifests/v1"
                                                << false << rej << "" << "docker.io" << "" << "v1" << "conflict"
                                                << 404 << "NAME_UNKNOWN";
        QTest::newRow("missing ns, default serves") << kNone << h << "/v2/library/alpine/manifests/3" << true << ns
                                                    << "docker.io" << "" << "library/alpine" << "3" << "missing"
                                                    << 0 << "";
        QTest::newRow("missing ns, no default, tag refused")
            << kNone << h << "/v2/library/alpine/manifests/3" << false << rej << "" << "" << "library/alpine" << "3"
            << "missing" << 404 << "NAME_UNKNOWN";
        QTest::newRow("missing ns, no default, digest from cache")
            << kNone << h << "/v2/library/alpine/blobs/" + d << false << cache << "" << "" << "library/alpine" << d
            << "missing" << 0 << "";
        QTest::newRow("missing ns, no default, tags list refused")
            << kNone << h << "/v2/library/alpine/tags/list" << false << rej << "" << "" << "library/alpine" << ""
            << "missing" << 404 << "NAME_UNKNOWN";
        QTest::newRow("tags list") << "quay.io" << h << "/v2/coreos/etcd/tags/list" << false << ns << "quay.io"
                                   << "quay.io" << "coreos/etcd" << "" << "none" << 0 << "";
        QTest::newRow("referrers") << "quay.io" << h << "/v2/coreos/etcd/referrers/" + d << false << ns << "quay.io"
                                   << "quay.io" << "coreos/etcd" << d << "none" << 0 << "";
        QTest::newRow("repository named like an endpoint")
            << "quay.io" << h << "/v2/a/manifests/b/manifests/v1" << false << ns << "quay.io" << "quay.io"
            << "a/manifests/b" << "v1" << "none" << 0 << "";
        QTest::newRow("bad repository") << "quay.io" << h << "/v2/Coreos/etcd/manifests/v1" << false << rej << ""
                                        << "quay.io" << "" << "v1" << "none" << 400 << "NAME_INVALID";
        QTest::newRow("bad tag") << "quay.io" << h << "/v2/coreos/etcd/manifests/-v1" << false << rej << ""
                                 << "quay.io" << "" << "-v1" << "none" << 400 << "MANIFEST_INVALID";
        QTest::newRow("bad digest on blob") << "quay.io" << h << "/v2/coreos/etcd/blobs/latest" << false << rej << ""
                                            << "quay.io" << "" << "latest" << "none" << 400 << "DIGEST_INVALID";
        QTest::newRow("bad digest on manifest") << "quay.io" << h << "/v2/coreos/etcd/manifests/sha256:abc" << false
                                                << rej << "" << "quay.io" << "" << "sha256:abc" << "none" << 400
                                                << "DIGEST_INVALID";
        QTest::newRow("not an object path") << "quay.io" << h << "/v2/coreos/etcd" << false << rej << "" << "" << ""
                                            << "" << "none" << 404 << "NAME_UNKNOWN";
        QTest::newRow("unknown endpoint") << "quay.io" << h << "/v2/coreos/etcd/uploads/x" << false << rej << ""
                                          << "" << "" << "" << "none" << 404 << "NAME_UNKNOWN";
    }

    void resolve()
    {
        QFETCH(QString, ns);
        QFETCH(QString, host);
        QFETCH(QString, path);
        QFETCH(bool, withDefault);
        QFETCH(int, route);
        QFETCH(QString, servedNs);
        QFETCH(QString, requestedNs);
        QFETCH(QString, repository);
        QFETCH(QString, reference);
        QFETCH(QString, mismatch);
        QFETCH(int, status);
        QFETCH(QString, code);

        const auto cfg = config(withDefault);
        const std::string nsText = ns.toStdString(), hostText = host.toStdString(), pathText = path.toStdString();
        RegistryRequest request{pathText, std::nullopt, hostText};
        if (ns != kNone)
            request.ns = nsText;
        const Resolution r = resolveNamespace(request, cfg);

        QCOMPARE(int(r.route), route);
        QCOMPARE(QString::fromUtf8(r.servedNs().data(), int(r.servedNs().size())), servedNs);
        QCOMPARE(QString::fromStdString(r.requestedNs.value_or("")), requestedNs);
        if (r.route != Route::Reject || !repository.isEmpty())
            QCOMPARE(QString::fromStdString(r.repository), repository);
        QCOMPARE(QString::fromStdString(r.reference), reference);
        QCOMPARE(QString::fromLatin1(toString(r.mismatch).data()), mismatch);
        QCOMPARE(r.status, status);
        QCOMPARE(QString::fromStdString(r.errorCode), code);
        if (r.route == Route::Reject)
            QVERIFY(!r.message.empty());
    }

    void defaultThatRejectsFallsBackToCacheOnlyForDigests()
    {
        const auto cfg = config(true, MissingNsMode::Reject);
        const std::string digestPath = std::string("/v2/library/a/blobs/") + kDigest;
        const auto byDigest = resolveNamespace({digestPath, std::nullopt, "p:5000"}, cfg);
        QVERIFY(byDigest.route == Route::CacheOnly);
        QVERIFY(byDigest.mismatch == Mismatch::Missing);
        const auto byTag = resolveNamespace({"/v2/library/a/manifests/1", std::nullopt, "p:5000"}, cfg);
        QVERIFY(byTag.route == Route::Reject);
        QCOMPARE(byTag.status, 404);
    }

    void unmappedMessageNamesTheNamespace()
    {
        const auto r = resolveNamespace({"/v2/a/manifests/1", "ghcr.io", "p"}, config(false));
        QVERIFY(QString::fromStdString(r.message).contains("\"ghcr.io\""));
    }

    void policy_data()
    {
        QTest::addColumn<QStringList>("allow");
        QTest::addColumn<QStringList>("deny");
        QTest::addColumn<bool>("digestOnly");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");

        const QString d = QString::fromLatin1(kDigest);
        QTest::newRow("empty allow allows all") << QStringList{} << QStringList{} << false << "/v2/x/y/manifests/1" << 0
                                                << "";
        QTest::newRow("allowed by **") << QStringList{"library/**"} << QStringList{} << false
                                       << "/v2/library/a/b/manifests/1" << 0 << "";
        QTest::newRow("not in allow") << QStringList{"library/*"} << QStringList{} << false
                                      << "/v2/evil/a/manifests/1" << 403 << "DENIED";
        QTest::newRow("* is one segment") << QStringList{"library/*"} << QStringList{} << false
                                          << "/v2/library/a/b/manifests/1" << 403 << "DENIED";
        QTest::newRow("deny wins") << QStringList{"library/**"} << QStringList{"library/bad"} << false
                                   << "/v2/library/bad/blobs/" + d << 403 << "DENIED";
        QTest::newRow("digest-only refuses tag") << QStringList{} << QStringList{} << true
                                                 << "/v2/library/a/manifests/1" << 404 << "MANIFEST_UNKNOWN";
        QTest::newRow("digest-only serves digest") << QStringList{} << QStringList{} << true
                                                   << "/v2/library/a/manifests/" + d << 0 << "";
    }

    void policy()
    {
        QFETCH(QStringList, allow);
        QFETCH(QStringList, deny);
        QFETCH(bool, digestOnly);
        QFETCH(QString, path);
        QFETCH(int, status);
        QFETCH(QString, code);
        auto cfg = config(false);
        auto& e = cfg.namespaces[1];
        for (const auto& a : allow)
            e.policy.allow.push_back(a.toStdString());
        for (const auto& d : deny)
            e.policy.deny.push_back(d.toStdString());
        if (digestOnly)
            e.policy.tags = TagMode::DigestOnly;
        const std::string p = path.toStdString();
        const auto r = resolveNamespace({p, "quay.io", "proxy"}, cfg);
        QVERIFY(r.route == Route::Namespace);
        const auto decision = applyPolicy(*r.entry, r);
        QCOMPARE(decision.allowed, status == 0);
        QCOMPARE(decision.status, status);
        QCOMPARE(QString::fromStdString(decision.errorCode), code);
    }
};

QTEST_GUILESS_MAIN(TestNamespaceResolver)
#include "tst_namespaceresolver.moc"
