#include "simulator/SimulatorServer.h"

namespace budgetdesk::sim {

SimulatorServer::SimulatorServer(std::unique_ptr<WeChatPaySimulator> simulator, HttpServerLimits limits,
                                 QObject *parent)
    : QObject(parent)
    , m_simulator(std::move(simulator))
    , m_http(new LoopbackHttpServer([this](const SimRequest &request) { return serve(request); }, limits, this))
{
    connect(m_http, &LoopbackHttpServer::answered, this, [this] { Q_EMIT answered(++m_answered); });
}

SimulatorServer::~SimulatorServer()
{
    delete m_http; // its connections call back into this object
}

bool SimulatorServer::listen(quint16 port, const std::optional<TlsIdentity> &tls)
{
    return m_http->listen(port, tls);
}

SimResponse SimulatorServer::serve(const SimRequest &request)
{
    SimResponse response = m_simulator->handle(request);
    m_received.append({request, response.status, response.delivery == SimResponse::Delivery::DropConnection});
    if (m_received.size() > m_simulator->config().recordedRequestLimit)
        m_received.removeFirst();
    return response;
}

} // namespace budgetdesk::sim
