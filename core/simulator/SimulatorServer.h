#pragma once

#include "simulator/WeChatPaySimulator.h"

#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QSslKey>
#include <QUrl>

#include <memory>
#include <optional>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;
class QTcpServer;

namespace budgetdesk::sim {

// What the simulator saw of one request and what it did, for tests that must prove what a
// client really put on the wire.
struct ReceivedRequest
{
    SimRequest request;
    int status = 0;
    bool dropped = false;
};

struct TlsIdentity
{
    QSslCertificate certificate;
    QSslKey privateKey;
};

// The simulator on a loopback socket: a QHttpServer bound (`bind()`, the route that survives
// Qt 6.8) to a QTcpServer or QSslServer created here, listening on 127.0.0.1 only.
class SimulatorServer : public QObject
{
    Q_OBJECT

public:
    explicit SimulatorServer(std::unique_ptr<WeChatPaySimulator> simulator, QObject *parent = nullptr);
    ~SimulatorServer() override;

    // Port 0 picks a free one. With `tls`, HTTPS with that certificate.
    bool listen(quint16 port = 0, const std::optional<TlsIdentity> &tls = std::nullopt);
    quint16 port() const;
    QUrl baseUrl() const; // e.g. https://127.0.0.1:40123
    QString errorString() const { return m_error; }

    WeChatPaySimulator &simulator() { return *m_simulator; }
    const QList<ReceivedRequest> &receivedRequests() const { return m_received; }
    void clearReceivedRequests() { m_received.clear(); }

Q_SIGNALS:
    // After each answer has been written (or the connection dropped); `total` counts them.
    void answered(qint64 total);

private:
    void serve(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void deliver(QHttpServerResponder &responder, const SimResponse &response);

    std::unique_ptr<WeChatPaySimulator> m_simulator;
    QHttpServer *m_http = nullptr;
    QTcpServer *m_listener = nullptr;
    bool m_tls = false;
    QString m_error;
    QList<ReceivedRequest> m_received;
    qint64 m_answered = 0;
};

} // namespace budgetdesk::sim
