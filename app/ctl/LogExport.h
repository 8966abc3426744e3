#pragma once

// `nsgatectl log export`: the local log store to CSV or JSON Lines on
// stdout, in the formats of core/model/EventExport.h.

#include "app/ctl/Commands.h"

namespace nsgate::ctl {

int runLogExport(const Args& args);

} // namespace nsgate::ctl
