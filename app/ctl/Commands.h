#pragma once

// One function per nsgatectl sub-command; each takes the arguments after its
// own name and returns the process exit code.

#include <string>
#include <vector>

namespace nsgate::ctl {

using Args = std::vector<std::string>;

int runValidate(const Args& args);
int runExport(const Args& args);   // args start with the format: containerd | registries-conf | k3s | docker
int runImport(const Args& args);   // args start with the format: containerd
int runConfig(const Args& args);   // get | put | revisions
int runEvents(const Args& args);
int runProbe(const Args& args);
int runLog(const Args& args);     // follow | export

} // namespace nsgate::ctl
