#include "ui/ProbePage.h"

#include "ui/StatusColors.h"
#include "core/client/AdminClient.h"
#include "core/client/MessageText.h"
#include "core/client/ProxyConnection.h"
#include "core/export/HttpUrl.h"
#include "core/model/RegistryHost.h"
#include "ui/EditorDocument.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace nsgate::ui {

namespace {

// "http://host:5000/" and "http://host:5000" are one registry; show the
// short form (StripTrailingSlash keeps a lone "/").
QString urlText(QUrl url)
{
    if (url.path() == QLatin1String("/"))
        url.setPath({});
    return url.toString(QUrl::StripTrailingSlash);
}

// Events reach the log in batches, so the probe's own event may show up a
// moment after the probe's answer.
constexpr int kEventAttempts = 30;
constexpr int kEventRetryMs = 100;
constexpr int kEventPageLimit = 1000;

QString verdictText(client::NsVerdict verdict)
{
    switch (verdict) {
    case client::NsVerdict::Honours:
        return ProbePage::tr("honours ns");
    case client::NsVerdict::Ignores:
        return ProbePage::tr("does not honour ns: it ignores it and mixes registries");
    case client::NsVerdict::Silent:
        return ProbePage::tr("does not say whether it honours ns");
    case client::NsVerdict::Conflict:
        return ProbePage::tr("does not honour ns: it answered for another namespace");
    case client::NsVerdict::Unknown:
        return ProbePage::tr("unknown");
    }
    return {};
}

QString orNone(const QString& text)
{
    return text.isEmpty() ? ProbePage::tr("(none)") : text;
}

// Two spellings of one registry URL compare equal: case of scheme and host,
// default ports, trailing slashes.
QUrl normalizedUrl(QUrl url)
{
    url.setScheme(url.scheme().toLower());
    url.setHost(url.host().toLower());
    if (url.port() == (url.scheme() == QLatin1String("https") ? 443 : 80))
        url.setPort(-1);
    url = url.adjusted(QUrl::StripTrailingSlash | QUrl::RemoveQuery | QUrl::RemoveFragment);
    if (url.path() == QLatin1String("/"))
        url.setPath({});
    return url;
}

QLabel* valueLabel(QWidget* parent, const char* name)
{
    auto* label = new QLabel(parent);
    label->setObjectName(QString::fromLatin1(name));
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

} // namespace

ProbePage::ProbePage(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("probePage"));

    m_referenceEdit = new QLineEdit(this);
    m_referenceEdit->setObjectName(QStringLiteral("probeReference"));
    m_referenceEdit->setPlaceholderText(tr("e.g. docker.io/library/alpine:3.20 or ghcr.io/org/app@sha256:…"));
    m_registryEdit = new QLineEdit(this);
    m_registryEdit->setObjectName(QStringLiteral("probeRegistryUrl"));
    m_registryEdit->setPlaceholderText(tr("http://mirror.lan:5000"));
    m_registryEdit->setToolTip(tr("The mirror to ask: this proxy by default, or any other mirror to check "
                                  "whether it honours ns"));
    m_probeButton = new QPushButton(tr("&Probe"), this);
    m_probeButton->setObjectName(QStringLiteral("probeButton"));
    m_probeButton->setDefault(true);
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_cancelButton->setObjectName(QStringLiteral("probeCancelButton"));
    m_cancelButton->hide();
    m_busy = new QProgressBar(this);
    m_busy->setObjectName(QStringLiteral("probeBusy"));
    m_busy->setRange(0, 0); // no measurable progress: an indeterminate bar
    m_busy->setMaximumWidth(120);
    m_busy->setTextVisible(false);
    m_busy->hide();

