#pragma once

// How the remote sub-commands reach a proxy's admin API: --admin URL and
// --token-file FILE (or NSGATE_ADMIN_URL / NSGATE_ADMIN_TOKEN_FILE), and a
// way to wait for asynchronous answers from a command-line program.

#include "app/ctl/CommandLine.h"
#include "core/client/AdminClient.h"

#include <functional>
#include <optional>

namespace nsgate::ctl {

// The options every remote command accepts.
std::vector<OptionSpec> adminOptions();

// Builds the connection from the parsed options and the environment; prints
// why and returns nullopt when something is missing or unreadable.
std::optional<client::ConnectionOptions> adminConnection(const ParsedArgs& args);

// Runs the event loop until `body` calls the finish function it was given;
// returns the exit code passed to it.
int runUntilDone(const std::function<void(std::function<void(int)> finish)>& body);

// Prints an API failure the way validate prints problems: one line, then
// `POINTER: message` for each error the proxy listed.
void printApiError(const client::ApiError& error);

} // namespace nsgate::ctl
