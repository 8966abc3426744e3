#pragma once

// The edits of the map editor as undo commands. A command names its target by
// namespace name (and an upstream by its index in that namespace), never by a
// view index, so it can be applied again to another base: that is how a rebase
// after a 412 replays the operator's edits on top of a colleague's push.
//
// Each command captures the value it replaces when it is applied (in either
// direction), so after a rebase its undo restores the colleague's value, not
// the one the operator saw first.

#include "core/model/MirrorConfig.h"

#include <QCoreApplication>
#include <QString>
#include <QUndoCommand>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace nsgate::ui {

class EditorDocument;

class EditCommand : public QUndoCommand
{
    Q_DECLARE_TR_FUNCTIONS(nsgate::ui::EditCommand)

public:
    ~EditCommand() override;

    // Applies the edit to `config`. False, with the reason in `why`, when its
    // target is gone or it would give two namespaces one name (the commands find
    // namespaces by name); `config` is unchanged then.
    bool applyTo(model::MirrorConfig& config, QString* why = nullptr);
    // The inverse of applyTo, from the state applyTo left.
    bool revertFrom(model::MirrorConfig& config, QString* why = nullptr);
    // The same edit for another base; `inverted` swaps apply and revert (used to
    // replay an undone, already pushed edit).
    std::unique_ptr<EditCommand> clone(bool inverted = false) const;
    // The namespace the edit targets (its name before the edit); empty for
    // document-level fields.
    const std::string& namespaceName() const { return m_namespace; }

    void redo() override;
    void undo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand* other) override;

protected:
    explicit EditCommand(std::string ns);

    virtual bool forward(model::MirrorConfig& config, QString* why) = 0;
    virtual bool backward(model::MirrorConfig& config, QString* why) = 0;
    virtual std::unique_ptr<EditCommand> copy() const = 0;
    // Typing merges: commands with the same merge id and target fold into one step.
    virtual int mergeId() const { return -1; }
    virtual bool sameTarget(const EditCommand& other) const;
    virtual void absorb(const EditCommand& later);
    // True when the last forward() left the document as it was (no undo step).
    virtual bool changedNothing() const { return false; }

    // A rename applied to the live document tells it, so views keyed by name follow.
    void announceRename(const model::MirrorConfig& config, const std::string& from, const std::string& to);
    static model::NamespaceEntry* findNamespace(model::MirrorConfig& config, const std::string& name,
                                                QString* why);

    std::string m_namespace;

private:
    friend class EditorDocument;

    EditorDocument* m_document = nullptr;
    std::uint64_t m_generation = 0;
    bool m_inverted = false;
};

// Factories for every edit the editor makes. Upstream indexes are 0-based;
// position -1 appends.
namespace edit {

std::unique_ptr<EditCommand> addNamespace(model::NamespaceEntry entry, int position = -1);
std::unique_ptr<EditCommand> removeNamespace(std::string name);
std::unique_ptr<EditCommand> renameNamespace(std::string from, std::string to);
std::unique_ptr<EditCommand> setAliases(std::string ns, std::vector<std::string> aliases);
std::unique_ptr<EditCommand> setDefaultNamespace(std::optional<std::string> name);

std::unique_ptr<EditCommand> addUpstream(std::string ns, model::Upstream upstream, int position = -1);
std::unique_ptr<EditCommand> removeUpstream(std::string ns, int index);
std::unique_ptr<EditCommand> moveUpstream(std::string ns, int from, int to);
std::unique_ptr<EditCommand> setUpstreamUrl(std::string ns, int index, std::string url);
std::unique_ptr<EditCommand> setUpstreamCredential(std::string ns, int index,
                                                   std::optional<std::string> name);
std::unique_ptr<EditCommand> setUpstreamCaPem(std::string ns, int index, std::optional<std::string> pem);
std::unique_ptr<EditCommand> setUpstreamTlsVerify(std::string ns, int index, bool verify);
std::unique_ptr<EditCommand> setUpstreamForwardNs(std::string ns, int index, bool forward);
std::unique_ptr<EditCommand> setUpstreamRepositoryPrefix(std::string ns, int index,
                                                         std::optional<std::string> prefix);

std::unique_ptr<EditCommand> setAllow(std::string ns, std::vector<std::string> globs);
std::unique_ptr<EditCommand> setDeny(std::string ns, std::vector<std::string> globs);
std::unique_ptr<EditCommand> setTagMode(std::string ns, model::TagMode mode);
std::unique_ptr<EditCommand> setTagTtl(std::string ns, std::int64_t seconds);
std::unique_ptr<EditCommand> setServeStale(std::string ns, bool serveStale);
std::unique_ptr<EditCommand> setOnMissingNs(std::string ns, model::MissingNsMode mode);

} // namespace edit

} // namespace nsgate::ui