    auto* inputs = new QFormLayout;
    inputs->addRow(tr("&Image reference:"), m_referenceEdit);
    auto* registryRow = new QHBoxLayout;
    registryRow->addWidget(m_registryEdit, 1);
    registryRow->addWidget(m_probeButton);
    registryRow->addWidget(m_cancelButton);
    registryRow->addWidget(m_busy);
    // A row holding a layout gets no buddy by itself; without one the '&'
    // would show instead of the shortcut.
    auto* registryLabel = new QLabel(tr("&Mirror URL:"), this);
    registryLabel->setBuddy(m_registryEdit);
    inputs->addRow(registryLabel, registryRow);

    m_error = valueLabel(this, "probeError");
    m_error->setStyleSheet(errorLabelStyle());
    m_error->hide();
    m_status = valueLabel(this, "probeStatus");
    m_digest = valueLabel(this, "probeDigest");
    m_mediaType = valueLabel(this, "probeMediaType");
    m_namespace = valueLabel(this, "probeNamespace");
    m_verdict = valueLabel(this, "probeVerdict");
    m_upstream = valueLabel(this, "probeUpstream");
    m_originMatch = valueLabel(this, "probeOriginMatch");
    auto* resultBox = new QGroupBox(tr("Result"), this);
    resultBox->setObjectName(QStringLiteral("probeResults"));
    auto* results = new QFormLayout(resultBox);
    results->addRow(tr("Status:"), m_status);
    results->addRow(tr("Digest:"), m_digest);
    results->addRow(tr("Media type:"), m_mediaType);
    results->addRow(tr("OCI-Namespace:"), m_namespace);
    results->addRow(tr("ns conformance:"), m_verdict);
    results->addRow(tr("Served by upstream:"), m_upstream);
    results->addRow(tr("Same as the origin:"), m_originMatch);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(inputs);
    layout->addWidget(m_error);
    layout->addWidget(resultBox);
    layout->addStretch();

    connect(m_probeButton, &QPushButton::clicked, this, &ProbePage::probe);
    connect(m_referenceEdit, &QLineEdit::returnPressed, this, &ProbePage::probe);
    connect(m_registryEdit, &QLineEdit::returnPressed, this, &ProbePage::probe);
    connect(m_cancelButton, &QPushButton::clicked, this, &ProbePage::cancel);
    connect(m_registryEdit, &QLineEdit::textEdited, this,
            [this](const QString& text) { m_registryUrlEdited = !text.isEmpty(); });
    clearResults();
}

ProbePage::~ProbePage() = default;

void ProbePage::setProxy(client::ProxyConnection* proxy)
{
    if (m_proxy)
        disconnect(m_proxy, nullptr, this, nullptr);
    m_proxy = proxy;
    if (!proxy)
        return setClient(nullptr, {});
    setClient(proxy->client(), proxy->profile().registryUrl);
    // A rebuilt client or an edited profile only matters to the next probe;
    // a probe in flight finishes against what it started with.
    connect(proxy, &client::ProxyConnection::clientChanged, this,
            [this](client::AdminClient* client) { m_client = client; });
    connect(proxy, &client::ProxyConnection::profileChanged, this, [this] {
        m_proxyRegistryUrl = m_proxy->profile().registryUrl;
        if (!m_registryUrlEdited)
            m_registryEdit->setText(urlText(m_proxyRegistryUrl));
    });
}

void ProbePage::setDocument(EditorDocument* document)
{
    m_document = document;
}

const model::MirrorConfig& ProbePage::config() const
{
    return m_document ? m_document->current() : m_config;
}

void ProbePage::setClient(client::AdminClient* client, const QUrl& registryUrl)
{
    cancel();
    m_client = client;
    m_proxyRegistryUrl = registryUrl;
    if (!m_registryUrlEdited)
        m_registryEdit->setText(registryUrl.isEmpty() ? QString() : urlText(registryUrl));
}

void ProbePage::setConfig(const model::MirrorConfig& config)
{
    m_document = nullptr;
    m_config = config;
}

