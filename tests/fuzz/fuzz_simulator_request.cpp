// Input: "METHOD\nTARGET\n", header lines up to an empty line, then the body. Each request goes
// to the demo-merchant simulator twice — once with authentication (reaching the Authorization
// parser) and once without (reaching routing, the budget body parser and the rules). Every
// answer must be a well-formed HTTP answer with a JSON body.
#include "simulator/DemoMerchant.h"
#include "simulator/WeChatPaySimulator.h"

#include <QJsonDocument>

#include <cstdint>
#include <cstdlib>

using namespace budgetdesk;
using namespace budgetdesk::sim;

namespace {

WeChatPaySimulator *simulator = nullptr;

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    const DemoMerchant &demo = DemoMerchant::instance();
    simulator = new WeChatPaySimulator(demo.simulatorConfig(),
                                       StockCatalog::demo(demo.mchid, QDateTime::currentDateTimeUtc()));
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    const QByteArray input = QByteArray::fromRawData(reinterpret_cast<const char *>(bytes), qsizetype(size));
    QList<QByteArray> lines = input.split('\n');
    SimRequest request;
    request.method = lines.value(0);
    request.target = lines.value(1);
    qsizetype line = 2;
    for (; line < lines.size() && !lines[line].isEmpty(); ++line) {
        const qsizetype colon = lines[line].indexOf(':');
        if (colon > 0)
            request.headers.append({lines[line].left(colon), lines[line].mid(colon + 1)});
    }
    request.body = lines.mid(line + 1).join('\n');

    for (bool authenticated : {true, false}) {
        simulator->setAuthenticationEnabled(authenticated);
        const SimResponse response = simulator->handle(request);
        if (response.status < 200 || response.status > 599)
            std::abort();
        if (!response.body.isEmpty() && QJsonDocument::fromJson(response.body).isNull())
            std::abort();
    }
    return 0;
}
