#include "core/model/EventExport.h"

#include <boost/json.hpp>

#include <charconv>
#include <optional>
#include <ostream>
#include <string>

namespace nsgate::model {

namespace {

void csvField(std::ostream& out, std::string_view value)
{
    if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
        out << value;
        return;
    }
    out << '"';
    for (char c : value) {
        if (c == '"')
            out << '"';
        out << c;
    }
    out << '"';
}

void csvField(std::ostream& out, const std::optional<std::string>& value)
{
    if (value)
        csvField(out, std::string_view(*value));
}

} // namespace

void writeEventCsvHeader(std::ostream& out)
{
    out << "instanceId,seq,time,method,object,requestedNs,servedNs,upstream,repository,reference,digest,mediaType,"
           "cache,mismatch,decision,status,bytes,durationMs,client,userAgent,detail\r\n";
}

void writeEventCsvRow(std::ostream& out, std::string_view instanceId, const Event& e)
{
    csvField(out, instanceId);
    out << ',' << e.seq << ',' << formatTime(e.timeMs) << ',';
    csvField(out, std::string_view(e.method));
    out << ',' << toString(e.object) << ',';
    csvField(out, e.requestedNs);
    out << ',';
    csvField(out, e.servedNs);
    out << ',';
    csvField(out, e.upstream);
    out << ',';
    csvField(out, std::string_view(e.repository));
    out << ',';
    csvField(out, std::string_view(e.reference));
    out << ',';
    csvField(out, e.digest);
    out << ',';
    csvField(out, e.mediaType);
    out << ',' << toString(e.cache) << ',' << toString(e.mismatch) << ',' << toString(e.decision) << ',' << e.status
        << ',' << e.bytes << ',';
    // Fixed precision and no locale (a console running in German must not
    // write "0,250" into a CSV): the same event gives the same bytes everywhere.
    char duration[64];
    const auto written = std::to_chars(duration, duration + sizeof duration, e.durationMs, std::chars_format::fixed, 3);
    out << std::string_view(duration, written.ec == std::errc() ? std::size_t(written.ptr - duration) : 0) << ',';
    csvField(out, std::string_view(e.client));
    out << ',';
    csvField(out, std::string_view(e.userAgent));
    out << ',';
    csvField(out, e.detail);
    out << "\r\n";
}

void writeEventJsonLine(std::ostream& out, std::string_view instanceId, const Event& event)
{
    boost::json::value json = eventToJson(event);
    json.as_object()["instanceId"] = instanceId;
    out << boost::json::serialize(json) << '\n';
}

} // namespace nsgate::model