QUrl ProbePage::originFor(const std::string& registryHost, const model::MirrorConfig& config)
{
    QUrl origin(QString::fromStdString(exporters::originUrl(registryHost)));
    const auto host = model::normalizeRegistryHost(registryHost);
    const model::NamespaceEntry* entry = host ? config.find(*host) : nullptr;
    if (entry && !entry->upstreams.empty() &&
        QUrl(QString::fromStdString(entry->upstreams.front().url)).scheme().toLower() ==
            QLatin1String("http"))
        origin.setScheme(QStringLiteral("http"));
    return origin;
}

bool ProbePage::isThisProxy(const QUrl& url) const
{
    return m_client && m_proxyRegistryUrl.isValid() && !m_proxyRegistryUrl.isEmpty() &&
           normalizedUrl(url) == normalizedUrl(m_proxyRegistryUrl);
}

void ProbePage::clearResults()
{
    m_result.reset();
    m_originResult.reset();
    for (auto* label : {m_status, m_digest, m_mediaType, m_namespace, m_verdict, m_upstream, m_originMatch})
        label->setText(QStringLiteral("—"));
    m_error->clear();
    m_error->hide();
}

void ProbePage::setRunning(bool running)
{
    m_probeButton->setEnabled(!running);
    m_cancelButton->setVisible(running);
    m_busy->setVisible(running);
}

void ProbePage::probe()
{
    cancel();
    clearResults();
    const auto reference = model::parsePullReference(m_referenceEdit->text().trimmed().toStdString());
    if (!reference) {
        m_error->setText(client::translated(reference.error()));
        m_error->show();
        return;
    }
    const QUrl mirror(m_registryEdit->text().trimmed(), QUrl::StrictMode);
    if (!mirror.isValid() || mirror.host().isEmpty() ||
        (mirror.scheme() != QLatin1String("http") && mirror.scheme() != QLatin1String("https"))) {
        m_error->setText(
            tr("The mirror URL \"%1\" is not an http:// or https:// URL.").arg(m_registryEdit->text()));
        m_error->show();
        return;
    }
    m_reference = *reference;
    m_mirror = mirror;
    m_run = new QObject(this);
    setRunning(true);
    m_status->setText(tr("probing…"));
    if (!isThisProxy(mirror))
        return startProbe(std::nullopt);
    // Remember where the proxy's event log stands, so the probe's own event is
    // the first match after it.
    m_client->events(0, 1, m_run, [this](client::ApiResult<client::EventPage> page) {
        startProbe(page ? std::optional<std::int64_t>(page->lastSeq) : std::nullopt);
        if (!page)
            m_upstream->setText(
                tr("unknown: the event log could not be read (%1)").arg(page.error().message()));
    });
}

void ProbePage::startProbe(std::optional<std::int64_t> seqBefore)
{
    // Owned by the run: deleting the run aborts its requests.
    auto* probe = new client::RegistryProbe(m_run);
    m_pendingSteps = 1;
    probe->probe(m_mirror, m_reference, m_run, [this, seqBefore](client::ProbeResult result) {
        showResult(result);
        if (result.status == 200 && !result.digest.isEmpty()) {
            if (seqBefore) {
                ++m_pendingSteps;
                m_upstream->setText(tr("looking up the proxy's event…"));
                findUpstream(*seqBefore, kEventAttempts);
            } else if (!isThisProxy(m_mirror)) {
                m_upstream->setText(tr("only known for this proxy's registry URL"));
            }
            ++m_pendingSteps;
            compareWithOrigin();
        }
        stepDone();
    });
}

void ProbePage::showResult(const client::ProbeResult& result)
{
    m_result = result;
    if (result.status == 0) {
        m_status->setText(tr("no answer: %1").arg(result.error));
    } else {
        m_status->setText(QString::number(result.status));
    }
    m_digest->setText(orNone(result.digest));
    m_mediaType->setText(orNone(result.mediaType));
    m_namespace->setText(orNone(result.ociNamespace));
    m_verdict->setText(tr("%1 (%2)").arg(verdictText(result.verdict), result.explanation));
    m_verdict->setProperty("verdict", static_cast<int>(result.verdict));
}

