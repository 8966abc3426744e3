// Map editor speed with a large map, measured and printed, never asserted:
//
//   validate  model::validateConfig alone on the whole map;
//   edit      one edit through the document (command, validation, diffed model
//             update, the signals) with a NamespacesModel in a shown table, then
//             the same with the whole MapEditorPage (details pane, validation
//             panel, default-namespace picker), events and repaint included;
//   scroll    an offscreen QTableView over the namespaces scrolled top to bottom
//             one page at a time, each step painted synchronously.
//
// The issue's target is < 50 ms per edit with 2,000 namespaces; a scroll step
// should fit a 16 ms frame. Not run by CTest: figures are for reading.
//
// usage: editor_bench [namespaces=2000] [edits=200]

#include "core/model/ConfigValidator.h"
#include "ui/EditCommands.h"
#include "ui/EditorDocument.h"
#include "ui/MapEditorPage.h"
#include "ui/NamespacesModel.h"

#include <QApplication>
#include <QHeaderView>
#include <QScrollBar>
#include <QTableView>
#include <QUndoStack>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace {

using namespace nsgate;
using Clock = std::chrono::steady_clock;

double ms(Clock::duration d)
{
    return std::chrono::duration<double, std::milli>(d).count();
}

struct Stats
{
    std::vector<double> samples;
    void add(double v) { samples.push_back(v); }
    double mean() const
    {
        double sum = 0;
        for (double v : samples)
            sum += v;
        return samples.empty() ? 0 : sum / static_cast<double>(samples.size());
    }
    double max() const { return samples.empty() ? 0 : *std::max_element(samples.begin(), samples.end()); }
    double percentile(double p) const
    {
        if (samples.empty())
            return 0;
        auto sorted = samples;
        std::sort(sorted.begin(), sorted.end());
        const auto i = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1));
        return sorted[i];
    }
};

void print(const char* what, const Stats& s, double target)
{
    std::printf("%-34s n=%4zu  mean %7.2f ms  p95 %7.2f ms  max %7.2f ms  (target %g ms: %s)\n", what,
                s.samples.size(), s.mean(), s.percentile(0.95), s.max(), target,
                s.max() < target ? "max within" : (s.mean() < target ? "mean within, max over" : "OVER"));
}

std::string host(int i)
{
    return "registry" + std::to_string(i) + ".example.com";
}

model::MirrorConfig bigMap(int count)
{
    model::MirrorConfig config;
    config.revision = 42;
    config.namespaces.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        model::NamespaceEntry entry;
        entry.name = host(i);
        entry.aliases = {"alias" + std::to_string(i) + ".example.com"};
        for (int u = 0; u < 3; ++u) {
            model::Upstream up;
            up.url = "https://mirror" + std::to_string(u) + ".example.net/v2-" + std::to_string(i);
            up.credential =
                u == 0 ? std::optional<std::string>("cred-" + std::to_string(i % 10)) : std::nullopt;
            up.repositoryPrefix = u == 2 ? std::optional<std::string>("proxy/") : std::nullopt;
            entry.upstreams.push_back(up);
        }
        entry.policy.allow = {"library/**", "team-" + std::to_string(i % 7) + "/*"};
        entry.policy.deny = {"library/secret"};
        config.namespaces.push_back(std::move(entry));
    }
    config.defaultNamespace = host(0);
    return config;
}

// A mix of what an operator does, on namespaces spread over the map: typing
// into fields, renames, upstream and namespace adds/removes, and a field made
// invalid and fixed again (the problem path).
class EditMix
{
public:
    explicit EditMix(int count) : m_count(count) {}

    int pick()
    {
        m_seed = m_seed * 1103515245u + 12345u;
        return static_cast<int>((m_seed >> 8) % static_cast<unsigned>(m_count));
    }

