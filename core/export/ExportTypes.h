#pragma once

// What every client-configuration writer returns: the files to write and the
// things the operator must know because the format could not express them.

#include "core/model/Message.h"

#include <string>
#include <vector>

namespace nsgate::exporters {

struct ExportedFile
{
    std::string relativePath; // relative to the output directory (tree formats) or the output file
    std::string content;

    friend bool operator==(const ExportedFile&, const ExportedFile&) = default;
};

struct ExportResult
{
    std::vector<ExportedFile> files; // sorted by relativePath
    // One sentence each, naming the namespace or option concerned; english()
    // for logs and files, nsgate::client::translated() for people.
    std::vector<model::Message> warnings;
};

} // namespace nsgate::exporters
