#pragma once

#include "simulator/LoopbackHttpServer.h"
#include "simulator/WeChatPaySimulator.h"

#include <QList>
#include <QObject>
#include <QUrl>

#include <memory>
#include <optional>

namespace budgetdesk::sim {

// What the simulator saw of one request and what it did, for tests that must prove what a
// client really put on the wire.
struct ReceivedRequest
{
    SimRequest request;
    int status = 0;
    bool dropped = false;
};

// The simulator on a loopback socket: WeChatPaySimulator behind our own LoopbackHttpServer,
// listening on 127.0.0.1 only.
class SimulatorServer : public QObject
{
    Q_OBJECT

public:
    explicit SimulatorServer(std::unique_ptr<WeChatPaySimulator> simulator, HttpServerLimits limits = {},
                             QObject *parent = nullptr);
    ~SimulatorServer() override;

    // Port 0 picks a free one. With `tls`, HTTPS with that certificate.
    bool listen(quint16 port = 0, const std::optional<TlsIdentity> &tls = std::nullopt);
    quint16 port() const { return m_http->port(); }
    QUrl baseUrl() const { return m_http->baseUrl(); } // e.g. https://127.0.0.1:40123
    QString errorString() const { return m_http->errorString(); }
    LoopbackHttpServer &http() { return *m_http; }

    WeChatPaySimulator &simulator() { return *m_simulator; }
    const QList<ReceivedRequest> &receivedRequests() const { return m_received; }
    void clearReceivedRequests() { m_received.clear(); }

Q_SIGNALS:
    // After each answer has been written (or the connection dropped); `total` counts them.
    void answered(qint64 total);

private:
    SimResponse serve(const SimRequest &request);

    std::unique_ptr<WeChatPaySimulator> m_simulator;
    LoopbackHttpServer *m_http = nullptr;
    QList<ReceivedRequest> m_received;
    qint64 m_answered = 0;
};

} // namespace budgetdesk::sim