    void run(ui::EditorDocument& document, int edits, Stats& total, const std::function<void()>& settle)
    {
        for (int i = 0; i < edits; ++i) {
            const int n = pick();
            const std::string ns = document.current().namespaces[static_cast<std::size_t>(n)].name;
            const char* kind = nullptr;
            std::unique_ptr<ui::EditCommand> command;
            switch (i % 10) {
            case 0:
                kind = "url";
                command =
                    ui::edit::setUpstreamUrl(ns, 1, "https://typed" + std::to_string(i) + ".example.net");
                break;
            case 1:
                kind = "ttl";
                command = ui::edit::setTagTtl(ns, 60 + i);
                break;
            case 2:
                kind = "rename";
                command = ui::edit::renameNamespace(ns, "r" + std::to_string(i) + "." + ns);
                break;
            case 3:
                kind = "aliases";
                command = ui::edit::setAliases(ns, {"a" + std::to_string(i) + ".example.org"});
                break;
            case 4:
                kind = "add upstream";
                {
                    model::Upstream up;
                    up.url = "https://added.example.net";
                    command = ui::edit::addUpstream(ns, up);
                }
                break;
            case 5:
                kind = "invalid url";
                command = ui::edit::setUpstreamUrl(ns, 0, "ftp://broken");
                break;
            case 6:
                kind = "fix url";
                command = ui::edit::setUpstreamUrl(ns, 0, "https://fixed.example.net");
                break;
            case 7:
                kind = "add namespace";
                {
                    model::NamespaceEntry entry;
                    entry.name = "new" + std::to_string(i) + ".example.org";
                    entry.upstreams.resize(1);
                    entry.upstreams[0].url = "https://new.example.net";
                    command = ui::edit::addNamespace(entry, n);
                }
                break;
            case 8:
                kind = "remove namespace";
                command = ui::edit::removeNamespace(ns);
                break;
            default:
                kind = "allow";
                command = ui::edit::setAllow(ns, {"org" + std::to_string(i) + "/**"});
                break;
            }
            document.sealEdits();
            // Case 6 fixes the namespace broken in case 5.
            if (i % 10 == 6)
                command = ui::edit::setUpstreamUrl(m_broken, 0, "https://fixed.example.net");
            if (i % 10 == 5)
                m_broken = ns;
            const auto start = Clock::now();
            if (!document.push(std::move(command)))
                std::fprintf(stderr, "edit %d (%s) refused\n", i, kind);
            settle();
            const double t = ms(Clock::now() - start);
            total.add(t);
            m_perKind[kind].add(t);
        }
    }

    void printKinds() const
    {
        for (const auto& [kind, stats] : m_perKind)
            std::printf("    %-18s mean %7.2f ms  max %7.2f ms\n", kind.c_str(), stats.mean(), stats.max());
    }

private:
    int m_count;
    unsigned m_seed = 12345;
    std::map<std::string, Stats> m_perKind;
    std::string m_broken;
};

void scrollBench(const char* what, QTableView& view)
{
    QScrollBar* bar = view.verticalScrollBar();
    bar->setValue(0);
    view.viewport()->repaint();
    Stats steps;
    while (bar->value() < bar->maximum()) {
        const auto start = Clock::now();
        bar->setValue(bar->value() + bar->pageStep());
        view.viewport()->repaint(); // synchronous paint of the newly visible rows
        steps.add(ms(Clock::now() - start));
    }
    print(what, steps, 16);
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int count = argc > 1 ? std::atoi(argv[1]) : 2000;
    const int edits = argc > 2 ? std::atoi(argv[2]) : 200;
    const model::MirrorConfig config = bigMap(count);
    std::printf("editor_bench: %d namespaces x 3 upstreams, %d edits, Qt %s, platform %s\n", count, edits,
                qVersion(), qPrintable(QGuiApplication::platformName()));

    Stats validate;
    for (int i = 0; i < 50; ++i) {
        const auto start = Clock::now();
        const auto issues = model::validateConfig(config);
        validate.add(ms(Clock::now() - start));
        if (!issues.empty())
            std::fprintf(stderr, "unexpected issue: %s %s\n", issues[0].pointer.c_str(),
                         issues[0].message.c_str());
    }
    print("validateConfig alone", validate, 50);

    {
        ui::EditorDocument document;
        const auto start = Clock::now();
        document.load(config);
        ui::NamespacesModel model;
        model.setDocument(&document);
        QTableView view;
        view.setModel(&model);
        view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
        view.resize(1000, 700);
        view.show();
        QCoreApplication::processEvents();
        std::printf("load + model + first paint: %.2f ms\n", ms(Clock::now() - start));

        EditMix mix(count);
        Stats total;
        mix.run(document, edits, total, [] {});
        print("edit: document + table model", total, 50);
        mix.printKinds();
        scrollBench("scroll: table, one page per step", view);

        Stats undo;
        while (document.undoStack()->canUndo()) {
            const auto t0 = Clock::now();
            document.undoStack()->undo();
            undo.add(ms(Clock::now() - t0));
        }
        print("undo of every edit", undo, 50);
    }

    {
        ui::EditorDocument document;
        document.load(config);
        ui::MapEditorPage page(nullptr);
        page.setDocument(&document);
        page.resize(1400, 900);
        page.show();
        page.selectNamespace(QString::fromStdString(host(count / 2)));
        QCoreApplication::processEvents();

        EditMix mix(count);
        Stats total;
        mix.run(document, edits, total, [&page] {
            QCoreApplication::processEvents();
            page.repaint();
        });
        print("edit: whole MapEditorPage + paint", total, 50);
        mix.printKinds();
        scrollBench("scroll: page's namespaces table", *page.namespacesTable());
    }
    return 0;
}