// The probe's HEAD is logged as a manifest event with the probed namespace,
// repository and tag (or digest); RegistryProbe's control HEAD carries
// another namespace and never matches.
void ProbePage::findUpstream(std::int64_t after, int attemptsLeft)
{
    if (!m_client) {
        m_upstream->setText(tr("unknown: the proxy is no longer selected"));
        return stepDone();
    }
    m_client->events(
        after, kEventPageLimit, m_run,
        [this, after, attemptsLeft](client::ApiResult<client::EventPage> page) {
            if (!page) {
                m_upstream->setText(
                    tr("unknown: the event log could not be read (%1)").arg(page.error().message()));
                return stepDone();
            }
            const auto ns = model::normalizeRegistryHost(m_reference.domain);
            const std::string& reference = m_reference.digest.empty() ? m_reference.tag : m_reference.digest;
            std::int64_t seen = after;
            for (const auto& event : page->events) {
                seen = std::max(seen, event.seq);
                if (event.object != model::ObjectKind::Manifest || event.repository != m_reference.path ||
                    event.reference != reference || !ns || event.requestedNs != *ns)
                    continue;
                const QString cache = QString::fromLatin1(model::toString(event.cache).data());
                if (event.upstream)
                    m_upstream->setText(
                        tr("%1 (cache %2)").arg(QString::fromStdString(*event.upstream), cache));
                else
                    m_upstream->setText(
                        tr("served from the proxy's cache (%1)")
                            .arg(event.detail ? QString::fromStdString(*event.detail) : cache));
                return stepDone();
            }
            if (attemptsLeft <= 1) {
                m_upstream->setText(tr("unknown: the proxy logged no event for this request"));
                return stepDone();
            }
            // A full page may hide the event on the next page: continue from the
            // last seq seen at once; otherwise wait for the next batch.
            const bool fullPage = page->events.size() >= kEventPageLimit;
            QTimer::singleShot(fullPage ? 0 : kEventRetryMs, m_run,
                               [this, seen, attemptsLeft] { findUpstream(seen, attemptsLeft - 1); });
        });
}

void ProbePage::compareWithOrigin()
{
    const QUrl origin = originFor(m_reference.domain, config());
    m_originMatch->setText(tr("asking %1…").arg(origin.toString()));
    auto* probe = new client::RegistryProbe(m_run);
    probe->probe(origin, m_reference, m_run, [this, origin](client::ProbeResult result) {
        m_originResult = result;
        const QString mirrorDigest = m_result ? m_result->digest : QString();
        if (result.status == 0) {
            m_originMatch->setText(
                tr("not compared: %1 did not answer (%2)").arg(origin.toString(), result.error));
        } else if (result.status != 200 || result.digest.isEmpty()) {
            m_originMatch->setText(tr("not compared: %1 answered %2 without a digest")
                                       .arg(origin.toString())
                                       .arg(result.status));
        } else if (result.digest == mirrorDigest) {
            m_originMatch->setText(tr("yes: %1 resolves to the same digest").arg(origin.toString()));
        } else {
            m_originMatch->setText(tr("NO: %1 resolves to %2").arg(origin.toString(), result.digest));
        }
        m_originMatch->setProperty("matches", result.status == 200 && result.digest == mirrorDigest);
        stepDone();
    });
}

void ProbePage::stepDone()
{
    if (--m_pendingSteps > 0)
        return;
    // Deleting the run from inside one of its own callbacks is not safe;
    // deleteLater lets the callback return first.
    m_run->deleteLater();
    m_run = nullptr;
    setRunning(false);
    emit probeFinished();
}

void ProbePage::cancel()
{
    if (!m_run)
        return;
    delete m_run; // disconnects every callback of this probe and aborts its requests
    m_run = nullptr;
    m_pendingSteps = 0;
    setRunning(false);
    m_status->setText(m_result ? m_status->text() : tr("cancelled"));
    for (auto* label : {m_upstream, m_originMatch}) {
        if (label->text().endsWith(QStringLiteral("…")))
            label->setText(tr("cancelled"));
    }
}

} // namespace nsgate::ui
