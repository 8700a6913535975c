// Input: the bytes a server sends. They are parsed as an HTTP answer and as a request (the
// simulator's side), once whole and once in 3-byte pieces — the two must agree, and nothing
// may grow past the limits. A parsed body is then read as a batch, as a lookup would.
#include "busifavor/StockDetails.h"
#include "http/HttpMessageParser.h"

#include <cstdint>
#include <cstdlib>

using namespace budgetdesk;

namespace {

HttpMessageParser::Limits limits()
{
    HttpMessageParser::Limits limits;
    limits.headerBytes = 2048;
    limits.headerCount = 32;
    limits.bodyBytes = 4096;
    return limits;
}

void check(bool condition)
{
    if (!condition)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    const QByteArray input = QByteArray::fromRawData(reinterpret_cast<const char *>(bytes), qsizetype(size));
    for (HttpMessageParser::Kind kind : {HttpMessageParser::Kind::Response, HttpMessageParser::Kind::Request}) {
        HttpMessageParser whole(kind, limits());
        const qsizetype usedWhole = whole.feed(input);
        whole.finishAtEndOfStream();

        HttpMessageParser pieces(kind, limits());
        qsizetype usedPieces = 0;
        while (usedPieces < input.size() && !pieces.isComplete() && !pieces.hasFailed())
            usedPieces
                += pieces.feed(QByteArrayView(input).sliced(usedPieces, qMin<qsizetype>(3, input.size() - usedPieces)));
        pieces.finishAtEndOfStream();

        check(whole.isComplete() == pieces.isComplete());
        check(whole.hasFailed() == pieces.hasFailed());
        check(usedWhole <= input.size());
        check(whole.body().size() <= limits().bodyBytes);
        check(whole.headers().size() <= limits().headerCount);
        if (whole.isComplete()) {
            check(usedWhole == usedPieces);
            check(whole.body() == pieces.body());
            check(whole.status() == pieces.status());
            check(whole.target() == pieces.target());
            (void)StockDetails::fromJson(whole.body(), QStringLiteral("1212000000000001"));
        }
    }
    return 0;
}
