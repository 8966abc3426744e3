#pragma once

// One undoable step that swaps the whole map: a rollback to an old revision,
// or a draft imported from a hosts.toml tree. The revision stays the
// document's own, so the push that follows is guarded by what the proxy has.

#include "ui/EditCommands.h"

namespace nsgate::ui {

class ReplaceConfigCommand final : public EditCommand
{
public:
    ReplaceConfigCommand(model::MirrorConfig next, const QString& text);

protected:
    bool forward(model::MirrorConfig& config, QString* why) override;
    bool backward(model::MirrorConfig& config, QString* why) override;
    std::unique_ptr<EditCommand> copy() const override;
    bool changedNothing() const override { return m_same; }

private:
    model::MirrorConfig m_next;
    model::MirrorConfig m_previous;
    bool m_same = false;
};

} // namespace nsgate::ui
