#pragma once

// Core's messages (model::Message) in the language the program speaks: the
// pattern and every argument that is itself a message go through
// QCoreApplication::translate with the context core gave them; values (names,
// numbers, quoted input) are shown as they are. With no catalogue installed
// the result is the message's english(), byte for byte.

#include "core/model/Issue.h"
#include "core/model/Message.h"
#include "core/model/Result.h"

#include <QString>

namespace nsgate::client {

QString translated(const model::Message& message);
// The error's translatable text, or its message when core gave none (an
// answer from a proxy, a library's text).
QString translated(const Error& error);
QString translated(const model::Issue& issue);

} // namespace nsgate::client
