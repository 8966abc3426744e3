#include "ui/ReplaceConfigCommand.h"

namespace nsgate::ui {

ReplaceConfigCommand::ReplaceConfigCommand(model::MirrorConfig next, const QString& text)
    : EditCommand({}), m_next(std::move(next))
{
    setText(text);
}

bool ReplaceConfigCommand::forward(model::MirrorConfig& config, QString*)
{
    m_previous = config;
    const auto revision = config.revision;
    config = m_next;
    config.revision = revision;
    m_same = config == m_previous;
    return true;
}

bool ReplaceConfigCommand::backward(model::MirrorConfig& config, QString*)
{
    const auto revision = config.revision;
    config = m_previous;
    config.revision = revision;
    return true;
}

std::unique_ptr<EditCommand> ReplaceConfigCommand::copy() const
{
    return std::make_unique<ReplaceConfigCommand>(m_next, text());
}

} // namespace nsgate::ui
